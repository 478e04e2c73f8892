"""URL patterns of this part of the network app; network/urls.py mounts the three lists."""

from __future__ import annotations

from django.urls import URLPattern

# Under /volunteer/ (public), /staff/network/ (coordinator and staff), /portal/ (volunteers).
public_patterns: list[URLPattern] = []
staff_patterns: list[URLPattern] = []
portal_patterns: list[URLPattern] = []
