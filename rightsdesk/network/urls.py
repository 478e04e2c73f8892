"""The network app's three URL spaces, gathered from its parts (vetting, trainings, visits,
portal) so each part keeps its own patterns."""

from __future__ import annotations

from rightsdesk.network.portal import urls as portal
from rightsdesk.network.trainings import urls as trainings
from rightsdesk.network.vetting import urls as vetting
from rightsdesk.network.visits import urls as visits

_PARTS = (vetting, trainings, visits, portal)

public_urlpatterns = [p for part in _PARTS for p in part.public_patterns]
staff_urlpatterns = [p for part in _PARTS for p in part.staff_patterns]
portal_urlpatterns = [p for part in _PARTS for p in part.portal_patterns]
