"""Starts Rasa or the action server with every known leak path closed:

    python -m signpost.server rasa run --model ... --quiet    # the Rasa server
    python -m signpost.server rasa train ...                  # any other rasa command, same protections
    python -m signpost.server actions --port 5055             # the action server, loopback only
"""
from __future__ import annotations

import sys

from signpost.server.privacy import no_core_dumps, quiet_environment

# Before Rasa, Sanic or TensorFlow are imported: several read these at import time.
quiet_environment()
# A core dump would hold every conversation in memory (the systemd units say LimitCORE=0 too).
no_core_dumps()


def run_rasa(argv: list[str]) -> int:
    from signpost.server.privacy import close_leaks

    close_leaks()
    if argv[:1] == ["run"]:
        from signpost.server.hardening import APP_PATCH, BODY_PATCH
        from signpost.server.speed import speed_up

        APP_PATCH.apply()
        BODY_PATCH.apply()
        speed_up()
    from rasa.__main__ import main

    sys.argv = ["rasa", *argv]
    main()
    return 0


def run_actions(argv: list[str]) -> int:
    from signpost.server.action_server import serve

    return serve(argv)


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("rasa", "actions"):
        print(__doc__, file=sys.stderr)
        return 2
    command, argv = sys.argv[1], sys.argv[2:]
    return run_rasa(argv) if command == "rasa" else run_actions(argv)


if __name__ == "__main__":
    sys.exit(main())
