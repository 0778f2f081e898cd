"""dockerstig lab: a real multi-node Docker cluster on one Linux machine (see lab/README.md)."""

from .envinfo import environment
from .errors import LabError
from .lifecycle import down, ensure_up, status, up

__all__ = ["LabError", "down", "ensure_up", "environment", "status", "up"]
