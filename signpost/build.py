"""Everything `signpost run` and the tests need built, each rebuilt only when its sources changed:
the directory database, the widget bundle (both in build/) and the model (in models/)."""
from __future__ import annotations

from signpost import model
from signpost.directory.build import ensure_built as ensure_directory
from widget.build import ensure_built as ensure_widget


def build_stale(log=print) -> None:
    if ensure_directory():
        log("Built the services directory.")
    if ensure_widget():
        log("Built the widget.")
    if model.is_stale():
        log("Training the model (first start, or the training data changed)...")
        model.train(force=True)
