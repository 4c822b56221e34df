from django.urls import path

from iljari.matching import views

app_name = "matching"
urlpatterns = [
    path("seekers/<int:pk>/recommendations/", views.seeker_recommendations, name="seeker_recommendations"),
    path("seekers/<int:pk>/occupation/", views.seeker_occupation, name="seeker_occupation"),
    path(
        "seekers/<int:pk>/recommendations/refresh/",
        views.seeker_recommendations_refresh,
        name="seeker_recommendations_refresh",
    ),
    path("seekers/<int:pk>/refer/<int:vacancy_id>/", views.seeker_refer, name="seeker_refer"),
    path("matching/corrections/", views.corrections, name="corrections"),
    path("matching/corrections/<int:pk>/remove/", views.correction_delete, name="correction_remove"),
    path("vacancies/<int:pk>/candidates/", views.vacancy_candidates, name="vacancy_candidates"),
]
