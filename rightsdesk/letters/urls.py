from django.urls import path

from rightsdesk.letters import views

app_name = "letters"

urlpatterns = [
    path("new/<str:reference>/<slug:kind>/", views.letter_new_view, name="new"),
    path("<int:pk>.<str:fmt>", views.letter_file_view, name="file"),
    path("labels/", views.labels_view, name="labels"),
    path("templates/", views.templates_view, name="templates"),
    path("templates/<int:pk>/", views.template_edit_view, name="template"),
]
