"""The load client and the conversations it drives: bounded in conversations and seconds, on loopback.
Also used by tests/test_scale_out.py."""
from __future__ import annotations

import asyncio
import json
import ssl
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil without floats drifting
    return ordered[int(min(rank, len(ordered))) - 1]


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    conversations: int = 0

    @property
    def turns(self) -> int:
        return len(self.latencies_ms)

    def summary(self) -> dict:
        return {
            "turns": self.turns,
            "conversations": self.conversations,
            "p50_ms": percentile(self.latencies_ms, 50),
            "p95_ms": percentile(self.latencies_ms, 95),
            "p99_ms": percentile(self.latencies_ms, 99),
            "turns_per_s": self.turns / self.seconds if self.seconds else 0.0,
            "errors": len(self.errors),
        }


def rss_mb(pid: int) -> float:
    """Resident set size of one process, from /proc/<pid>/status (VmRSS, kB)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# ---------------------------------------------------------------------------------------------
# Conversations: each is a list of (message, check) turns; a check returns an error or None.

Check = Callable[[list], Optional[str]]


def answered(messages: list) -> Optional[str]:
    if not isinstance(messages, list) or not messages:
        return "empty answer"
    if any((m.get("custom") or {}).get("kind") == "failure" for m in messages if isinstance(m, dict)):
        return "turn failed inside Signpost"
    return None


def expect(*needles: str) -> Check:
    def check(messages: list) -> Optional[str]:
        problem = answered(messages)
        if problem:
            return problem
        blob = json.dumps(messages, ensure_ascii=False)
        missing = [n for n in needles if n not in blob]
        return f"missing {missing}" if missing else None

    return check


def signpost_conversation() -> list[tuple[str, Check]]:
    """A realistic help-seeking conversation, with state carried between turns: the country asked in
    turn 2 is answered in free text in turn 3, which only works if turn 2's state was kept."""
    return [
        ("hello", expect("/need_own_thoughts")),
        ("/need_report_images", expect('/choose_country{\\"country\\":\\"GB\\"}')),
        ("deutschland", expect("Germany", "reporting_hotline")),
        ("I'm worried about my sexual thoughts about children", expect("prevention_service")),
        ("/other_options", answered),
        ("/end_chat", answered),
    ]


def stock_conversation() -> list[tuple[str, Check]]:
    """The `rasa init` moodbot's happy and sad paths."""
    def stock(messages):
        return None if isinstance(messages, list) and messages else "empty answer"

    return [("hi", stock), ("I am sad", stock), ("yes", stock), ("bye", stock)]


async def drive(
    base_url: str,
    conversation: Callable[[], list[tuple[str, Check]]],
    concurrency: int = 20,
    max_conversations: int = 200,
    max_seconds: float = 30.0,
    metadata: Optional[dict] = None,
    ssl_context: Optional[ssl.SSLContext] = None,
    on_turn: Optional[Callable[[int], None]] = None,
    timeout: float = 30.0,
    think_s: float = 0.0,
) -> LoadResult:
    """`concurrency` conversations at a time, each turn after the previous answer (and, with `think_s`,
    after a pause of 0.5-1.5 x think_s, like a person arriving, then reading and typing), until
    `max_conversations` have been started or `max_seconds` passed (a started one is finished)."""
    import random

    import aiohttp

    result = LoadResult()
    url = f"{base_url}/webhooks/rest/webhook"
    deadline = time.monotonic() + max_seconds
    started = 0
    connector = aiohttp.TCPConnector(limit=concurrency, ssl=ssl_context if ssl_context else False)

    async def one(session) -> None:
        sender = f"bench-{uuid.uuid4().hex}"
        for number, (message, check) in enumerate(conversation()):
            if think_s:
                # Before the first turn too: people arrive independently, not 20 in the same millisecond.
                await asyncio.sleep(think_s * random.uniform(0.5, 1.5))
            body = {"sender": sender, "message": message, "metadata": dict(metadata or {"locale": "en"})}
            began = time.perf_counter()
            try:
                async with session.post(url, json=body) as answer:
                    status = answer.status
                    payload = await answer.json(content_type=None) if status == 200 else await answer.text()
            except Exception as error:  # noqa: BLE001 - every failure counts as an error
                result.errors.append(f"{message!r}: {type(error).__name__}")
                return
            result.latencies_ms.append((time.perf_counter() - began) * 1000)
            problem = f"HTTP {status}" if status != 200 else check(payload)
            if problem:
                result.errors.append(f"{message!r}: {problem}")
                return
            if on_turn:
                on_turn(result.turns)

    async def worker(session) -> None:
        nonlocal started
        while started < max_conversations and time.monotonic() < deadline:
            started += 1
            await one(session)
            result.conversations += 1

    began = time.perf_counter()
    async with aiohttp.ClientSession(connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
    result.seconds = time.perf_counter() - began
    return result


# ---------------------------------------------------------------------------------------------
# Redis and nginx on loopback, from the configuration in deploy/
