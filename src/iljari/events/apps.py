from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "iljari.events"
    verbose_name = "채용행사"

    def ready(self) -> None:
        from iljari.core.jobs import periodic
        from iljari.events.sections import register

        register()
        periodic("iljari.events.tasks.remind_tomorrow", cron="0 10 * * *")
