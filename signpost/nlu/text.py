"""Text normalisation shared by the NLU components: case, accents, punctuation and spacing."""
from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w*]+", re.UNICODE)
# Arabic diacritics and tatweel carry no meaning for matching.
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def normalise(text: str) -> str:
    """'  Ich   WILL   nicht mehr lében!! ' -> 'ich will nicht mehr leben'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ARABIC_MARKS.sub("", text)
    text = text.replace("ß", "ss").replace("ı", "i")
    return " ".join(_NON_WORD.sub(" ", text).split())
