"""Text helpers: normalisation, sentence splitting and windows for long messages.

Self-contained (no import from the Signpost package) so the layer can be wrapped anywhere.
"""
from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
# Sentence ends: . ! ? … and the Arabic question mark / full stop, or a line break.
_SENTENCE_END = re.compile(r"(?<!\d\.)(?<=[.!?…؟。])\s+|\n+")   # not after "9." (ordinals)


def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing: '  Ich WILL nicht mehr lében!! ' -> 'ich will nicht mehr leben'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ARABIC_MARKS.sub("", text)
    text = text.replace("ß", "ss").replace("ı", "i")
    text = text.replace("'", "").replace("’", "")   # don't -> dont, i'm -> im (one token, as people type it)
    return " ".join(_NON_WORD.sub(" ", text).split())


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_END.split(text or "")]
    return [p for p in parts if p]


def windows(text: str, max_words: int = 60, run_words: int = 30, sentences_per_window: int = 3) -> list[str]:
    """Overlapping windows of consecutive sentences, so that one urgent sentence inside a long message is judged
    on its own and with its neighbours, not diluted by the rest. A sentence longer than `run_words` words
    (people do not always punctuate) is cut into runs of `run_words` words with 50% overlap; windows join up to
    `sentences_per_window` consecutive units while they stay within `max_words` words."""
    units: list[str] = []
    for sentence in sentences(text):
        words = sentence.split()
        if len(words) <= run_words:
            units.append(sentence)
            continue
        step = run_words // 2
        for start in range(0, len(words) - step, step):
            units.append(" ".join(words[start:start + run_words]))
    out: list[str] = []
    for i in range(len(units)):
        for size in range(1, sentences_per_window + 1):
            if i + size > len(units):
                break
            chunk = " ".join(units[i:i + size])
            if size > 1 and len(chunk.split()) > max_words:
                break
            out.append(chunk)
    return out or [text]
