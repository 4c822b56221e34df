from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "iljari.core"
    verbose_name = "공통"

    def ready(self) -> None:
        from iljari.core.jobs import periodic

        periodic("iljari.core.tasks.prune_nightly", cron="30 3 * * *")
        periodic("iljari.core.tasks.submissions_nightly", cron="40 3 * * *")
