"""The error pages. Each is rendered in the person's language; the 500 and 503 pages need
nothing from the database or the session, since either may be what failed."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation

from rightsdesk.vault.storage import StorageFull

# Seconds a browser or a monitor is asked to wait before trying again.
RETRY_AFTER_SECONDS = 60


def _page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return HttpResponse(loader.render_to_string(template, {}, request), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "400.html", 400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "403.html", 403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, so it can still be looked at. A database
    # that cannot be reached (down, locked past the timeout, on a full disk) or a full file store
    # is a passing fault of ours: 503, and a page that says what to do.
    problem = sys.exception()
    if isinstance(problem, OperationalError | InterfaceError):
        return _unavailable(request, "database")
    if isinstance(problem, StorageFull):
        return _unavailable(request, "storage")
    # No request context: the error may have come from it.
    return HttpResponse(loader.render_to_string("500.html", {}), status=500)


def _unavailable(request: HttpRequest, what: str) -> HttpResponse:
    # The language from the cookie or the browser alone (no session, no account), and no
    # request context for the same reason.
    with translation.override(translation.get_language_from_request(request)):
        page = loader.render_to_string("503.html", {"what": what})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
