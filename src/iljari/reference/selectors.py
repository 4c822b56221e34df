"""Reading reference data, with look-ups by the names staff type."""

import functools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings

from iljari.reference.models import Dong, DongBoundary, MinimumWage, Occupation
from iljari.reference.services import City, city_load


def dong_key(name: str) -> str:
    """'경기도 안산시 단원구 와동', '와동 ' and '와동' name the same 동."""
    parts = (name or "").split()
    return parts[-1] if parts else ""


@dataclass(frozen=True)
class DongArea:
    """A 동 as the map draws it (``core.charts.Area``)."""

    name: str
    lat: float
    lon: float
    boundary: dict


def dong_areas() -> list[DongArea]:
    """The city's 동 that have a boundary, for drawing the map."""
    return [
        DongArea(b.dong.name, b.dong.lat, b.dong.lon, b.geometry)
        for b in DongBoundary.objects.select_related("dong").order_by("dong__code")
    ]


def dongs_by_name() -> dict[str, Dong]:
    return {d.name: d for d in Dong.objects.all()}


def _title_key(title: str) -> str:
    return re.sub(r"[\s·()\[\]]+", "", title or "").casefold()


def occupations_by_title() -> dict[str, Occupation]:
    """Exact titles and unambiguous synonyms → occupation, for typed 희망직종 and 모집직종.

    Free text that is not an exact title is left for the matching engine's normalizer.
    """
    occupations = list(Occupation.objects.only("id", "title", "synonyms", "keco_code"))
    by_title = {_title_key(o.title): o for o in occupations}
    synonym_owners: dict[str, set[int]] = {}
    by_synonym: dict[str, Occupation] = {}
    for o in occupations:
        for s in o.synonyms:
            key = _title_key(s)
            synonym_owners.setdefault(key, set()).add(o.pk)
            by_synonym[key] = o
    unique = {k: by_synonym[k] for k, owners in synonym_owners.items() if len(owners) == 1}
    return {**unique, **by_title}


def occupation_for_text(text: str, index: dict[str, Occupation]) -> Occupation | None:
    return index.get(_title_key(text))


def minimum_wage_for(day: date) -> MinimumWage | None:
    """The minimum wage in force on a day (the latest year on file if the day is later)."""
    return (
        MinimumWage.objects.filter(year__lte=day.year).order_by("-year").first()
        or MinimumWage.objects.order_by("year").first()
    )


@functools.cache
def current_city() -> City:
    """The city this installation serves (``ILJARI_CITY_DIR``), read once per process."""
    return city_load(Path(settings.ILJARI_CITY_DIR))
