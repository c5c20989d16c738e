"""Signpost: an anonymous, non-logging chat that routes people to confidential prevention services."""
