"""Where things live. Every path is absolute, derived from the project root.

The repository is laid out as a Rasa project at the root (config.yml, domain.yml, data/) with
Signpost's own package beside it; see the map in README.md.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("SIGNPOST_ROOT", Path(__file__).resolve().parent.parent))

# The Rasa project, as Rasa's own reference assistants lay it out.
CONFIG = ROOT / "config.yml"
DOMAIN = ROOT / "domain.yml"
ENDPOINTS = ROOT / "endpoints.yml"
ENDPOINTS_REDIS = ROOT / "endpoints.redis.yml"
CREDENTIALS = ROOT / "credentials.yml"
DATA_DIR = ROOT / "data"                   # training data only: Rasa reads every file in it
NLU_DIR = DATA_DIR / "nlu"
RULES = DATA_DIR / "rules.yml"
STORIES_DIR = ROOT / "tests"               # test stories (tests/test_stories.yml), run by `rasa test`
NLU_COMPONENTS_DIR = ROOT / "signpost" / "nlu"

# Vetted facts and words.
DIRECTORY_DIR = ROOT / "directory"         # the services directory, one YAML file per country
LOCALES_DIR = ROOT / "locales"
SAFETY_DIR = LOCALES_DIR / "safety"

# Measurement sets: never trained on.
EVALUATION_DIR = ROOT / "evaluation"
EVAL_DIR = EVALUATION_DIR / "safety"
NLU_HELDOUT_DIR = EVALUATION_DIR / "nlu"

# The widget: source and build script in widget/, the built script served from BUILD_DIR.
WIDGET_DIR = ROOT / "widget"

# Generated, never committed.
BUILD_DIR = Path(os.environ.get("SIGNPOST_BUILD_DIR", ROOT / "build"))
DIRECTORY_DB = BUILD_DIR / "directory.db"
WIDGET_BUILD_DIR = BUILD_DIR / "widget"
MODELS_DIR = Path(os.environ.get("SIGNPOST_MODELS_DIR", ROOT / "models"))
MODEL_FILE = MODELS_DIR / "signpost.tar.gz"
MODEL_FINGERPRINT = MODELS_DIR / "signpost.fingerprint"

# Aggregate counters: the only thing Signpost keeps (no text, no ids; see docs/privacy.md).
VAR_DIR = Path(os.environ.get("SIGNPOST_VAR_DIR", ROOT / "var"))
STATS_DB = VAR_DIR / "stats.db"


def training_data() -> list[Path]:
    """What `rasa train` learns from: NLU examples of every locale plus the rules."""
    return [NLU_DIR, RULES]
