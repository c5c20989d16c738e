"""The optional Onion-Location header: tells Tor Browser, on the service's ordinary address, that the
same pages are reachable as an onion service (deploy/torrc, docs/operations.md).

Set SIGNPOST_ONION_LOCATION to the onion address (http://<56 base32 characters>.onion). The header
goes only on HTML pages, as Tor Browser reads it there, and carries the page's path, never its
query (which may hold a chosen country or language).
"""
from __future__ import annotations

import logging
import re
from typing import Awaitable, Callable, Optional

logger = logging.getLogger(__name__)

# A version 3 onion address: 56 base32 characters. Nothing else is accepted, so a typo cannot point
# people elsewhere.
ONION_ADDRESS = re.compile(r"^https?://[a-z2-7]{56}\.onion/?$")


def onion_origin(value: str) -> Optional[str]:
    """The onion origin without a trailing slash, or None (with a warning) when the value is not one."""
    if not value:
        return None
    if not ONION_ADDRESS.fullmatch(value):
        logger.warning("SIGNPOST_ONION_LOCATION is not a v3 onion address (http://<56 characters>.onion); "
                       "no Onion-Location header is sent.")
        return None
    return value.rstrip("/")


def onion_location_middleware(origin: str) -> Callable[..., Awaitable[None]]:
    async def add_onion_location(request, resp) -> None:
        if (resp.content_type or "").startswith("text/html"):
            resp.headers["Onion-Location"] = origin + request.path

    return add_onion_location
