"""`signpost bench`: Signpost in memory, Signpost on Redis behind nginx, and stock Rasa, measured in one run.

Everything runs on this machine, on loopback, for a bounded number of conversations and seconds:

    signpost bench                      # the full run behind docs/benchmarks.md (a few minutes)
    signpost bench --quick              # a short smoke run

The helpers that start Redis (deploy/redis.conf) and nginx (deploy/nginx.conf) on free loopback
ports, and the load client, are also used by tests/test_scale_out.py.
"""
from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import re
import secrets
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from bot import paths
from bot.runner import stop_processes

DEPLOY_DIR = paths.ROOT / "deploy"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WIDGET_JS = paths.STATIC_DIR / "signpost.js"


# ---------------------------------------------------------------------------------------------
# Measuring


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


def _failed_text() -> str:
    from bot.i18n import t

    return t("error.turn_failed", "en")


def answered(messages: list) -> Optional[str]:
    if not isinstance(messages, list) or not messages:
        return "empty answer"
    if any(m.get("text") == _failed_text() for m in messages if isinstance(m, dict)):
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


def _wait(predicate: Callable[[], bool], process: subprocess.Popen, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode}")
        try:
            if predicate():
                return
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{what} was not ready after {timeout:.0f} s")


class Redis:
    """redis-server with deploy/redis.conf, on a free loopback port, a random password and the
    no-persistence options spelled out again on the command line; its working directory is `workdir`
    (which must stay empty: nothing is ever written)."""

    def __init__(self, workdir: Path):
        from bot.runner import free_port

        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.password = secrets.token_hex(16)
        self.log = open(self.workdir.parent / f"redis-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [REDIS_SERVER, str(DEPLOY_DIR / "redis.conf"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--requirepass", self.password, "--dir", str(self.workdir), "--daemonize", "no",
             "--save", "", "--appendonly", "no", "--slowlog-log-slower-than", "-1"],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        _wait(lambda: self.client().ping(), self.process, 15, "redis-server")

    @property
    def url(self) -> str:
        return f"redis://:{self.password}@127.0.0.1:{self.port}/0"

    def client(self, db: int = 0):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, password=self.password, db=db,
                           decode_responses=True, socket_timeout=5)

    def stop(self) -> None:
        stop_processes([self.process], timeout=10)
        self.log.close()


def nginx_site(worker_ports: list[int], https_port: int, http_port: int, cert: Path, key: Path,
               error_log: Path) -> str:
    """deploy/nginx.conf with its ports, certificate and error log rewritten for loopback."""
    text = (DEPLOY_DIR / "nginx.conf").read_text()
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n" for p in worker_ports)
    text = re.sub(r"(?m)^\s*server 127\.0\.0\.1:\d+[^\n]*\n", "", text)
    text = text.replace("    least_conn;\n", "    least_conn;\n" + servers, 1)
    text = re.sub(r"(?m)^\s*listen \[::\][^\n]*\n", "", text)
    text = text.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    text = text.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    text = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};", text)
    text = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", text)
    text = re.sub(r"(?m)^error_log \S+", f"error_log {error_log}", text)
    return text


