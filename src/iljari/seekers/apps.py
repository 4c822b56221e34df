from django.apps import AppConfig


class SeekersConfig(AppConfig):
    name = "iljari.seekers"
    verbose_name = "구직자"

    def ready(self) -> None:
        from iljari.core.jobs import periodic

        periodic("iljari.seekers.tasks.lapse_nightly", cron="10 0 * * *")
        periodic("iljari.seekers.tasks.retention_nightly", cron="30 2 * * *")
