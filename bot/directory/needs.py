"""What each need is answered with: which kinds of service, for whom, in which order."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Need:
    name: str
    kinds: tuple[str, ...]          # in order of fit
    audiences: tuple[str, ...]      # a service must serve one of these
    urgent: bool = False            # answered at once, even before the country is known


NEEDS = {
    "own_thoughts": Need("own_thoughts", ("prevention_service",), ("self",)),
    "viewed_images": Need("viewed_images", ("prevention_service",), ("self",)),
    "someone_else": Need(
        "someone_else", ("family_support", "prevention_service"), ("family_friends", "everyone")
    ),
    "young_person": Need(
        "young_person", ("child_helpline", "prevention_service"), ("young_people", "everyone")
    ),
    "report_images": Need("report_images", ("reporting_hotline",), ("everyone", "self", "family_friends")),
    "child_in_danger": Need(
        "child_in_danger", ("emergency_number", "child_helpline"), ("everyone", "young_people", "family_friends"),
        urgent=True,
    ),
    "crisis": Need("crisis", ("crisis_line",), ("everyone", "self", "young_people"), urgent=True),
}

# Rasa intent name -> need
INTENT_TO_NEED = {
    "need_own_thoughts": "own_thoughts",
    "need_viewed_images": "viewed_images",
    "need_someone_else": "someone_else",
    "need_young_person": "young_person",
    "need_report_images": "report_images",
    "child_in_danger": "child_in_danger",
    "crisis": "crisis",
}
NEED_TO_INTENT = {need: intent for intent, need in INTENT_TO_NEED.items()}
