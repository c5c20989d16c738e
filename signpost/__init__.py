"""Signpost: an anonymous, non-logging chat that routes people to confidential prevention services."""

__version__ = "0.1.0"
