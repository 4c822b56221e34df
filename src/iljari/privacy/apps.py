from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "iljari.privacy"
    verbose_name = "개인정보"
