"""The lab's one error type: printed as a single line by the command line."""


class LabError(Exception):
    """Something the user can act on; str() is the whole message."""
