from django.urls import path

from iljari.discovery import views

app_name = "discovery"
urlpatterns = [
    path("", views.home, name="home"),
    path("visits/new/", views.visit_new, name="visit_new"),
    path("visits/validate/", views.visit_validate, name="visit_validate"),
    path("visits/preview/", views.note_preview, name="preview"),
    path("visits/<int:pk>/vacancy/", views.visit_vacancy, name="vacancy"),
    path("plan/", views.plan, name="plan"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/merge/", views.merge, name="merge"),
    path("stats/", views.stats, name="stats"),
    path("stats.xlsx", views.stats_xlsx, name="stats_xlsx"),
]
