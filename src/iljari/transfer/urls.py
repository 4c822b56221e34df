from django.urls import path

from iljari.transfer import views

app_name = "transfer"
urlpatterns = [
    path("", views.import_start, name="start"),
    path("template/<str:kind>/", views.import_template, name="template"),
    path("<int:pk>/", views.import_job, name="job"),
    path("<int:pk>/errors.csv", views.import_errors, name="errors"),
    path("<int:pk>/confirm/", views.import_confirm, name="confirm"),
]
