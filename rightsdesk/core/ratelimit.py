"""Rate limiting that never keeps a client's address: only a short-lived keyed hash of it, in
the cache, for the length of one window."""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from rightsdesk.vault.crypto import keyring


def client_address(request: HttpRequest) -> str:
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def allow(
    request: HttpRequest, scope: str, *, limit: int, window_seconds: int, extra: str = ""
) -> bool:
    """Count one attempt; False once ``limit`` attempts were made in this window."""
    window = int(time.time() // window_seconds)
    message = f"{scope}|{window}|{client_address(request)}|{extra}".encode()
    digest = hmac.new(keyring().blind_index_key, message, hashlib.sha256).hexdigest()[:40]
    key = f"rl:{digest}"
    if cache.add(key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return True
    return count <= limit