class Nginx:
    """nginx running deploy/nginx.conf (rewritten by `nginx_site`) with a self-signed certificate."""

    def __init__(self, workdir: Path, worker_ports: list[int]):
        from bot.runner import free_port

        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.cert, self.key = workdir / "cert.pem", workdir / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
             "-keyout", str(self.key), "-out", str(self.cert)],
            check=True, capture_output=True,
        )
        self.https_port, self.http_port = free_port(), free_port()
        self.error_log = workdir / "error.log"
        self.site = workdir / "signpost.conf"
        self.site.write_text(nginx_site(worker_ports, self.https_port, self.http_port, self.cert, self.key,
                                        self.error_log))
        temp = "\n".join(f"    {kind}_temp_path {workdir / kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        self.conf = workdir / "nginx.conf"
        self.conf.write_text(
            f"worker_processes 1;\npid {workdir / 'nginx.pid'};\nerror_log {self.error_log} crit;\n"
            f"events {{ worker_connections 1024; }}\n"
            f"http {{\n{temp}\n    include {self.site};\n}}\n"
        )
        os.chmod(workdir, 0o755)
        self.log = open(workdir / "nginx.out", "w")
        self.process = subprocess.Popen(
            [NGINX, "-p", str(workdir), "-c", str(self.conf), "-e", str(self.error_log), "-g", "daemon off;"],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        _wait(self._up, self.process, 15, "nginx")

    def _up(self) -> bool:
        import socket

        with socket.create_connection(("127.0.0.1", self.https_port), timeout=1):
            return True

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))

    def pids(self) -> list[int]:
        """The master and its worker processes."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [self.process.pid, *map(int, children.read_text().split())]
        except OSError:
            return [self.process.pid]

    def stop(self) -> None:
        stop_processes([self.process], timeout=10)
        self.log.close()


# ---------------------------------------------------------------------------------------------
# The benchmark


def _timed(command: list[str], cwd: Path, env: Optional[dict] = None) -> float:
    began = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def _wait_http(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    import urllib.request

    def ok() -> bool:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status == 200

    _wait(ok, process, timeout, url)


def _load(args, base_url, conversation, ssl_context=None) -> tuple[LoadResult, LoadResult]:
    """Saturated (every answer followed at once by the next turn: throughput) and paced (people
    pausing ~`think` seconds between turns: the latency a person sees at this concurrency)."""
    # Warm-up: one round of conversations, not counted (first-call costs of TensorFlow, caches).
    asyncio.run(drive(base_url, conversation, args.concurrency, args.concurrency, 30, ssl_context=ssl_context))
    saturated = asyncio.run(drive(base_url, conversation, args.concurrency, args.conversations, args.seconds,
                                  ssl_context=ssl_context))
    paced = asyncio.run(drive(base_url, conversation, args.concurrency, args.conversations, args.seconds,
                              ssl_context=ssl_context, think_s=args.think))
    return saturated, paced


def _row(name: str, workers: int, cold: float, rss: dict, loads: tuple[LoadResult, LoadResult]) -> dict:
    saturated, paced = loads
    return {"name": name, "workers": workers, "cold_start_s": cold, "rss_mb": rss, **saturated.summary(),
            "paced": paced.summary(), "error_samples": (saturated.errors + paced.errors)[:3],
            "errors": len(saturated.errors) + len(paced.errors)}


def bench_signpost_memory(args, work: Path, log) -> dict:
    from bot import runner
    from bot.settings import Settings

    out = open(work / "signpost-memory.log", "w")
    began = time.perf_counter()
    servers = runner.start(Settings(redis_url=""), port=runner.free_port(), stdout=out, stderr=out,
                           extra_env={"SIGNPOST_COUNTERS": "off"}, endpoints=paths.ENDPOINTS)
    cold = time.perf_counter() - began
    try:
        log(f"  in-memory Signpost up in {cold:.1f} s; driving load ...")
        result = _load(args, servers.base_url, signpost_conversation)
        rss = {"actions": rss_mb(servers.processes[0].pid), "rasa": rss_mb(servers.processes[1].pid)}
    finally:
        servers.stop()
        out.close()
    return _row("Signpost, in-memory (1 worker)", 1, cold, rss, result)


def bench_signpost_redis(args, work: Path, log) -> list[dict]:
    from bot import runner
    from bot.settings import Settings

    redis = Redis(work / "redis-data")
    nginx = None
    servers = None
    extra = []
    out = open(work / "signpost-redis.log", "w")
    try:
        settings = Settings(redis_url=redis.url)
        began = time.perf_counter()
        servers = runner.start(settings, port=runner.free_port(), stdout=out, stderr=out,
                               extra_env={"SIGNPOST_COUNTERS": "off"})
        cold = time.perf_counter() - began
        second = runner.start_worker(settings, servers.action_port, port=runner.free_port(), stdout=out,
                                     stderr=out, extra_env={"SIGNPOST_COUNTERS": "off"})
        extra.append(second)
        worker_ports = [servers.port, int(second.args[second.args.index("--port") + 1])]
        nginx = Nginx(work / "nginx", worker_ports)
        log(f"  Redis Signpost up in {cold:.1f} s; driving load on one worker directly ...")
        direct = _load(args, servers.base_url, signpost_conversation)
        log("  ... and on two workers through nginx (TLS) ...")
        proxied = _load(args, nginx.base_url, signpost_conversation, nginx.ssl_context())
        rss = {"actions": rss_mb(servers.processes[0].pid), "rasa": rss_mb(servers.processes[1].pid),
               "rasa2": rss_mb(second.pid), "redis": rss_mb(redis.process.pid),
               "nginx": sum(rss_mb(p) for p in nginx.pids())}
        leftover = redis.client(0).dbsize() + redis.client(1).dbsize()
        persisted = sorted(p.name for p in (work / "redis-data").iterdir())
    finally:
        if nginx:
            nginx.stop()
        stop_processes(extra)
        if servers:
            servers.stop()
        redis.stop()
        out.close()
    rows = [
        _row("Signpost, Redis (1 worker, direct)", 1, cold, {"actions": rss["actions"], "rasa": rss["rasa"]},
             direct),
        _row("Signpost, Redis (2 workers, nginx TLS)", 2, cold, rss, proxied),
    ]
    rows[1]["note"] = f"keys left after the run: {leftover} (all ended chats); files written by Redis: {persisted}"
    return rows


def bench_stock(args, work: Path, log) -> tuple[dict, float]:
    rasa = str(Path(sys.executable).with_name("rasa"))
    project = work / "stock"
    project.mkdir()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
    log("  rasa init --no-prompt (creates and trains the moodbot) ...")
    _timed([rasa, "init", "--no-prompt", "--init-dir", str(project)], cwd=work, env=env)
    log("  rasa train --force (timed) ...")
    train_s = _timed([rasa, "train", "--force", "--quiet"], cwd=project, env=env)
    from bot.runner import free_port

    port = free_port()
    out = open(work / "stock.log", "w")
    began = time.perf_counter()
    process = subprocess.Popen([rasa, "run", "--port", str(port), "--interface", "127.0.0.1", "--quiet"],
                               cwd=project, env=env, stdout=out, stderr=out)
    try:
        _wait_http(f"http://127.0.0.1:{port}/webhooks/rest/", process)
        cold = time.perf_counter() - began
        log(f"  stock Rasa up in {cold:.1f} s; driving load ...")
        result = _load(args, f"http://127.0.0.1:{port}", stock_conversation)
        rss = {"rasa": rss_mb(process.pid)}
    finally:
        stop_processes([process])
        out.close()
    return _row("Stock Rasa 3.6 `rasa init` bot (baseline)", 1, cold, rss, result), train_s


def bench_signpost_training(work: Path) -> float:
    from bot import runner

    out = work / "signpost-model"
    return _timed(runner.launcher(
        "rasa", "train", "--config", str(paths.CONFIG), "--domain", str(paths.DOMAIN),
        "--data", *map(str, paths.training_data()), "--out", str(out), "--force", "--quiet",
    ), cwd=paths.ROOT, env={**os.environ, "PYTHONPATH": str(paths.ROOT)})


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
    lines.append(f"Widget (bot/web/static/signpost.js): {widget[0]} bytes raw, {widget[1]} bytes gzipped.")
    for row in rows + ([baseline] if baseline else []):
        if row.get("error_samples"):
            lines.append(f"Errors in {row['name']}: {row['error_samples']}")
        if row.get("note"):
            lines.append(f"{row['name']}: {row['note']}")
    return "\n".join(lines)


def cmd_bench(args: argparse.Namespace) -> int:
    from bot import runner

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.quick:
        args.conversations, args.seconds, args.think = min(args.conversations, 60), min(args.seconds, 8), 0.5
    runner.build_stale(log=log)
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
