"""URL patterns of this part of the network app; network/urls.py mounts the three lists."""

from __future__ import annotations

from django.urls import URLPattern, path

from rightsdesk.network.vetting import views

# Under /volunteer/ (public), /staff/network/ (coordinator and staff), /portal/ (volunteers).
public_patterns: list[URLPattern] = [
    path("", views.signup_view, name="vetting_signup"),
    path("thanks/", views.receipt_view, name="vetting_receipt"),
    path("status/", views.status_view, name="vetting_status"),
]
staff_patterns: list[URLPattern] = [
    path("volunteers/", views.queue_view, name="vetting_queue"),
    path("volunteers/<int:pk>/", views.volunteer_view, name="vetting_volunteer"),
]
portal_patterns: list[URLPattern] = []
