"""A conversation's stored history is bounded: its slots are kept, only its latest turns.

Each turn loads and saves the whole tracker, so an unbounded conversation gets slower with every
turn, and slows every other conversation on the worker with it. Signpost's rules look back one or
two turns; the slots (language, country, the pending question, services shown) carry the rest.
When a conversation holds more than `max_turns` messages from the person or `max_events` events,
the oldest turns are dropped and the slots are set again right after the session start.
"""
from __future__ import annotations

from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

SESSION_START = "action_session_start"
LISTEN = "action_listen"


def needs_trimming(tracker: DialogueStateTracker, max_turns: int, max_events: int) -> bool:
    events = tracker.events
    if len(events) > max_events:
        return True
    turns = 0
    for event in events:
        if isinstance(event, UserUttered):
            turns += 1
            if turns > max_turns:
                return True
    return False


def trimmed(tracker: DialogueStateTracker, slots: list, max_turns: int, max_events: int) -> DialogueStateTracker:
    """The same conversation with only its latest turns; `slots` are the domain's slot definitions."""
    if not needs_trimming(tracker, max_turns, max_events):
        return tracker
    events = list(tracker.events)
    turn_starts = [i for i, event in enumerate(events) if isinstance(event, UserUttered)]
    kept = turn_starts[-max_turns:] if max_turns > 0 else []
    # Start at the first kept turn that leaves no more than max_events events (minus the preamble).
    cut = next((i for i in kept if len(events) - i <= max_events - len(slots) - 3), None)
    if cut is None:
        cut = turn_starts[-1] if turn_starts else len(events)
    when = events[cut - 1].timestamp if cut > 0 else tracker.events[0].timestamp
    preamble = [ActionExecuted(SESSION_START, timestamp=when), SessionStarted(timestamp=when)]
    for name, value in tracker.current_slot_values().items():
        slot = tracker.slots.get(name)
        if slot is not None and value != slot.initial_value:
            preamble.append(SlotSet(name, value, timestamp=when))
    preamble.append(ActionExecuted(LISTEN, timestamp=when))
    return DialogueStateTracker.from_events(tracker.sender_id, preamble + events[cut:], slots,
                                            sender_source=tracker.sender_source)
