from django.urls import path

from iljari.training import views

app_name = "training"
urlpatterns = [
    path("programs/", views.program_list, name="programs"),
    path("programs/new/", views.program_new, name="program_new"),
    path("programs/report/", views.report, name="report"),
    path("programs/validate/", views.program_validate, name="program_validate"),
    path("programs/<int:pk>/", views.program_detail, name="program"),
    path("programs/<int:pk>/edit/", views.program_edit, name="program_edit"),
    path("programs/enrollments/<int:pk>/", views.enrollment_history, name="enrollment_history"),
    path("programs/<int:pk>/select/", views.program_run_selection, name="program_select"),
    path("programs/<int:pk>/selection.csv", views.selection_list, name="selection_list"),
    path("programs/<int:pk>/enrollments/<int:enrollment_id>/complete/", views.enrollment_finish, name="complete"),
    path("programs/sessions/<int:pk>/", views.attendance, name="attendance"),
    path("seekers/<int:pk>/programs/", views.seeker_programs, name="seeker_programs"),
    path("seekers/<int:pk>/programs/<int:program_id>/enroll/", views.seeker_enroll, name="seeker_enroll"),
]
