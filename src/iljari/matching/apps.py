from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "iljari.matching"
    verbose_name = "매칭"
