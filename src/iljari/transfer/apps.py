from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "iljari.transfer"
    verbose_name = "가져오기·내보내기"
