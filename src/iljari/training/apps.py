from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "iljari.training"
    verbose_name = "직업훈련"
