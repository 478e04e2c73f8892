"""Rate limiting that never keeps a client's address: only a short-lived keyed hash of it, in
the cache, for the length of one window."""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from rightsdesk.core.durability import relaxed_commit
from rightsdesk.vault.crypto import keyring


def client_address(request: HttpRequest) -> str:
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(request: HttpRequest | None, scope: str, window_seconds: int, extra: str) -> str:
    window = int(time.time() // window_seconds)
    address = client_address(request) if request is not None else "*"
    message = f"{scope}|{window}|{address}|{extra}".encode()
    return "rl:" + hmac.new(keyring().blind_index_key, message, hashlib.sha256).hexdigest()[:40]


def count(request: HttpRequest | None, scope: str, *, window_seconds: int, extra: str = "") -> int:
    """Count one event and return how many there were in this window. With ``request=None``
    the count is shared by every address (e.g. guesses at one reference)."""
    key = _key(request, scope, window_seconds, extra)
    # A count lost to a power cut lets one more attempt through: not worth a wait for the disk.
    with relaxed_commit():
        if cache.add(key, 1, timeout=window_seconds):
            return 1
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window_seconds)
            return 1


def reached(
    request: HttpRequest | None, scope: str, *, limit: int, window_seconds: int, extra: str = ""
) -> bool:
    """True once ``limit`` events were counted in this window (counts nothing itself)."""
    return int(cache.get(_key(request, scope, window_seconds, extra)) or 0) >= limit


def allow(
    request: HttpRequest, scope: str, *, limit: int, window_seconds: int, extra: str = ""
) -> bool:
    """Count one attempt; False once ``limit`` attempts were made in this window."""
    return count(request, scope, window_seconds=window_seconds, extra=extra) <= limit
