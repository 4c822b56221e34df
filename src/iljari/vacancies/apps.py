from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "iljari.vacancies"
    verbose_name = "구인표"
