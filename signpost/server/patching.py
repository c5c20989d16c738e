"""Replacing library internals safely.

Signpost closes Rasa's leak paths and removes some of its per-turn costs by replacing a few
functions inside Rasa and structlog. A replacement written for one version can silently do nothing
on another (the name moved, the function gained a parameter). So every patch here names the exact
library version it was written for and the parameters the replaced function had; `apply` refuses,
with an error naming the target, when either differs. `tests/test_patches.py` checks every patch
against the installed libraries, so an upgrade that breaks one fails the tests, not production.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import inspect
from dataclasses import dataclass
from typing import Any, Callable, Optional

# The versions every patch was written and tested against (pinned in constraints.txt).
PINNED = {"rasa": "3.6.21", "structlog": "23.3.0", "rasa-sdk": "3.6.2", "sanic": "21.12.2"}


class PatchRefused(RuntimeError):
    """A patch's target is not what the patch was written for."""


@dataclass(frozen=True)
class Patch:
    purpose: str                        # why, in one line: shown when the patch is refused
    package: str                        # distribution whose version is pinned, e.g. "rasa"
    module: str                         # e.g. "rasa.core.actions.action"
    target: str                         # attribute path inside the module, e.g. "RemoteAction._validate_action_result"
    make: Callable[[Any], Any]          # original -> replacement
    parameters: Optional[tuple[str, ...]] = None   # the original's parameter names, when it is callable

    @property
    def name(self) -> str:
        return f"{self.module}.{self.target}"

    def owner_and_original(self) -> tuple[Any, str, Any]:
        owner: Any = importlib.import_module(self.module)
        *path, attribute = self.target.split(".")
        for part in path:
            owner = getattr(owner, part, None)
            if owner is None:
                raise PatchRefused(f"{self.name}: {part} no longer exists ({self.purpose})")
        # Read through __dict__ so a classmethod or staticmethod is seen as it is defined.
        namespace = owner.__dict__ if isinstance(owner, type) else vars(owner)
        if attribute not in namespace:
            raise PatchRefused(f"{self.name} no longer exists ({self.purpose})")
        return owner, attribute, namespace[attribute]

    def problems(self) -> list[str]:
        """Why this patch cannot apply to the installed libraries; empty when it can."""
        installed = importlib.metadata.version(self.package)
        if installed != PINNED[self.package]:
            return [f"{self.name}: written for {self.package} {PINNED[self.package]}, found {installed}"]
        try:
            _, _, original = self.owner_and_original()
        except PatchRefused as refused:
            return [str(refused)]
        if self.parameters is not None:
            function = original.__func__ if isinstance(original, (classmethod, staticmethod)) else original
            found = tuple(inspect.signature(function).parameters)
            if found != self.parameters:
                return [f"{self.name}: parameters changed from {self.parameters} to {found} ({self.purpose})"]
        return []

    def apply(self) -> None:
        problems = self.problems()
        if problems:
            raise PatchRefused("; ".join(problems))
        owner, attribute, original = self.owner_and_original()
        setattr(owner, attribute, self.make(original))


def apply_all(patches: list[Patch]) -> None:
    for patch in patches:
        patch.apply()
