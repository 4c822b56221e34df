from django.urls import path

from iljari.reference import views

app_name = "reference"
urlpatterns = [
    path("", views.occupation_list, name="occupations"),
    path("<int:pk>/", views.occupation_detail, name="occupation"),
]
