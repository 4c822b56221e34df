from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "iljari.reference"
    verbose_name = "기준정보"
