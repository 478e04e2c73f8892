"""The default email backend until an operator configures a real one."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

log = logging.getLogger("rightsdesk.mail")


class UnconfiguredBackend(BaseEmailBackend):
    """Sends nothing and logs only that it did not: never an address or a subject."""

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        if email_messages:
            log.warning(
                "%d email(s) not sent: set RIGHTSDESK_EMAIL_BACKEND to send email",
                len(email_messages),
            )
        return 0
