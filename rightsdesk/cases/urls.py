from django.urls import path

from rightsdesk.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.matter_list_view, name="matters"),
    path("conflicts/", views.conflict_search_view, name="conflicts"),
    path("<int:pk>/", views.matter_view, name="matter"),
]
