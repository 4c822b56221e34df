"""The portal's public pages, under a language prefix (``/vi/…``, ``i18n_patterns`` in the site map)."""

from django.urls import path

from iljari.portal.views import employer, public, seeker

app_name = "public"
urlpatterns = [
    path("", public.home, name="home"),
    path("language/", public.language, name="language"),
    path("jobs/", public.search, name="search"),
    path("jobs/<int:pk>/", public.vacancy, name="vacancy"),
    path("jobs/<int:pk>/apply/", seeker.apply, name="apply"),
    path("signin/", public.signin, name="signin"),
    path("welcome/", public.welcome, name="welcome"),
    path("signout/", public.signout, name="signout"),
    path("me/", seeker.me, name="me"),
    path("me/profile/", seeker.profile, name="profile"),
    path("me/consents/", seeker.consents, name="consents"),
    path("me/requests/<int:pk>/withdraw/", seeker.withdraw, name="withdraw"),
    path("me/delete/", seeker.delete, name="delete"),
    path("me/notifications/", seeker.notifications, name="notifications"),
    path("me/download/", seeker.download, name="download"),
    path("me/events/", seeker.events, name="events"),
    path("me/events/<int:pk>/", seeker.event_sign_up_page, name="event_sign_up"),
    path("me/programs/", seeker.programs, name="programs"),
    path("me/programs/<int:pk>/", seeker.program_apply_page, name="program_apply"),
    path("me/programs/applications/<int:pk>/withdraw/", seeker.program_withdraw_page, name="program_withdraw"),
    path("company/", employer.home, name="employer_home"),
    path("company/signin/", employer.signin, name="employer_signin"),
    path("company/join/", employer.join, name="employer_join"),
    path("company/vacancies/new/", employer.vacancy_new, name="employer_vacancy_new"),
    path("company/vacancies/<int:pk>/", employer.vacancy_detail, name="employer_vacancy"),
]
