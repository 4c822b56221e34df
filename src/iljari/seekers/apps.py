from django.apps import AppConfig


class SeekersConfig(AppConfig):
    name = "iljari.seekers"
    verbose_name = "구직자"
