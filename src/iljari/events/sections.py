"""Hiring events on the seeker page (registered in ``EventsConfig.ready``)."""

from django.http import HttpRequest
from django.utils import timezone

from iljari.core.sections import section_add
from iljari.events.models import HiringEvent
from iljari.seekers.models import Seeker


def _seeker(request: HttpRequest, seeker: Seeker) -> dict:
    return {
        "registrations": seeker.event_registrations.select_related("event").order_by("-event__date")[:10],
        "open_events": HiringEvent.objects.filter(date__gte=timezone.localdate())
        .exclude(registrations__seeker=seeker)
        .order_by("date")[:5],
    }


def register() -> None:
    section_add("seekers.detail", template="events/_seeker_section.html", context=_seeker, order=40)
