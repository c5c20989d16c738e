"""`signpost nlu-quality`: intent accuracy and F1 per locale of the whole NLU pipeline (model,
country recognition, safety net) on examples held out from training (evaluation/nlu/)."""
from __future__ import annotations

import argparse
import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from signpost import paths
from signpost.build import build_stale
from signpost.tools.nlu_data import examples_per_locale


def heldout_examples() -> dict[str, list[tuple[str, str]]]:
    return examples_per_locale(paths.NLU_HELDOUT_DIR)


def training_examples() -> dict[str, list[tuple[str, str]]]:
    return examples_per_locale(paths.NLU_DIR)


def load_model():
    """The trained model, in this process, with Rasa's warnings and logs kept quiet."""
    from signpost.server.privacy import silence_warnings

    silence_warnings()
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    return Agent.load(str(paths.MODEL_FILE))


def parse_all(agent, texts: list[str]) -> list[dict]:
    """The parse data the model gives each text. Runs in a thread of its own, so it also works where
    an event loop already holds this one (pytest with Playwright)."""
    async def parse():
        return [await agent.parse_message(text) for text in texts]

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, parse()).result()


def intents_of(agent, texts: list[str]) -> list[str]:
    return [parsed["intent"]["name"] for parsed in parse_all(agent, texts)]


def nlu_quality(agent=None) -> dict[str, dict]:
    from sklearn.metrics import accuracy_score, f1_score

    agent = agent or load_model()
    results = {}
    for locale, examples in heldout_examples().items():
        predicted = intents_of(agent, [text for text, _ in examples])
        expected = [intent for _, intent in examples]
        results[locale] = {
            "n": len(examples),
            "accuracy": accuracy_score(expected, predicted),
            "f1_macro": f1_score(expected, predicted, average="macro", zero_division=0),
            "f1_weighted": f1_score(expected, predicted, average="weighted", zero_division=0),
        }
    return results


def render(results: dict[str, dict]) -> str:
    lines = ["| locale | held-out examples | intent accuracy | F1 (weighted) | F1 (macro) |", "|---|---|---|---|---|"]
    for locale, r in results.items():
        lines.append(f"| {locale} | {r['n']} | {r['accuracy']:.3f} | {r['f1_weighted']:.3f} | {r['f1_macro']:.3f} |")
    return "\n".join(lines)


def cmd_nlu_quality(args: argparse.Namespace) -> int:
    build_stale()
    results = nlu_quality()
    table = render(results)
    print(table)
    if args.write:
        from signpost.tools.docs import replace_generated

        replace_generated(args.write, "nlu-quality", table)
        print(f"Updated {args.write}.")
    worst = min(r["f1_weighted"] for r in results.values())
    return 0 if worst >= args.min_f1 else 1


def register(sub: argparse._SubParsersAction) -> None:
    quality = sub.add_parser("nlu-quality", help="intent accuracy/F1 per locale on held-out examples")
    quality.add_argument("--write", type=Path, help="update the generated table in this Markdown file")
    quality.add_argument("--min-f1", type=float, default=0.0, help="fail if any locale's F1 is lower")
    quality.set_defaults(func=cmd_nlu_quality)
