from django.urls import path

from iljari.safety import views

app_name = "safety"
urlpatterns = [
    path("", views.incident_list, name="incidents"),
    path("incidents/new/", views.incident_new, name="incident_new"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident"),
    path("measures/<int:pk>/lift/", views.measure_lift, name="measure_lift"),
    path("caseload/", views.caseload_page, name="caseload"),
    path("caseload/<int:user_id>/", views.caseload_counselor, name="caseload_counselor"),
    path("report/", views.report, name="report"),
]
