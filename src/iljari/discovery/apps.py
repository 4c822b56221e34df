from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "iljari.discovery"
    verbose_name = "일자리 발굴"

    def ready(self) -> None:
        from iljari.discovery.sections import register

        register()
