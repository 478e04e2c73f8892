"""URL patterns of this part of the network app; network/urls.py mounts the three lists."""

from __future__ import annotations

from django.urls import URLPattern, path

from rightsdesk.network.visits import views

# Under /volunteer/ (public), /staff/network/ (coordinator and staff), /portal/ (volunteers).
public_patterns: list[URLPattern] = []
staff_patterns: list[URLPattern] = [
    path("facilities/", views.facility_list_view, name="facility_list"),
    path("facilities/<int:pk>/", views.facility_rules_view, name="facility_rules"),
    path("visits/", views.visit_list_view, name="visit_list"),
    path("visits/new/", views.visit_new_view, name="visit_new"),
    path("visits/<int:pk>/", views.visit_detail_view, name="visit_detail"),
]
portal_patterns: list[URLPattern] = [
    path("visits/", views.portal_visits_view, name="visit_portal_list"),
    path("visits/<int:pk>/", views.portal_visit_view, name="visit_portal_detail"),
    path(
        "visits/signups/<int:pk>/cancel/",
        views.portal_signup_cancel_view,
        name="visit_portal_cancel",
    ),
]
