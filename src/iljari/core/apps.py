from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "iljari.core"
    verbose_name = "공통"
