"""Every file staff download leaves through here: always as an attachment, never shown inline,
and sandboxed, so a file that came from the public cannot run in our origin."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(
    content: bytes | str, *, filename: str, content_type: str = "application/octet-stream"
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
