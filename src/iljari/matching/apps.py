from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "iljari.matching"
    verbose_name = "매칭"

    def ready(self) -> None:
        from iljari.matching.sections import register

        register()
