"""Where things live. Every path is absolute, derived from the project root."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("SIGNPOST_ROOT", Path(__file__).resolve().parent.parent))

BOT_DIR = ROOT / "bot"
CONFIG = BOT_DIR / "config.yml"
DOMAIN = BOT_DIR / "domain.yml"
ENDPOINTS = BOT_DIR / "endpoints.yml"
CREDENTIALS = BOT_DIR / "credentials.yml"

DATA_DIR = ROOT / "data"
NLU_DIR = DATA_DIR / "nlu"
NLU_HELDOUT_DIR = DATA_DIR / "nlu_heldout"
DIALOGUE_DIR = DATA_DIR / "dialogue"
DIRECTORY_DIR = DATA_DIR / "directory"
EVAL_DIR = DATA_DIR / "eval"

LOCALES_DIR = ROOT / "locales"
SAFETY_DIR = LOCALES_DIR / "safety"
WIDGET_LOCALES_DIR = LOCALES_DIR / "widget"

STATIC_DIR = BOT_DIR / "web" / "static"

# Generated, never committed.
BUILD_DIR = Path(os.environ.get("SIGNPOST_BUILD_DIR", ROOT / "build"))
DIRECTORY_DB = BUILD_DIR / "directory.db"
MODELS_DIR = Path(os.environ.get("SIGNPOST_MODELS_DIR", ROOT / "models"))
MODEL_FILE = MODELS_DIR / "signpost.tar.gz"
MODEL_FINGERPRINT = MODELS_DIR / "signpost.fingerprint"

# Aggregate counters: the only thing Signpost keeps (no text, no ids; see docs/privacy.md).
VAR_DIR = Path(os.environ.get("SIGNPOST_VAR_DIR", ROOT / "var"))
STATS_DB = VAR_DIR / "stats.db"


def training_data() -> list[Path]:
    """The files `rasa train` learns from: NLU examples of every locale plus the rules."""
    return [NLU_DIR, DIALOGUE_DIR]
