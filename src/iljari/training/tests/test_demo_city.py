"""The demo programs belong to whichever city is installed: no other city's name in a provider or place."""

from datetime import date

from django.core.management import call_command

from iljari.demo.programs import demo_programs_generate
from iljari.front.setup import reference_load_all
from iljari.reference.selectors import current_city
from iljari.training.models import ProgramSession, TrainingProgram


def test_demo_programs_of_anyang_name_anyang_places(db, tmp_path, settings):
    folder = tmp_path / "anyang"
    call_command("city", "pack", "--sgg", "안양시", "--output", str(folder))
    reference_load_all(city_folder=folder)
    settings.ILJARI_CITY_DIR = folder
    current_city.cache_clear()
    try:
        assert demo_programs_generate(today=date(2026, 12, 1))["교육·일자리 사업"] > 0
    finally:
        current_city.cache_clear()
    places = [*TrainingProgram.objects.values_list("provider", flat=True)]
    places += ProgramSession.objects.values_list("place", flat=True)
    assert places and not [p for p in places if "안산" in p]
    assert "안양 직업전문학교(시연용)" in places
