from django.urls import path

from rightsdesk.triage import views

app_name = "triage"

urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("<str:reference>/", views.desk_view, name="desk"),
    path("<str:reference>/rescreen/", views.rescreen_view, name="rescreen"),
]
