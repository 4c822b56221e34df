from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "iljari.vacancies"
    verbose_name = "구인표"

    def ready(self) -> None:
        from iljari.core.jobs import periodic

        # just after midnight: a 마감일 of yesterday closes before the day's first search
        periodic("iljari.vacancies.tasks.expire_nightly", cron="5 0 * * *")
