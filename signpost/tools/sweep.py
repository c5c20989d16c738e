"""`signpost sweep`: choose the urgency thresholds on the tuning set, reproducibly.

The understanding layer is run once per message of evaluation/safety/tune/ in this process (the
trained model's router, no servers), then the urgency rules are applied under every combination of
the parameters given, so a grid of hundreds of settings takes seconds:

    signpost sweep --grid '{"crisis": [0.2, 0.24, 0.28], "over_need": [0.8, 1.0]}'

Each row gives accuracy, danger and crisis recall, missed and false escalations. The rows are
sorted with a missed escalation weighing more than a false one (`--miss-weight`). The report set
is refused: a figure you tuned on is not evidence. The safety net's phrase patterns are applied
as the running bot applies them (after the rules, on the message without its denials; they can
only add an escalation); `--no-net` leaves them out, to see what the layer does on its own.
"""
from __future__ import annotations

import argparse
import itertools
import json
import tarfile
import tempfile
from pathlib import Path
from typing import Optional

from signpost import paths
from signpost.nlu.understanding import urgency
from signpost.nlu.understanding.component import MODEL_FILE
from signpost.nlu.understanding.router import Router
from signpost.nlu.safety_net import urgent_intent
from signpost.nlu.safety_patterns import SafetyMatcher
from signpost.tools.evaluation import load_set, summarise
from signpost.vocabulary import ESCALATION_INTENTS

TUNING_SETS = ("tune", "team")


def load_router(model: Path = paths.MODEL_FILE) -> Router:
    """The understanding layer's router out of a trained Rasa model file."""
    with tarfile.open(model) as tar, tempfile.TemporaryDirectory() as tmp:
        member = next(m for m in tar.getmembers() if m.name.endswith("/" + MODEL_FILE))
        tar.extract(member, tmp)
        return Router.load(str(Path(tmp) / member.name))


def analyse_set(router: Router, messages: list[dict], net: Optional[SafetyMatcher] = None) -> list[tuple]:
    """(message, analysis, the safety net's escalation or None) for each message: the model calls,
    done once; the rules are then cheap to apply under any parameters."""
    analysed = []
    for m in messages:
        a = urgency.analyse(router, m["text"])
        analysed.append((m, a, urgent_intent(net, a.undenied) if net else None))
    return analysed


def route_of(analysis: urgency.Analysis, net_intent: Optional[str], params: dict) -> str:
    route = urgency.route_from(analysis, params).route
    return route if route in ESCALATION_INTENTS or not net_intent else net_intent


def score(analysed: list[tuple], params: dict) -> dict:
    """The evaluation summary of one parameter setting (as `signpost eval` reports it)."""
    results = [{**m, "got": route_of(a, net_intent, params)} for m, a, net_intent in analysed]
    return summarise(results)


def grid_rows(analysed, grid: dict, miss_weight: float = 3.0) -> list[tuple[float, dict, dict]]:
    keys = list(grid)
    rows = []
    for values in itertools.product(*(grid[k] for k in keys)):
        params = {**urgency.DEFAULTS, **dict(zip(keys, values))}
        overall = score(analysed, params)["overall"]
        cost = miss_weight * overall["missed_escalations"] + overall["false_escalations"] + \
            (1 - overall["accuracy"]) * overall["n"]
        rows.append((cost, dict(zip(keys, values)), overall))
    return sorted(rows, key=lambda row: row[0])


def cmd_sweep(args: argparse.Namespace) -> int:
    grid = json.loads(args.grid)
    if not isinstance(grid, dict) or not all(isinstance(v, list) for v in grid.values()):
        raise SystemExit('--grid: a JSON object of lists, e.g. \'{"crisis": [0.2, 0.28]}\'')
    unknown = set(grid) - set(urgency.DEFAULTS)
    if unknown:
        raise SystemExit(f"--grid: not an urgency parameter: {', '.join(sorted(unknown))}")
    net = None if args.no_net else SafetyMatcher.from_directory()
    analysed = analyse_set(load_router(), load_set(args.set, only=args.locale), net)
    print(f"{len(analysed)} messages of the {args.set} set{'' if net else ', without the safety net'}; defaults: "
          + ", ".join(f"{k}={urgency.DEFAULTS[k]}" for k in grid))
    for _, params, s in grid_rows(analysed, grid, args.miss_weight)[:args.top]:
        print(f"{json.dumps(params)}  accuracy {s['accuracy']:.1%}  danger {s['recall']['child_in_danger']:.1%}  "
              f"crisis {s['recall']['crisis']:.1%}  missed {s['missed_escalations']}  "
              f"false {s['false_escalations']} ({s['false_escalation']:.1%})")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sweep", help="choose the urgency thresholds on the tuning set (in process)")
    parser.add_argument("--grid", required=True, help="JSON object: parameter -> list of values")
    parser.add_argument("--set", choices=TUNING_SETS, default="tune",
                        help="tune (default) or team; never the report set")
    parser.add_argument("--locale", action="append", help="only this locale (repeatable)")
    parser.add_argument("--miss-weight", type=float, default=3.0,
                        help="how many false escalations one missed escalation weighs (default 3)")
    parser.add_argument("--no-net", action="store_true", help="leave the safety net's phrase patterns out")
    parser.add_argument("--top", type=int, default=20, help="rows to show (default 20)")
    parser.set_defaults(func=cmd_sweep)
