"""`signpost bench`: Signpost in memory, Signpost on Redis behind nginx, and stock Rasa, measured in one run.

Everything runs on this machine, on loopback, for a bounded number of conversations and seconds:

    signpost bench                      # the full run behind docs/benchmarks.md (a few minutes)
    signpost bench --quick              # a short smoke run

The helpers that start Redis (deploy/redis.conf) and nginx (deploy/nginx.conf) on free loopback
ports, and the load client, are also used by tests/test_scale_out.py.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from signpost.build import build_stale
from signpost.tools.bench.harness import (bench_signpost_memory, bench_signpost_redis, bench_signpost_training,
                                          bench_stock)
from signpost.tools.bench.report import render, widget_bytes


def cmd_bench(args: argparse.Namespace) -> int:
    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.quick:
        args.conversations, args.seconds, args.think = min(args.conversations, 60), min(args.seconds, 8), 0.5
    build_stale(log=log)
    args.load_before = os.getloadavg()[0]
    rows, training, baseline = [], {}, None
    with tempfile.TemporaryDirectory(prefix="signpost-bench-") as tmp:
        work = Path(tmp)
        log("Signpost in memory ...")
        rows.append(bench_signpost_memory(args, work, log))
        log("Signpost on Redis ...")
        rows.extend(bench_signpost_redis(args, work, log))
        try:
            if not args.no_baseline:
                log("Stock Rasa ...")
                baseline, training["stock Rasa"] = bench_stock(args, work, log)
            if not args.no_training:
                log("Signpost full training ...")
                training["Signpost"] = bench_signpost_training(work)
        except (subprocess.SubprocessError, OSError, RuntimeError) as error:
            log(f"Baseline or training failed ({type(error).__name__}: {error}); reporting the rest.")
    report = render(rows, baseline, training, widget_bytes(), args)
    print(report)
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "baseline": baseline, "training": training,
                                               "widget": widget_bytes()}, indent=2))
    failed = sum(r["errors"] for r in rows)
    return 1 if failed else 0


def register(subparsers) -> None:
    bench = subparsers.add_parser("bench", help="measure Signpost (in-memory, Redis + nginx) against stock Rasa")
    bench.add_argument("--concurrency", type=int, default=20, help="conversations at once (default 20)")
    bench.add_argument("--conversations", type=int, default=500, help="most conversations per configuration")
    bench.add_argument("--seconds", type=float, default=25, help="most seconds of load per configuration")
    bench.add_argument("--think", type=float, default=2.0, help="seconds between turns in the paced phase")
    bench.add_argument("--quick", action="store_true", help="a short smoke run")
    bench.add_argument("--no-baseline", action="store_true", help="skip stock Rasa")
    bench.add_argument("--no-training", action="store_true", help="skip the timed full trainings")
    bench.add_argument("--json", help="also write the raw figures to this file")
    bench.set_defaults(func=cmd_bench)

