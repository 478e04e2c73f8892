from django.urls import path

from rightsdesk.core import views

app_name = "core"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("healthz", views.health_view, name="health"),
    path("staff/", views.staff_home_view, name="staff_home"),
]
