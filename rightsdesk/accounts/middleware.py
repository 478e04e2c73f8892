from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

SIGNED_IN_AT = "rd_signed_in_at"
LAST_SEEN = "rd_last_seen"
TOUCHED = "rd_touched"
PUBLIC_TOUCH_MINUTES = 5


class SessionLimitMiddleware:
    """Ends a staff session after SESSION_IDLE_MINUTES without a request, and after
    SESSION_MAX_HOURS however active it is. (The session store keeps public sessions longer,
    so someone writing a complaint slowly does not lose it.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now()
            started = parse_datetime(request.session.get(SIGNED_IN_AT, "") or "")
            seen = parse_datetime(request.session.get(LAST_SEEN, "") or "") or started
            too_long = started is None or now - started > timedelta(
                hours=settings.SESSION_MAX_HOURS
            )
            idle = seen is None or now - seen > timedelta(minutes=settings.SESSION_IDLE_MINUTES)
            if too_long or idle:
                logout(request)
                messages.info(request, _("Your session ended. Please sign in again."))
            else:
                request.session[LAST_SEEN] = now.isoformat()
        elif request.session.session_key:
            touch_public_session(request.session)
        return self.get_response(request)


def touch_public_session(session: SessionBase) -> None:
    """Slide a public session's expiry forward, writing it at most every few minutes.

    Saving the session on every request would be one more write per page for everyone filling
    in the form, and writes queue on SQLite."""
    if not any(key != TOUCHED for key in session.keys()):
        return  # nothing left to keep alive (the person left): let the session end
    now = timezone.now()
    touched = parse_datetime(session.get(TOUCHED, "") or "")
    if touched is None or now - touched > timedelta(minutes=PUBLIC_TOUCH_MINUTES):
        session[TOUCHED] = now.isoformat()
