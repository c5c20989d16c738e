"""Multinomial logistic regression (softmax), L2-regularised, class-balanced, trained with L-BFGS.

Works on dense numpy arrays and scipy CSR matrices alike. numpy + scipy.optimize only.
"""
from __future__ import annotations

import numpy as np
import scipy.optimize as so
import scipy.sparse as sp


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Softmax:
    def __init__(self, l2: float = 1e-4, max_iter: int = 300, balanced: bool = True):
        self.l2 = l2
        self.max_iter = max_iter
        self.balanced = balanced
        self.W = None
        self.b = None
        self.classes: list[str] = []

    def fit(self, X, labels: list[str], weights=None) -> "Softmax":
        self.classes = sorted(set(labels))
        index = {c: i for i, c in enumerate(self.classes)}
        y = np.array([index[c] for c in labels])
        n, d = X.shape
        k = len(self.classes)
        Y = np.zeros((n, k), np.float64)
        Y[np.arange(n), y] = 1.0
        if self.balanced:
            counts = np.bincount(y, minlength=k).astype(np.float64)
            sample_w = (n / (k * counts))[y]
        else:
            sample_w = np.ones(n)
        if weights is not None:
            sample_w = sample_w * np.asarray(weights, dtype=np.float64)
        sample_w = sample_w / sample_w.sum()
        l2 = self.l2
        sparse = sp.issparse(X)
        X = X.astype(np.float32)
        XT = X.T.tocsr() if sparse else np.ascontiguousarray(X.T)

        def loss_grad(theta):
            W = theta[: d * k].reshape(d, k)
            b = theta[d * k:]
            Z = np.asarray(X @ W.astype(np.float32), dtype=np.float64) + b
            Z -= Z.max(axis=1, keepdims=True)
            logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
            loss = -(sample_w * (Y * logp).sum(axis=1)).sum() + 0.5 * l2 * (W * W).sum()
            G = (np.exp(logp) - Y) * sample_w[:, None]
            gW = np.asarray(XT @ G.astype(np.float32), dtype=np.float64) + l2 * W
            gb = G.sum(axis=0)
            return loss, np.concatenate([gW.ravel(), gb])

        theta0 = np.zeros(d * k + k)
        result = so.minimize(loss_grad, theta0, jac=True, method="L-BFGS-B",
                             options={"maxiter": self.max_iter})
        self.W = result.x[: d * k].reshape(d, k).astype(np.float32)
        self.b = result.x[d * k:].astype(np.float32)
        return self

    def logits(self, X) -> np.ndarray:
        return np.asarray(X @ self.W) + self.b

    def predict_proba(self, X) -> np.ndarray:
        return softmax(self.logits(X))

    def state(self) -> dict:
        return {"W": self.W, "b": self.b, "classes": np.array(self.classes), "l2": self.l2}

    @classmethod
    def from_state(cls, state: dict) -> "Softmax":
        model = cls(l2=float(state["l2"]))
        model.W = state["W"]
        model.b = state["b"]
        model.classes = [str(c) for c in state["classes"]]
        return model
