"""The trained model: retrained only when what it is trained from changed."""
from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from signpost import paths
from signpost.server.processes import server_command

# Everything a trained model depends on: change one and the model is stale.
MODEL_INPUTS = (paths.CONFIG, paths.DOMAIN, paths.NLU_DIR, paths.RULES, paths.NLU_COMPONENTS_DIR)


def _files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def fingerprint() -> str:
    import rasa

    digest = hashlib.sha256(rasa.__version__.encode())
    for source in MODEL_INPUTS:
        for path in _files(source):
            digest.update(str(path.relative_to(paths.ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def is_stale() -> bool:
    if not paths.MODEL_FILE.exists() or not paths.MODEL_FINGERPRINT.exists():
        return True
    return paths.MODEL_FINGERPRINT.read_text().strip() != fingerprint()


def train(force: bool = False) -> bool:
    """Train the model if its inputs changed. Returns True when it trained."""
    if not force and not is_stale():
        return False
    inputs = fingerprint()
    paths.MODELS_DIR.mkdir(parents=True, exist_ok=True)
    command = server_command(
        "rasa", "train", "--out", str(paths.MODELS_DIR),
        "--fixed-model-name", paths.MODEL_FILE.name.removesuffix(".tar.gz"), "--quiet",
    )
    subprocess.run(command, check=True, cwd=paths.ROOT)
    paths.MODEL_FINGERPRINT.write_text(inputs)
    return True
