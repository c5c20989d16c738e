"""Is the trained model file whole? Checked before serving, so a truncated or corrupt model stops
the start (naming the file) instead of a server that answers every turn with a failure."""
from __future__ import annotations

import tarfile
from pathlib import Path
from typing import Optional


class ModelUnreadable(RuntimeError):
    """The model file is missing, truncated or not a Rasa model archive."""


def problem(path: Path) -> Optional[str]:
    """Why `path` cannot be a loadable model, or None. Reads the whole archive (~0.2 s)."""
    if not path.is_file():
        return f"the model file {path} does not exist"
    try:
        with tarfile.open(path, "r:gz") as archive:
            names = []
            for member in archive:
                names.append(member.name)
                handle = archive.extractfile(member)
                if handle is not None:
                    while handle.read(1 << 20):
                        pass
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        return f"the model file {path} is truncated or corrupt ({type(error).__name__})"
    if not any(name.endswith("metadata.json") for name in names):
        return f"the model file {path} is not a Rasa model (no metadata.json)"
    return None


def require_loadable(path: Path) -> None:
    found = problem(path)
    if found:
        raise ModelUnreadable(f"Refusing to start: {found}. Rebuild it with `signpost train --force`.")
