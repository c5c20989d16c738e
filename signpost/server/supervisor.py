"""`signpost run` keeps both servers up: a server that exits is started again, with backoff.

While the action server is down the Rasa server still answers every turn with the safety answer
(emergency number and crisis line); once it is back, turns are answered normally. The operator is
told on stderr which server stopped and when it is back: exit codes and times only, never anything
of a conversation.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import Callable, Optional

from signpost.server import processes
from signpost.settings import Settings

FIRST_DELAY = 0.5       # seconds before the first restart
MAX_DELAY = 30.0        # backoff doubles up to this
STABLE_SECONDS = 60.0   # up this long: the next failure starts the backoff afresh
NAMES = ("action server", "Rasa server")


def tell_operator(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Supervisor:
    def __init__(self, settings: Settings, host: str = "127.0.0.1", port: int = 5005, stdout=None, stderr=None,
                 extra_env: Optional[dict] = None, say: Callable[[str], None] = tell_operator,
                 timeout: float = 120):
        self.settings, self.host, self.port = settings, host, port
        self.stdout, self.stderr, self.extra_env = stdout, stderr, extra_env
        self.say, self.timeout = say, timeout
        self.servers: Optional[processes.Servers] = None
        self.restarts = [0, 0]
        self._delay = [FIRST_DELAY, FIRST_DELAY]
        self._since = [time.monotonic(), time.monotonic()]

    def start(self) -> processes.Servers:
        """Both servers, as processes.start does (refusing a model that does not load)."""
        self.servers = processes.start(self.settings, host=self.host, port=self.port, stdout=self.stdout,
                                       stderr=self.stderr, extra_env=self.extra_env, timeout=self.timeout)
        return self.servers

    def _start_one(self, index: int):
        servers = self.servers
        if index == 0:
            return processes.start_actions(self.settings, servers.action_port, self.stdout, self.stderr,
                                           self.extra_env, self.timeout)
        return processes.start_worker(self.settings, servers.action_port, self.host, self.port, self.stdout,
                                      self.stderr, self.extra_env, timeout=self.timeout)

    def check_once(self, stopped: threading.Event) -> None:
        """Restart whichever server has exited (blocking until it is back or `stopped` is set)."""
        for index, process in enumerate(list(self.servers.processes)):
            if process.poll() is None:
                continue
            name = NAMES[index]
            if time.monotonic() - self._since[index] >= STABLE_SECONDS:
                self._delay[index] = FIRST_DELAY
            self.say(f"The {name} stopped (exit code {process.returncode}); restarting it in "
                     f"{self._delay[index]:g} s.")
            while not stopped.wait(self._delay[index]):
                self._delay[index] = min(MAX_DELAY, self._delay[index] * 2)
                try:
                    self.servers.processes[index] = self._start_one(index)
                except Exception as error:  # noqa: BLE001 - try again after a longer pause
                    self.say(f"The {name} did not start again ({type(error).__name__}); next try in "
                             f"{self._delay[index]:g} s.")
                    continue
                self.restarts[index] += 1
                self._since[index] = time.monotonic()
                self.say(f"The {name} is running again.")
                break

    def watch(self, stopped: threading.Event, poll: float = 0.25) -> None:
        """Until `stopped` is set."""
        while not stopped.wait(poll):
            self.check_once(stopped)

    def stop(self) -> None:
        if self.servers:
            self.servers.stop()
