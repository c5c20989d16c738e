"""Regenerate docs/img/widget-*.png: `python -m tests.browser.screenshots`.

Starts the real Signpost server through the test fixtures, like the browser tests.
"""
import os
import sys
from pathlib import Path

import pytest


def main() -> int:
    os.environ["SIGNPOST_SCREENSHOTS"] = "1"
    here = Path(__file__).resolve().parent
    return pytest.main([str(here / "test_screenshots.py"), "-q", "-p", "no:cacheprovider"])


if __name__ == "__main__":
    sys.exit(main())
