from django.apps import AppConfig


class FrontConfig(AppConfig):
    """The top layer: the staff home page and menus, the URL map and API, and set-up commands."""

    name = "iljari.front"
    verbose_name = "첫 화면"
