from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from rightsdesk.accounts.access import user_has_role
from rightsdesk.accounts.roles import (
    ADMINS,
    AUDIT_REVIEWERS,
    EVENT_ORGANISERS,
    INTAKE_STAFF,
    NETWORK_STAFF,
    REPORT_READERS,
    VOLUNTEER_ROLES,
)
from rightsdesk.cases.selectors import MATTER_READERS


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "nav_admin": user_has_role(user, ADMINS),
        "nav_audit": user_has_role(user, AUDIT_REVIEWERS),
        "nav_intake": user_has_role(user, INTAKE_STAFF),
        "nav_matters": user_has_role(user, MATTER_READERS),
        "nav_network": user_has_role(user, NETWORK_STAFF),
        "nav_events": user_has_role(user, EVENT_ORGANISERS),
        "nav_reports": user_has_role(user, REPORT_READERS),
        "nav_portal": user_has_role(user, VOLUNTEER_ROLES),
    }
