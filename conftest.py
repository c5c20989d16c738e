"""Fixtures shared by every test folder (tests/ and widget/tests/): the real servers."""
pytest_plugins = ["tests.servers"]
