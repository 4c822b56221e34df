"""Sections a higher app adds to a lower app's record page.

A seeker's page shows recommendations, referrals and hiring events; the seekers app must not
import those apps, so each of them registers its section here when Django starts
(``AppConfig.ready``) and the page renders whatever is registered, in order.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

Context = Callable[[HttpRequest, Any], dict | None]


@dataclass(frozen=True)
class Section:
    template: str
    context: Context  # None: the section is not shown to this user
    order: int


_sections: dict[str, list[Section]] = defaultdict(list)


def section_add(page: str, *, template: str, context: Context, order: int) -> None:
    """Register a section of ``page`` (e.g. ``"seekers.detail"``); registering twice is harmless."""
    section = Section(template, context, order)
    if section not in _sections[page]:
        _sections[page].append(section)
        _sections[page].sort(key=lambda s: s.order)


def sections_for(page: str, request: HttpRequest, obj: Any) -> list[dict]:
    """Each registered section's template and context for this request, in order."""
    shown = []
    for section in _sections[page]:
        context = section.context(request, obj)
        if context is not None:
            shown.append({"template": section.template, **context})
    return shown
