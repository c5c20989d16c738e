"""Which languages Signpost speaks, and how a BCP 47 tag or a country code from a client is read."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import yaml

from signpost import paths

DEFAULT_LOCALE = "en"
# Regional tags whose language we serve under another code (Norwegian Bokmål -> no).
# Signpost writes Norwegian as "no" (as the directory and ISO 639-1 do); CLDR (Babel) and lingua
# name it "nb" (Bokmål). The one place that maps between the two.
BABEL_CODES = {"no": "nb"}
ALIASES = {"nb": "no", "nn": "no", "iw": "he"}
_TAG = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{1,8})*$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


@lru_cache(maxsize=1)
def supported_locales() -> tuple[str, ...]:
    """Every locale with a file in locales/, English first."""
    codes = sorted(p.stem for p in paths.LOCALES_DIR.glob("*.yml"))
    return tuple(sorted(codes, key=lambda c: (c != DEFAULT_LOCALE, c)))


@lru_cache(maxsize=None)
def locale_meta(locale: str) -> dict:
    document = yaml.safe_load((paths.LOCALES_DIR / f"{locale}.yml").read_text(encoding="utf-8"))
    return (document or {}).get(locale, {}).get("meta", {})


def direction(locale: str) -> str:
    return "rtl" if locale_meta(locale).get("direction") == "rtl" else "ltr"


def babel_code(code: str) -> str:
    """Signpost's language code -> the one Babel (CLDR) and lingua use: "no" -> "nb"."""
    return BABEL_CODES.get(code, code)


def from_library_code(code: str) -> str:
    """A library's language code -> Signpost's: "nb" -> "no"."""
    return ALIASES.get(code, code)


def normalise_locale(tag: object) -> Optional[str]:
    """'de-AT' -> 'de', 'pt_BR' -> 'pt', 'xx' -> None (the caller falls back)."""
    if not isinstance(tag, str) or not _TAG.match(tag.strip()):
        return None
    language = re.split(r"[_-]", tag.strip())[0].lower()
    language = from_library_code(language)
    return language if language in supported_locales() else None


def normalise_country(code: object) -> Optional[str]:
    if not isinstance(code, str) or not _COUNTRY.match(code.strip()):
        return None
    return code.strip().upper()
