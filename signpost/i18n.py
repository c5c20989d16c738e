"""Renders user-facing text from locales/ with python-i18n.

The locale is passed on every call (python-i18n's global locale would race between concurrent
conversations). A key missing in a translation falls back to English; a key missing in English is a
bug and raises, so it is caught by the tests rather than shown as a raw key.
"""
from __future__ import annotations

import re
import threading

import i18n

from signpost import paths
from signpost.languages import DEFAULT_LOCALE

# A placeholder in a locale string: %{number}. A translation must keep those of its English text.
PLACEHOLDER = re.compile(r"%\{(\w+)\}")

_lock = threading.Lock()
_configured = False


def _configure() -> None:
    global _configured
    with _lock:
        if _configured:
            return
        i18n.set("file_format", "yml")
        i18n.set("filename_format", "{locale}.{format}")
        i18n.set("skip_locale_root_data", False)
        i18n.set("enable_memoization", True)
        i18n.set("fallback", DEFAULT_LOCALE)
        i18n.set("error_on_missing_translation", True)
        i18n.set("error_on_missing_placeholder", True)
        i18n.load_path.clear()
        i18n.load_path.append(str(paths.LOCALES_DIR))
        _configured = True


def t(key: str, locale: str, **values: object) -> str:
    """t("opening.emergency", "de", number="112") -> the German sentence with 112 in it."""
    _configure()
    return i18n.t(key, locale=locale, **values)
