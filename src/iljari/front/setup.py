"""Installing a city: national reference data, then the city's own files, in one transaction each."""

from pathlib import Path

from django.db import transaction

from iljari.accounts.services import desks_load
from iljari.reference.services import (
    city_load,
    dongs_load,
    minimum_wages_load,
    occupations_load,
    target_groups_load,
    visa_types_load,
)
from iljari.training.services import program_types_load, selection_criteria_load


def reference_load_all(*, city_folder: Path) -> dict[str, int]:
    """Load national and city reference data; returns rows written per kind."""
    city = city_load(city_folder)
    with transaction.atomic():
        counts = {
            "행정동": dongs_load(city),
            "창구": 0,
            "대상계층": target_groups_load(city),
            "사업 유형": program_types_load(city),
            "선발 기준": selection_criteria_load(city),
            "최저임금": minimum_wages_load(),
            "체류자격": visa_types_load(),
        }
        counts["창구"] = desks_load(city)
    counts["직업"] = occupations_load()
    return counts
