from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "iljari.discovery"
    verbose_name = "일자리 발굴"
