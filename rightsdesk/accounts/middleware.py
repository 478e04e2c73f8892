from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

SIGNED_IN_AT = "rd_signed_in_at"


class SessionLimitMiddleware:
    """Ends a staff session after SESSION_MAX_HOURS, however active it is.

    Idle sessions end by themselves: SESSION_COOKIE_AGE is the idle limit and every request
    pushes the expiry forward.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = parse_datetime(request.session.get(SIGNED_IN_AT, "") or "")
            limit = timedelta(hours=settings.SESSION_MAX_HOURS)
            if started is None or timezone.now() - started > limit:
                logout(request)
                messages.info(request, _("Your session ended. Please sign in again."))
        return self.get_response(request)
