"""Telling a person their complaint was received or its status changed, without saying anything
about what happened. Email now; a text-message provider plugs in as another Notifier."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


class Notifier(Protocol):
    def send(self, *, to: str, subject: str, body: str) -> None: ...


class EmailNotifier:
    def send(self, *, to: str, subject: str, body: str) -> None:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)


def notifier() -> Notifier:
    return EmailNotifier()


def render_notice(*, template: str, language: str, context: dict[str, object]) -> tuple[str, str]:
    with translation.override(language):
        text = render_to_string(
            template, {**context, "organisation_name": settings.ORGANISATION_NAME}
        ).strip()
    subject, _, body = text.partition("\n")
    return subject.strip(), body.strip() + "\n"
