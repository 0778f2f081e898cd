"""dockerstig lab: a real multi-node Docker cluster on one Linux machine (see lab/README.md)."""

from .envinfo import environment
from .errors import LabError
from .lifecycle import down, status, up

__all__ = ["LabError", "down", "environment", "status", "up"]
