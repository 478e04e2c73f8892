from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation

access_log = logging.getLogger("rightsdesk.access")


class RequestLogMiddleware:
    """One line per request: method, path, status, time. Never the client address, the query
    string or any form field: on public routes those can identify a frightened person."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.monotonic()
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            access_log.info(
                "%s %s %s %dms",
                request.method,
                request.path,
                response.status_code,
                (time.monotonic() - started) * 1000,
            )
        return response


class PrivacyHeadersMiddleware:
    """Pages hold people's data or ask for it: never cache them anywhere, never leak the URL."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = "no-store"
        response.setdefault(
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), interest-cohort=()",
        )
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class RequestBodyMiddleware:
    """Refuse, before anything reads it, a body larger than REQUEST_MAX_BYTES, or a form body
    declared in a charset other than UTF-8 (Django refuses to parse it, and every later read of
    request.POST raises again, which turned into a 500 with a traceback)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            return _plain_page(request, "413.html", 413)
        if request.method == "POST" and not _form_charset_is_utf8(request):
            return _plain_page(request, "400.html", 400)
        return self.get_response(request)


def _form_charset_is_utf8(request: HttpRequest) -> bool:
    if request.content_type != "application/x-www-form-urlencoded":
        return True
    charset = request.content_params.get("charset", "utf-8").strip().lower()
    return charset in ("utf-8", "utf8")


def _plain_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    # This runs before LocaleMiddleware: choose the person's language (cookie, then browser) here.
    with translation.override(translation.get_language_from_request(request)):
        response = TemplateResponse(request, template, status=status)
        response.render()
    return response
