"""Notices when someone writes in a supported language other than the conversation's, so the bot
can offer to switch. Detection uses lingua (low-accuracy mode: about 35 MB and well under a
millisecond per message), restricted to the languages Signpost speaks."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from signpost.languages import babel_code, from_library_code, supported_locales

MIN_WORDS = 3
MIN_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in supported_locales():
        iso = getattr(IsoCode639_1, babel_code(code).upper(), None)
        if iso is not None:
            languages.append(Language.from_iso_code_639_1(iso))
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect(text: str) -> Optional[str]:
    """The supported locale a typed message is written in, when the detector is confident."""
    if text.startswith("/") or len(text.split()) < MIN_WORDS:
        return None
    # The detector takes only valid Unicode: a lone surrogate would make it raise.
    text = text.encode("utf-8", "replace").decode("utf-8")
    detector = _detector()
    values = detector.compute_language_confidence_values(text)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    code = values[0].language.iso_code_639_1.name.lower()
    code = from_library_code(code)
    return code if code in supported_locales() else None
