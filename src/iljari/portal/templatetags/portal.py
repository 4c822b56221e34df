"""How the portal writes times, money and Korean proper names for a reader of any language."""

from datetime import datetime, time

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def ko(value: object) -> SafeString | str:
    """Korean text inside a page of another language (a company's name, a 동, duties as written):
    marked ``lang="ko"`` so a screen reader reads it as Korean and a browser translates it."""
    if value in (None, ""):
        return ""
    if translation.get_language() == "ko":
        return str(value)
    return format_html('<span lang="ko">{}</span>', value)


@register.filter
def clock(value: time | datetime | None) -> str:
    """09:30 — the 24-hour clock reads the same in every language of the portal."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).time()
    return f"{value:%H:%M}"


@register.simple_tag(takes_context=True)
def languages(context: template.Context) -> list[dict]:
    """The picker's links: this same page in each language, named in that language."""
    request = context["request"]
    current = translation.get_language()
    path = request.get_full_path()
    return [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
