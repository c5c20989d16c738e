"""What GET /webhooks/rest/ reports: can this worker answer properly right now?

- model: the agent loaded a model (Rasa serves without one, failing every turn);
- actions: the action server answers its own health check;
- redis (Redis mode only): the conversation store answers. Without it the worker still answers,
  each turn as a fresh conversation (signpost/server/stores.py), so that is "degraded", not failing.

200 when ok or degraded, 503 when failing. The body names only components and states.
"""
from __future__ import annotations

import asyncio
import time
from typing import Any, Optional

import aiohttp

OK, DOWN, UNREACHABLE = "ok", "down", "unreachable"
CACHE_SECONDS = 1.0
_cache: dict[str, tuple[float, str]] = {}


def _tracker_store(app) -> Any:
    agent = getattr(app.ctx, "agent", None)
    store = getattr(agent, "tracker_store", None)
    return getattr(store, "_tracker_store", store)


def _health_url(agent) -> Optional[str]:
    endpoint = getattr(agent, "action_endpoint", None)
    url = getattr(endpoint, "url", None)
    if not url:
        return None
    return url.rsplit("/", 1)[0] + "/health"


async def _cached(name: str, probe) -> str:
    now = time.monotonic()
    if name in _cache and now - _cache[name][0] < CACHE_SECONDS:
        return _cache[name][1]
    try:
        state = await probe()
    except Exception:  # noqa: BLE001 - any failure is "down"
        state = DOWN
    _cache[name] = (now, state)
    return state


async def _actions(agent) -> str:
    url = _health_url(agent)
    if url is None:
        return DOWN
    timeout = aiohttp.ClientTimeout(total=1.5)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(url) as answer:
            return OK if answer.status == 200 else DOWN


async def check(app) -> dict:
    agent = getattr(app.ctx, "agent", None)
    report = {"model": OK if agent is not None and agent.is_ready() else DOWN}
    report["actions"] = await _cached("actions", lambda: _actions(agent))
    store = _tracker_store(app)
    if hasattr(store, "redis_reachable"):
        async def redis() -> str:
            reachable = await asyncio.get_running_loop().run_in_executor(None, store.redis_reachable)
            return OK if reachable else UNREACHABLE
        report["redis"] = await _cached("redis", redis)
    if report["model"] != OK or report["actions"] != OK:
        status = "failing"
    elif report.get("redis", OK) != OK:
        status = "degraded"
    else:
        status = "ok"
    return {"status": status, **report}


def status_code(report: dict) -> int:
    return 503 if report["status"] == "failing" else 200
