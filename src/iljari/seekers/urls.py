from django.urls import path

from iljari.seekers import views

app_name = "seekers"
urlpatterns = [
    path("", views.seeker_list, name="list"),
    path("new/", views.seeker_new, name="new"),
    path("new/validate/", views.seeker_validate, name="validate"),
    path("<int:pk>/", views.seeker_detail, name="detail"),
    path("<int:pk>/edit/", views.seeker_edit, name="edit"),
    path("<int:pk>/notes/", views.note_new, name="note_new"),
    path("<int:pk>/status/", views.seeker_status, name="status"),
    path("<int:pk>/consent/", views.consent_new, name="consent_new"),
]
