"""What a benchmark runs against: Redis and nginx on free loopback ports from the configuration in
deploy/ (also used by tests/test_scale_out.py), and each measured configuration: Signpost in memory,
Signpost on Redis behind nginx, stock Rasa, and the timed trainings."""
from __future__ import annotations

import asyncio
import os
import re
import secrets
import shutil
import ssl
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional
from signpost import paths
from signpost.server import processes
from signpost.server.processes import stop_processes, wait_for
from signpost.settings import Settings
from signpost.tools.bench.load import LoadResult, drive, rss_mb, signpost_conversation, stock_conversation
from signpost.tools.bench.report import row

DEPLOY_DIR = paths.ROOT / "deploy"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"



class Redis:
    """redis-server with deploy/redis.conf, on a free loopback port, a random password and the
    no-persistence options spelled out again on the command line; its working directory is `workdir`
    (which must stay empty: nothing is ever written)."""

    def __init__(self, workdir: Path):
        from signpost.server.processes import free_port

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
        wait_for(lambda: self.client().ping(), self.process, 15, "redis-server")

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
        from signpost.server.processes import free_port

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
        wait_for(self._up, self.process, 15, "nginx")

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


def bench_signpost_memory(args, work: Path, log) -> dict:

    out = open(work / "signpost-memory.log", "w")
    began = time.perf_counter()
    servers = processes.start(Settings(redis_url=""), port=processes.free_port(), stdout=out, stderr=out,
                           extra_env={"SIGNPOST_COUNTERS": "off", "SIGNPOST_RATE_LIMIT": "off"})
    cold = time.perf_counter() - began
    try:
        log(f"  in-memory Signpost up in {cold:.1f} s; driving load ...")
        result = _load(args, servers.base_url, signpost_conversation)
        rss = {"actions": rss_mb(servers.processes[0].pid), "rasa": rss_mb(servers.processes[1].pid)}
    finally:
        servers.stop()
        out.close()
    return row("Signpost, in-memory (1 worker)", 1, cold, rss, result)


def bench_signpost_redis(args, work: Path, log) -> list[dict]:

    redis = Redis(work / "redis-data")
    nginx = None
    servers = None
    extra = []
    out = open(work / "signpost-redis.log", "w")
    try:
        settings = Settings(redis_url=redis.url)
        began = time.perf_counter()
        servers = processes.start(settings, port=processes.free_port(), stdout=out, stderr=out,
                               extra_env={"SIGNPOST_COUNTERS": "off", "SIGNPOST_RATE_LIMIT": "off"})
        cold = time.perf_counter() - began
        second = processes.start_worker(settings, servers.action_port, port=processes.free_port(), stdout=out,
                                     stderr=out, extra_env={"SIGNPOST_COUNTERS": "off", "SIGNPOST_RATE_LIMIT": "off"})
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
        row("Signpost, Redis (1 worker, direct)", 1, cold, {"actions": rss["actions"], "rasa": rss["rasa"]},
             direct),
        row("Signpost, Redis (2 workers, nginx TLS)", 2, cold, rss, proxied),
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
    from signpost.server.processes import free_port

    port = free_port()
    out = open(work / "stock.log", "w")
    began = time.perf_counter()
    process = subprocess.Popen([rasa, "run", "--port", str(port), "--interface", "127.0.0.1", "--quiet"],
                               cwd=project, env=env, stdout=out, stderr=out)
    try:
        processes.wait_until_ready(f"http://127.0.0.1:{port}/webhooks/rest/", process)
        cold = time.perf_counter() - began
        log(f"  stock Rasa up in {cold:.1f} s; driving load ...")
        result = _load(args, f"http://127.0.0.1:{port}", stock_conversation)
        rss = {"rasa": rss_mb(process.pid)}
    finally:
        stop_processes([process])
        out.close()
    return row("Stock Rasa 3.6 `rasa init` bot (baseline)", 1, cold, rss, result), train_s


def bench_signpost_training(work: Path) -> float:

    out = work / "signpost-model"
    return _timed(processes.server_command(
        "rasa", "train", "--config", str(paths.CONFIG), "--domain", str(paths.DOMAIN),
        "--data", *map(str, paths.training_data()), "--out", str(out), "--force", "--quiet",
    ), cwd=paths.ROOT, env={**os.environ, "PYTHONPATH": str(paths.ROOT)})
