from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "iljari.reports"
    verbose_name = "통계·보고서"

    def ready(self) -> None:
        from iljari.core.jobs import periodic

        periodic("iljari.reports.tasks.monthly_files", cron="0 6 1 * *")
