from django.urls import path

from rightsdesk.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.matter_list_view, name="matters"),
    path("conflicts/", views.conflict_search_view, name="conflicts"),
    path("new/", views.matter_new_view, name="new"),
    path("calendar/", views.my_calendar_view, name="my_calendar"),
    path("calendar/team/", views.team_calendar_view, name="team_calendar"),
    path("<int:pk>/", views.matter_view, name="matter"),
    path("<int:pk>/summary.pdf", views.summary_view, name="summary"),
    path("<int:pk>/files/<int:document_id>/", views.document_view, name="document"),
    path("export.csv", views.matters_csv_view, name="csv"),
]
