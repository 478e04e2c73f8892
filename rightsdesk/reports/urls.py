from django.urls import path

from rightsdesk.reports import views

public_urlpatterns = [
    path("", views.statistics_view, name="statistics"),
]

staff_urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("complaints.<str:file_format>", views.download_view, name="download"),
]
