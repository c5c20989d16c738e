"""The onion-service deployment (issue: no-JS chat and onion service): the committed deploy/torrc is
valid for Debian's tor, says what an anonymous service needs, and the Onion-Location header is
added only when configured. A tor daemon is never started: `tor --verify-config` only parses."""
from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
from types import SimpleNamespace

import pytest

from signpost import paths
from signpost.server.onion import onion_location_middleware, onion_origin

TORRC = paths.ROOT / "deploy" / "torrc"
ONION = "http://" + "a" * 52 + "2345.onion"


def tor_binary() -> str:
    found = shutil.which("tor") or shutil.which("tor", path="/usr/sbin:/usr/bin")
    if not found:
        pytest.fail("tor is not installed: `make test` installs it (.ci/system-packages)")
    return found


def options(text: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition(" ")
            pairs.append((key, value.strip()))
    return pairs


def test_the_committed_torrc_passes_tor_verify_config(tmp_path):
    # The service directory must exist (0700) or be creatable: point a copy at a temporary one.
    service_dir = tmp_path / "signpost"
    service_dir.mkdir(mode=0o700)
    lines = [f"HiddenServiceDir {service_dir}/" if key == "HiddenServiceDir" else f"{key} {value}"
             for key, value in options(TORRC.read_text())]
    lines.append(f"DataDirectory {tmp_path / 'data'}")
    torrc = tmp_path / "torrc"
    torrc.write_text("\n".join(lines) + "\n")
    defaults = tmp_path / "defaults"   # nothing from this machine's /etc/tor
    defaults.write_text("")
    result = subprocess.run([tor_binary(), "--verify-config", "-f", str(torrc), "--defaults-torrc", str(defaults)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Configuration was valid" in result.stdout
    assert not (tmp_path / "data" / "lock").exists()   # it never ran as a daemon


def test_the_torrc_is_a_server_only_onion_service_on_loopback():
    settings = options(TORRC.read_text())
    values = dict(settings)
    assert values["SocksPort"] == "0"                  # no client port: a server only
    assert [k for k, _ in settings].count("HiddenServiceDir") == 1
    assert re.fullmatch(r"80 127\.0\.0\.1:\d+", values["HiddenServicePort"])
    assert values["SafeLogging"] == "1"
    assert values.get("HiddenServiceStatistics", "0") == "0"
    for key, value in settings:
        if key == "Log":
            assert value.split()[0] in ("notice", "warn", "err"), "no info/debug logging"
        assert key not in ("HiddenServiceExportCircuitID", "HiddenServiceNonAnonymousMode")


def test_onion_location_accepts_only_a_v3_onion_address():
    assert onion_origin("") is None
    assert onion_origin(ONION + "/") == ONION
    for bad in ("http://example.org", "http://short.onion", ONION + "/path", "javascript:alert(1)",
                "http://" + "A" * 56 + ".onion"):
        assert onion_origin(bad) is None, bad


def test_onion_location_goes_on_html_pages_only_with_the_path():
    add = onion_location_middleware(ONION)
    request = SimpleNamespace(path="/chat/", query_string="country=GB")
    page = SimpleNamespace(content_type="text/html; charset=utf-8", headers={})
    asyncio.run(add(request, page))
    assert page.headers == {"Onion-Location": ONION + "/chat/"}
    api = SimpleNamespace(content_type="application/json", headers={})
    asyncio.run(add(request, api))
    assert api.headers == {}


def test_the_hardened_app_adds_the_header_only_when_configured():
    from sanic import Sanic

    from signpost.server.hardening import harden
    from signpost.settings import Settings

    configured = harden(Sanic("onion_configured"), Settings(onion_location=ONION))
    assert "add_onion_location" in [m.__name__ for m in configured.response_middleware]
    for value in ("", "http://example.org"):
        plain = harden(Sanic(f"onion_plain_{len(value)}"), Settings(onion_location=value))
        assert "add_onion_location" not in [m.__name__ for m in plain.response_middleware]
