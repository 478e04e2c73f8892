"""URL patterns of this part of the network app; network/urls.py mounts the three lists."""

from __future__ import annotations

from django.urls import URLPattern, path

from rightsdesk.network.trainings import views

# Under /volunteer/ (public), /staff/network/ (coordinator and staff), /portal/ (volunteers).
public_patterns: list[URLPattern] = []
staff_patterns: list[URLPattern] = [
    path("trainings/", views.training_list_view, name="training_list"),
    path("trainings/new/", views.training_new_view, name="training_new"),
    path(
        "trainings/requirements/",
        views.training_requirements_view,
        name="training_requirements",
    ),
    path("trainings/<int:pk>/", views.training_detail_view, name="training_detail"),
    path("trainings/<int:pk>/edit/", views.training_edit_view, name="training_edit"),
    path(
        "trainings/<int:pk>/attendance/",
        views.training_attendance_view,
        name="training_attendance",
    ),
    path(
        "trainings/<int:pk>/materials/<int:material_id>/",
        views.training_material_view,
        name="training_material",
    ),
    path(
        "trainings/<int:pk>/certificates/<int:registration_id>/",
        views.training_certificate_view,
        name="training_certificate",
    ),
    path("mentoring/", views.mentoring_list_view, name="mentoring_list"),
    path("mentoring/<int:pk>/", views.mentoring_pair_view, name="mentoring_pair"),
]
portal_patterns: list[URLPattern] = [
    path("trainings/", views.training_portal_view, name="training_portal"),
    path(
        "trainings/certificates/<int:registration_id>/",
        views.training_portal_certificate_view,
        name="training_portal_certificate",
    ),
    path(
        "trainings/<int:pk>/materials/<int:material_id>/",
        views.training_portal_material_view,
        name="training_portal_material",
    ),
    path("mentoring/", views.mentoring_portal_view, name="mentoring_portal"),
]
