from django.urls import path

from rightsdesk.events import views

public_urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path("events.ics", views.feed_view, name="feed"),
    path("cancel/", views.cancel_view, name="cancel"),
    path("<int:pk>/", views.event_view, name="event"),
    path("<int:pk>/event.ics", views.event_ics_view, name="event_ics"),
    path("<int:pk>/register/", views.register_view, name="register"),
    path("<int:pk>/registered/", views.registered_view, name="registered"),
    path("<int:pk>/materials/<int:material_id>/", views.material_view, name="material"),
]

staff_urlpatterns = [
    path("", views.staff_list_view, name="event_list"),
    path("new/", views.event_new_view, name="event_new"),
    path("where/", views.where_view, name="where"),
    path("<int:pk>/", views.event_edit_view, name="event_edit"),
    path("<int:pk>/attendees/", views.attendees_view, name="attendees"),
    path("<int:pk>/cancel/", views.event_cancel_view, name="event_cancel"),
    path("<int:pk>/materials/", views.materials_view, name="materials"),
    path("<int:pk>/copies/", views.copies_view, name="copies"),
]
