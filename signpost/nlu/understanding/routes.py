"""The routes a first message can take, in the order the evaluation labels them (signpost eval):
the needs and the refusal from signpost/vocabulary.py, and "benign" for everything else."""
from __future__ import annotations

from signpost.vocabulary import ESCALATION_INTENTS, ROUTES as NEED_ROUTES

BENIGN = "benign"
ROUTES = (*NEED_ROUTES, BENIGN)
URGENT = ESCALATION_INTENTS


def route_of(intent: str) -> str:
    """Intent -> route: greet, thanks, out_of_scope, ... are all "benign" for first-message routing."""
    return intent if intent in ROUTES else BENIGN
