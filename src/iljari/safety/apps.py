from django.apps import AppConfig


class SafetyConfig(AppConfig):
    """Kind to the staff: balanced caseloads, and protection from abusive contacts (악성 민원)."""

    name = "iljari.safety"
    verbose_name = "직원 보호"

    def ready(self) -> None:
        from iljari.core.jobs import periodic
        from iljari.safety.sections import register

        register()
        periodic("iljari.safety.tasks.remind_overdue", cron="*/15 * * * *")
