"""planparse: read UK public-sector action plans (Word, PDF) into structured action records."""

from ._version import __version__

__all__ = ["__version__"]
