"""The benchmark's report: one table, ratios against stock Rasa."""
from __future__ import annotations

import gzip
import os
from typing import Optional
from signpost import paths
from signpost.tools.bench.load import LoadResult

WIDGET_JS = paths.WIDGET_BUILD_DIR / "signpost.js"


def row(name: str, workers: int, cold: float, rss: dict, loads: tuple[LoadResult, LoadResult]) -> dict:
    saturated, paced = loads
    return {"name": name, "workers": workers, "cold_start_s": cold, "rss_mb": rss, **saturated.summary(),
            "paced": paced.summary(), "error_samples": (saturated.errors + paced.errors)[:3],
            "errors": len(saturated.errors) + len(paced.errors)}


def widget_bytes() -> tuple[int, int]:
    if not WIDGET_JS.exists():
        return 0, 0
    raw = WIDGET_JS.read_bytes()
    return len(raw), len(gzip.compress(raw, compresslevel=9))


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base else "-"


def render(rows: list[dict], baseline: Optional[dict], training: dict, widget: tuple[int, int],
           args) -> str:
    lines = [
        f"{args.concurrency} conversations at once; per configuration and phase up to {args.conversations} "
        f"conversations or {args.seconds:.0f} s, after a warm-up round; {os.cpu_count()} CPUs. Saturated: each "
        f"answer is followed at once by the next turn. Paced: {args.think:g} s (0.5-1.5x) before each turn, the first included. "
        f"Load average (1 min) at start {args.load_before:.1f}, at end {os.getloadavg()[0]:.1f}.",
        "",
        "| configuration | paced p50 / p95 / p99 ms | saturated p50 / p95 / p99 ms | turns/s (saturated) "
        "| per worker | errors | RSS MB | cold start s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows + ([baseline] if baseline else []):
        rss = row["rss_mb"]
        rss_text = f"{sum(rss.values()):.0f} (" + ", ".join(f"{k} {v:.0f}" for k, v in rss.items()) + ")"
        paced = row["paced"]
        lines.append(
            f"| {row['name']} | {paced['p50_ms']:.1f} / {paced['p95_ms']:.1f} / {paced['p99_ms']:.1f} "
            f"| {row['p50_ms']:.0f} / {row['p95_ms']:.0f} / {row['p99_ms']:.0f} "
            f"| {row['turns_per_s']:.0f} | {row['turns_per_s'] / row['workers']:.0f} | {row['errors']} "
            f"| {rss_text} | {row['cold_start_s']:.1f} |"
        )
    if baseline:
        lines += ["", "Ratios to the stock Rasa baseline (paced p50, paced p99, turns/s, RSS, cold start):", ""]
        for row in rows:
            lines.append(
                f"- {row['name']}: p50 {_ratio(row['paced']['p50_ms'], baseline['paced']['p50_ms'])}, "
                f"p99 {_ratio(row['paced']['p99_ms'], baseline['paced']['p99_ms'])}, "
                f"turns/s {_ratio(row['turns_per_s'], baseline['turns_per_s'])}, "
                f"RSS {_ratio(sum(row['rss_mb'].values()), sum(baseline['rss_mb'].values()))}, "
                f"cold start {_ratio(row['cold_start_s'], baseline['cold_start_s'])}"
            )
    memory = next((r for r in rows if "in-memory" in r["name"]), None)
    if memory:
        for row in rows:
            if "Redis" in row["name"]:
                lines.append(
                    f"- {row['name']} vs in-memory: paced p50 "
                    f"{_ratio(row['paced']['p50_ms'], memory['paced']['p50_ms'])}, paced p99 "
                    f"{_ratio(row['paced']['p99_ms'], memory['paced']['p99_ms'])}, saturated p50 "
                    f"{_ratio(row['p50_ms'], memory['p50_ms'])}")
    lines += ["", "Full training (`rasa train --force`, no cache): " + ", ".join(
        f"{name} {seconds:.1f} s" for name, seconds in training.items()) + (
        f" ({_ratio(training.get('Signpost', 0), training['stock Rasa'])} the baseline)"
        if training.get("stock Rasa") and training.get("Signpost") else "")]
    lines.append(f"Widget ({WIDGET_JS.relative_to(paths.ROOT)}): {widget[0]} bytes raw, {widget[1]} bytes gzipped.")
    for row in rows + ([baseline] if baseline else []):
        if row.get("error_samples"):
            lines.append(f"Errors in {row['name']}: {row['error_samples']}")
        if row.get("note"):
            lines.append(f"{row['name']}: {row['note']}")
    return "\n".join(lines)
