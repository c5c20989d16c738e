"""Every replacement of a library internal still has its target (issue: architecture).

The privacy and speed patches (signpost/server/privacy.py, speed.py, hardening.py) refuse to apply
to anything but the versions and signatures they were written for; these tests fail when an
upgrade moves or changes a patched target, instead of the patch silently doing nothing.
"""
from __future__ import annotations

import dataclasses
import types

import pytest

from signpost.server import hardening, privacy, speed
from signpost.server.patching import PINNED, Patch, PatchRefused

ALL_PATCHES = [*privacy.PATCHES, *speed.PATCHES, hardening.APP_PATCH, hardening.BODY_PATCH]


@pytest.mark.parametrize("patch", ALL_PATCHES, ids=lambda p: p.name)
def test_every_patched_target_exists_with_the_expected_parameters(patch):
    assert patch.problems() == []


def test_a_removed_target_is_refused_by_name(monkeypatch):
    import rasa.core.actions.action as action_module

    patch = speed.PATCHES[0]
    monkeypatch.delattr(action_module.RemoteAction, "_validate_action_result")
    with pytest.raises(PatchRefused, match="RemoteAction._validate_action_result no longer exists"):
        patch.apply()


def test_a_changed_signature_is_refused(monkeypatch):
    import rasa.core.run

    monkeypatch.setattr(rasa.core.run, "configure_app", lambda input_channels, cors: None)
    with pytest.raises(PatchRefused, match="parameters changed"):
        hardening.APP_PATCH.apply()


def test_another_library_version_is_refused(monkeypatch):
    monkeypatch.setitem(PINNED, "rasa", "3.6.20")
    with pytest.raises(PatchRefused, match="written for rasa 3.6.20"):
        speed.PATCHES[0].apply()


def test_a_patch_replaces_its_target(monkeypatch):
    module = types.ModuleType("signpost_patch_target")
    module.answer = lambda question: 41
    monkeypatch.setitem(__import__("sys").modules, "signpost_patch_target", module)
    monkeypatch.setitem(PINNED, "rasa", __import__("importlib.metadata").metadata.version("rasa"))
    patch = Patch("test", "rasa", "signpost_patch_target", "answer", lambda original: lambda question: original(question) + 1,
                  parameters=("question",))
    patch.apply()
    assert module.answer("?") == 42
    assert dataclasses.replace(patch, parameters=("q",)).problems()


def test_calls_to_an_endpoint_share_one_kept_alive_connection(monkeypatch):
    """The session patch: two calls to the action server go down one TCP connection, and a call after
    the client has dropped an idle connection opens a fresh one and still succeeds."""
    import asyncio

    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    monkeypatch.setattr(speed, "IDLE_CONNECTION_SECONDS", 0.2)
    monkeypatch.setattr(EndpointConfig, "session", speed._one_session_per_endpoint(EndpointConfig.session))
    peers = []

    async def answer(request):
        peers.append(request.transport.get_extra_info("peername")[1])
        return web.json_response({"ok": True})

    async def scenario():
        app = web.Application()
        app.router.add_post("/webhook", answer)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(url=f"http://127.0.0.1:{port}/webhook")
        try:
            first = await endpoint.request(json={})
            second = await endpoint.request(json={})
            await asyncio.sleep(0.5)            # longer than the client keeps an idle connection
            third = await endpoint.request(json={})
        finally:
            async with endpoint.session() as session:
                await session.close()
            await runner.cleanup()
        return first, second, third

    assert asyncio.run(scenario()) == ({"ok": True},) * 3
    assert peers[0] == peers[1] != peers[2]
