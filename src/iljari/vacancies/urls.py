from django.urls import path

from iljari.vacancies import views

app_name = "vacancies"
urlpatterns = [
    path("", views.vacancy_list, name="list"),
    path("new/", views.vacancy_new, name="new"),
    path("new/validate/", views.vacancy_validate, name="validate"),
    path("<int:pk>/", views.vacancy_detail, name="detail"),
    path("<int:pk>/close/", views.vacancy_close_view, name="close"),
    path("<int:pk>/reopen/", views.vacancy_reopen_view, name="reopen"),
    path("<int:pk>/edit/", views.vacancy_edit, name="edit"),
]
