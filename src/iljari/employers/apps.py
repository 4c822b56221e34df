from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "iljari.employers"
    verbose_name = "구인업체"
