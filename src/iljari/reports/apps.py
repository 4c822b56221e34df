from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "iljari.reports"
    verbose_name = "통계·보고서"
