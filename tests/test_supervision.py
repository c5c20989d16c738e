"""`signpost run` supervises its servers and refuses a broken model (issue 15: H2, H4, L8, M6).
Each test runs the real command line, as an operator would."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path


from signpost import paths
from signpost.server import processes
from tests.support import Chat

MARKER = "MARKER-supervision-" + uuid.uuid4().hex[:8]


def run_command(port: int, var: Path, models: Path | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(paths.ROOT), "SIGNPOST_VAR_DIR": str(var),
           "SIGNPOST_COUNTER_FLUSH_SECONDS": "0", "SIGNPOST_RATE_LIMIT": "off"}
    if models:
        env["SIGNPOST_MODELS_DIR"] = str(models)
    return subprocess.Popen([sys.executable, "-m", "signpost.cli", "run", "--port", str(port)], cwd=paths.ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def children(pid: int) -> dict[str, int]:
    """{"actions": pid, "rasa": pid} of the servers `signpost run` started."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parent = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
        if parent == pid and b"signpost.server" in cmdline:
            found["actions" if b"actions" in cmdline else "rasa"] = int(entry.name)
    return found


def health(base_url: str) -> int:
    try:
        with urllib.request.urlopen(f"{base_url}/webhooks/rest/", timeout=3) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def test_a_truncated_model_is_refused_at_start(built, tmp_path):
    """H2: the server started, said it was serving and answered health with 200, failing every turn."""
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(paths.MODEL_FINGERPRINT, models / paths.MODEL_FINGERPRINT.name)   # not stale: no retraining
    data = paths.MODEL_FILE.read_bytes()
    (models / paths.MODEL_FILE.name).write_bytes(data[: len(data) // 2])
    command = run_command(processes.free_port(), tmp_path / "var", models)
    output, _ = command.communicate(timeout=120)
    assert command.returncode != 0
    assert str(models / paths.MODEL_FILE.name) in output and "Refusing to start" in output
    assert "Signpost is running" not in output


def test_the_rasa_server_itself_refuses_a_model_that_does_not_load(built, tmp_path):
    """Even started directly (as the systemd unit does), a model Rasa cannot load stops the server."""
    broken = tmp_path / "broken.tar.gz"
    import tarfile

    with tarfile.open(broken, "w:gz") as archive:   # a whole archive, but not a model
        readme = tmp_path / "metadata.json"
        readme.write_text("{}")
        archive.add(readme, arcname="metadata.json")
    port = processes.free_port()
    server = subprocess.run(processes.server_command(
        "rasa", "run", "--model", str(broken), "--endpoints", str(paths.ENDPOINTS), "--credentials",
        str(paths.CREDENTIALS), "--interface", "127.0.0.1", "--port", str(port), "--quiet"),
        cwd=paths.ROOT, env={**os.environ, "PYTHONPATH": str(paths.ROOT)}, capture_output=True, text=True,
        timeout=180)
    assert server.returncode == 78, server.stdout[-2000:] + server.stderr[-2000:]
    assert str(broken) in server.stdout + server.stderr


def test_run_restarts_a_killed_server_and_a_crisis_turn_is_answered(built, tmp_path):
    """H4: after kill -9 of the action server the whole service shut down. Now it is restarted and
    a crisis turn is answered properly within 20 s; the Rasa server is restarted too."""
    port = processes.free_port()
    command = run_command(port, tmp_path / "var")
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while health(base_url) != 200:
            assert command.poll() is None and time.monotonic() < deadline, "signpost run did not start"
            time.sleep(0.5)
        pids = children(command.pid)
        # Core dumps off in the launcher and in both servers (L8).
        for pid in (command.pid, *pids.values()):
            limits = Path(f"/proc/{pid}/limits").read_text()
            assert [line for line in limits.splitlines() if line.startswith("Max core file size")][0].split()[4:6] \
                == ["0", "0"]

        chat = Chat(base_url, country="GB")
        chat.say(f"hello {MARKER}")
        os.kill(pids["actions"], signal.SIGKILL)
        killed = time.monotonic()
        while True:
            answer = Chat(base_url, country="GB").say("i want to kill myself")
            assert "999" in answer[0]["text"]       # the safety answer while it is down
            if answer[0]["custom"].get("route") == "crisis":
                break
            assert time.monotonic() - killed < 20, "no proper crisis answer within 20 s"
            time.sleep(0.5)
        assert children(command.pid)["actions"] != pids["actions"]

        os.kill(children(command.pid)["rasa"], signal.SIGKILL)
        deadline = time.monotonic() + 120
        while health(base_url) != 200:
            assert command.poll() is None and time.monotonic() < deadline, "the Rasa server was not restarted"
            time.sleep(0.5)
        assert Chat(base_url, country="GB").say("i want to kill myself")[0]["custom"]["route"] == "crisis"
    finally:
        command.send_signal(signal.SIGINT)
        output, _ = command.communicate(timeout=60)
    assert "The action server stopped (exit code -9)" in output and "The Rasa server stopped" in output
    assert output.count("is running again") == 2
    assert MARKER not in output
    assert command.returncode == 0


def test_lock_lifetimes_agree():
    """M6: the lock lifetime was 3 s in the test, 5 s in the deployment and 10 s in the runner."""
    example = dict(line.split("=", 1) for line in (paths.ROOT / "deploy" / "signpost.env.example").read_text()
                   .splitlines() if line.strip() and not line.startswith("#"))
    assert int(example["TICKET_LOCK_LIFETIME"]) == processes.LOCK_LIFETIME_SECONDS
    if "TICKET_LOCK_LIFETIME" not in os.environ:
        env = processes.server_environment(processes.Settings(redis_url="redis://:x@127.0.0.1:1/0"), 5055)
        assert env["TICKET_LOCK_LIFETIME"] == str(processes.LOCK_LIFETIME_SECONDS)
    from tests import test_scale_out

    assert test_scale_out.LOCK_LIFETIME == processes.LOCK_LIFETIME_SECONDS
