from django.urls import path

from iljari.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_new, name="new"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/booths/", views.booth_new, name="booth_new"),
    path("<int:pk>/booths/vacancies/", views.booth_vacancies, name="booth_vacancies"),
    path("<int:pk>/booths/<int:booth_id>/", views.booth_page, name="booth"),
    path("<int:pk>/booths/<int:booth_id>/interviews/<int:interview_id>/", views.booth_result, name="booth_result"),
    path("<int:pk>/booths/<int:booth_id>/interviews/<int:interview_id>/undo/", views.booth_undo, name="booth_undo"),
    path("<int:pk>/registrations/", views.registrations, name="registrations"),
    path("<int:pk>/register/<int:seeker_id>/", views.register_seeker, name="register"),
    path("<int:pk>/prematch/", views.prematch_run, name="prematch"),
    path("<int:pk>/schedule/", views.schedule_run, name="schedule"),
    path("<int:pk>/timetable/", views.timetable, name="timetable"),
    path("<int:pk>/checkin/", views.checkin, name="checkin"),
    path("<int:pk>/checkin/scan/", views.checkin_scan, name="checkin_scan"),
    path("<int:pk>/day/", views.day_board, name="day"),
    path("<int:pk>/day/repair/", views.repair, name="repair"),
    path("<int:pk>/day/late/", views.late_no_shows, name="late"),
    path("<int:pk>/day/no-show/<int:registration_id>/", views.no_show, name="no_show"),
    path("<int:pk>/walk-in/", views.walk_in, name="walk_in"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("<int:pk>/poster/", views.poster, name="poster"),
]
