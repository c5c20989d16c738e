"""The vocabulary of needs: one table ties together what a person can need, the Rasa intent that
names it, the safety-net category that catches it, the services that answer it and the word the
counters record. Adding a need means adding a row here (plus its texts in locales/ and its rule).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Need:
    name: str                       # topic button key (locales: topics.<name>), counter detail
    intent: str                     # the Rasa intent (domain.yml)
    kinds: tuple[str, ...]          # directory kinds that answer it, in order of fit
    audiences: tuple[str, ...]      # a service must serve one of these
    urgent: bool = False            # answered at once, even before the country is known
    safety_category: Optional[str] = None   # locales/safety/<locale>.yml category that catches it


# In the order the topic buttons show them.
NEEDS: dict[str, Need] = {need.name: need for need in (
    Need("own_thoughts", "need_own_thoughts", ("prevention_service",), ("self",)),
    Need("viewed_images", "need_viewed_images", ("prevention_service",), ("self",),
         safety_category="imagery_use"),
    Need("someone_else", "need_someone_else", ("family_support", "prevention_service"),
         ("family_friends", "everyone")),
    Need("young_person", "need_young_person", ("child_helpline", "prevention_service"),
         ("young_people", "everyone"), safety_category="young_person"),
    Need("report_images", "need_report_images", ("reporting_hotline",), ("everyone", "self", "family_friends"),
         safety_category="imagery_found"),
    Need("child_in_danger", "child_in_danger", ("emergency_number", "child_helpline"),
         ("everyone", "young_people", "family_friends"), urgent=True, safety_category="child_in_danger"),
    Need("crisis", "crisis", ("crisis_line",), ("everyone", "self", "young_people"), urgent=True,
         safety_category="crisis"),
)}

# A request for sexual content is not a need: it is refused (with the way to help).
REFUSAL_INTENT = "request_sexual_content"
REFUSAL_CATEGORY = "content_request"
REFUSAL_COUNTER = "content_refused"

TOPICS = tuple(NEEDS)
ESCALATIONS = tuple(name for name, need in NEEDS.items() if need.urgent)
INTENT_TO_NEED = {need.intent: name for name, need in NEEDS.items()}
NEED_TO_INTENT = {name: need.intent for name, need in NEEDS.items()}
NEED_INTENTS = frozenset(INTENT_TO_NEED)
ESCALATION_INTENTS = tuple(NEEDS[name].intent for name in ESCALATIONS)

# Safety-net categories, highest priority first: a child in danger > suicide > everything else.
SAFETY_CATEGORIES = ("child_in_danger", "crisis", REFUSAL_CATEGORY, "young_person", "imagery_use", "imagery_found")
CATEGORY_INTENT = {
    **{need.safety_category: need.intent for need in NEEDS.values() if need.safety_category},
    REFUSAL_CATEGORY: REFUSAL_INTENT,
}

# What a first message can be routed to, as `signpost eval` labels it.
ROUTES = (*ESCALATION_INTENTS, *(NEEDS[n].intent for n in TOPICS if not NEEDS[n].urgent), REFUSAL_INTENT)
