"""Which roles may do what. Views name one of these groups rather than listing roles again."""

from __future__ import annotations

from rightsdesk.accounts.models import User

Role = User.Role

ALL_ROLES: frozenset[str] = frozenset(Role.values)
VOLUNTEER_ROLES: frozenset[str] = frozenset({Role.VOLUNTEER_ATTORNEY, Role.INTERPRETER})
STAFF_ROLES: frozenset[str] = ALL_ROLES - VOLUNTEER_ROLES
ADMINS: frozenset[str] = frozenset({Role.ADMIN})
AUDIT_REVIEWERS: frozenset[str] = frozenset({Role.ADMIN, Role.LEGAL_DIRECTOR})
INTAKE_STAFF: frozenset[str] = frozenset(
    {Role.ADMIN, Role.LEGAL_DIRECTOR, Role.ATTORNEY, Role.INTAKE}
)
# The volunteer network: vetting and visits are the coordinator's; the legal director oversees.
COORDINATORS: frozenset[str] = frozenset({Role.LEGAL_DIRECTOR, Role.COORDINATOR})
# Staff who plan visits and assign volunteers to them (attorneys assign volunteers to matters).
NETWORK_STAFF: frozenset[str] = COORDINATORS | {Role.ATTORNEY}
# Workshops, classes and town halls: the organisers' and the coordinator's.
EVENT_ORGANISERS: frozenset[str] = frozenset(
    {Role.LEGAL_DIRECTOR, Role.ORGANISER, Role.COORDINATOR}
)
# The staff dashboards: the whole organisation's numbers, unsuppressed.
REPORT_READERS: frozenset[str] = frozenset({Role.LEGAL_DIRECTOR, Role.ATTORNEY})
