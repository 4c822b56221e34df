from django.urls import path

from iljari.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("xlsx/", views.download_xlsx, name="xlsx"),
    path("pdf/", views.download_pdf, name="pdf"),
    path("fairness/", views.fairness, name="fairness"),
    path("compare/", views.compare, name="compare"),
    path("sections/<slug:name>/", views.section, name="section"),
]
