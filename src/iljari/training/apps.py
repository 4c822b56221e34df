from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "iljari.training"
    verbose_name = "교육·일자리 사업"

    def ready(self) -> None:
        from iljari.core.jobs import periodic
        from iljari.training.sections import register

        register()
        periodic("iljari.training.tasks.outcomes_nightly", cron="20 0 * * *")
        periodic("iljari.training.tasks.remind_tomorrow", cron="0 10 * * *")
