"""The `signpost` command line. Run `signpost --help` or `signpost <command> --help`."""
from __future__ import annotations

import argparse
import csv
import signal
import subprocess
import sys
import threading
from pathlib import Path

from signpost import model, paths
from signpost.build import build_stale
from signpost.server import processes
from signpost.settings import load as load_settings
from signpost.tools import bench, evaluation, locales_tool, nlu_quality, sweep, transcripts
from signpost.tools.tables import format_table


def cmd_run(args: argparse.Namespace) -> int:
    from signpost.model_file import ModelUnreadable
    from signpost.server.supervisor import Supervisor

    from signpost.server.privacy import no_core_dumps

    no_core_dumps()   # inherited by both servers
    build_stale()
    settings = load_settings()
    print("Starting the action server and the Rasa server...", flush=True)
    supervisor = Supervisor(settings, host=args.host, port=args.port)
    try:
        servers = supervisor.start()
    except ModelUnreadable as refused:
        print(refused, file=sys.stderr)
        return 78  # EX_CONFIG
    except (RuntimeError, TimeoutError) as failed:
        print(f"Refusing to start: {failed}.", file=sys.stderr)
        return 1
    stopped = threading.Event()

    def stop(*_):
        stopped.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"\nSignpost is running.\n  Demo page:  {servers.base_url}/demo/\n"
          f"  No-JS chat: {servers.base_url}/chat/\n"
          f"  REST API:   POST {servers.base_url}/webhooks/rest/webhook\nPress Ctrl-C to stop.", flush=True)
    # A server that stops is started again (with backoff) until Ctrl-C.
    supervisor.watch(stopped)
    print("Stopping...", flush=True)
    supervisor.stop()
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    build_stale()
    print("Everything is built.")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    if model.train(force=args.force):
        print(f"Trained {paths.MODEL_FILE.relative_to(paths.ROOT)}.")
    else:
        print("The model is up to date (use --force to retrain).")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Everything CI checks about the data: Rasa's validation, the directory and the translations."""
    failed = False
    print("== rasa data validate")
    result = subprocess.run(processes.server_command("rasa", "data", "validate", "--fail-on-warnings", "--quiet"),
                            cwd=paths.ROOT)
    failed |= result.returncode != 0
    print("== directory check")
    failed |= cmd_directory_check(args) != 0
    print("== locales check")
    failed |= locales_tool.check_command() != 0
    print("FAILED" if failed else "All checks passed.")
    return 1 if failed else 0


def cmd_directory_build(args: argparse.Namespace) -> int:
    from signpost.directory.build import DirectoryInvalid, build

    try:
        path = build()
    except DirectoryInvalid as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Built {path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path}.")
    return 0


def cmd_directory_check(args: argparse.Namespace) -> int:
    from signpost.directory.check import check_directory

    directory = getattr(args, "path", None) or paths.DIRECTORY_DIR
    problems = check_directory(directory)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in the directory.", file=sys.stderr)
        return 1
    print("The directory is valid.")
    return 0


def cmd_directory_report(args: argparse.Namespace) -> int:
    from signpost.directory.report import coverage_table, follow_up_table, report

    directory = args.path or paths.DIRECTORY_DIR
    if args.update_docs:
        from signpost.tools.docs import replace_generated

        doc = paths.ROOT / "docs" / "directory.md"
        replace_generated(doc, "coverage", coverage_table(directory))
        replace_generated(doc, "follow-ups", follow_up_table(directory))
        print(f"Updated the coverage tables in {doc.relative_to(paths.ROOT)}.")
        return 0
    print(report(directory))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from signpost.counters import rows

    from signpost.intercept import funnel

    data = rows(paths.STATS_DB, since=args.since)
    steps = funnel.funnel(paths.STATS_DB, since=args.since)
    if args.html:
        args.html.write_text(funnel.html_report(steps, args.since), encoding="utf-8")
        print(f"Wrote the intercept funnel report to {args.html}.")
        return 0
    columns = ["day", "locale", "country", "event", "detail", "count"]
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        writer.writerows(data)
        return 0
    if not data:
        print("No counts yet.")
        return 0
    print(format_table(data, columns))
    if steps:
        print("\nThe platform intercept's funnel (docs/platforms.md):\n")
        print(format_table(steps, funnel.COLUMNS))
    print("\nCells under 10 are left out.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="signpost", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")

    run = sub.add_parser("run", help="build what is stale, start the servers and the demo page")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=5005)
    run.set_defaults(func=cmd_run)

    sub.add_parser("build", help="build what is stale: directory, widget, model").set_defaults(func=cmd_build)

    train = sub.add_parser("train", help="train the model if its training data changed")
    train.add_argument("--force", action="store_true", help="train even if nothing changed")
    train.set_defaults(func=cmd_train)

    check = sub.add_parser("check", help="validate the Rasa data, the directory and the translations")
    check.set_defaults(func=cmd_check)

    directory = sub.add_parser("directory", help="the services directory")
    dsub = directory.add_subparsers(dest="directory_command", required=True, metavar="command")
    dsub.add_parser("build", help="build directory/*.yaml into SQLite").set_defaults(func=cmd_directory_build)
    dcheck = dsub.add_parser("check", help="validate the directory (file:line for every problem)")
    dcheck.add_argument("path", nargs="?", type=Path, help="directory of YAML files")
    dcheck.set_defaults(func=cmd_directory_check)
    dreport = dsub.add_parser("report", help="maintainers' report: due re-checks, low confidence, coverage")
    dreport.add_argument("path", nargs="?", type=Path)
    dreport.add_argument("--update-docs", action="store_true", help="rewrite the coverage table in docs/directory.md")
    dreport.set_defaults(func=cmd_directory_report)

    stats = sub.add_parser("stats", help="aggregate counters (cells under 10 left out)")
    stats.add_argument("--since", help="first day to include, YYYY-MM-DD")
    stats.add_argument("--format", choices=["table", "csv"], default="table")
    stats.add_argument("--html", type=Path, metavar="FILE",
                       help="write the intercept funnel as a static HTML page with SVG bars")
    stats.set_defaults(func=cmd_stats)

    for tool in (locales_tool, evaluation, sweep, nlu_quality, transcripts, bench):
        tool.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
