from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "iljari.matching"
    verbose_name = "매칭"

    def ready(self) -> None:
        from iljari.core.jobs import periodic
        from iljari.matching.sections import register

        register()
        periodic("iljari.matching.tasks.retrain_ranker", cron="0 4 * * 1")  # Mondays 04:00, after the nightly jobs
        # after the night's 마감 (00:05), before the day: counselors open stored lists of that morning
        periodic("iljari.matching.tasks.match_all_nightly", cron="0 3 * * *")
