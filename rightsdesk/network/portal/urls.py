"""URL patterns of this part of the network app; network/urls.py mounts the three lists."""

from __future__ import annotations

from django.urls import URLPattern, path

from rightsdesk.network.portal import views

# Under /volunteer/ (public), /staff/network/ (coordinator and staff), /portal/ (volunteers).
public_patterns: list[URLPattern] = []
staff_patterns: list[URLPattern] = [
    path("", views.coordinator_home_view, name="home"),
    path("visits/<int:pk>/report/", views.report_staff_view, name="report_edit"),
]
portal_patterns: list[URLPattern] = [
    path("", views.portal_home_view, name="portal_home"),
    path("matters/<int:pk>/confirm/", views.matter_confirm_view, name="portal_matter_confirm"),
    path("visits/<int:pk>/report/", views.report_portal_view, name="report_file"),
]
