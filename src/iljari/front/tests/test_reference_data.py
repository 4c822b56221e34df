"""`iljari init` loads the job dictionary, Ansan's 25 동, desks and the minimum wage."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from iljari.accounts.models import Desk
from iljari.accounts.services import desks_load
from iljari.front.setup import reference_load_all
from iljari.reference.models import Dong, Licence, MinimumWage, Occupation, TargetGroup, VisaType
from iljari.reference.selectors import minimum_wage_for, occupation_for_text, occupations_by_title
from iljari.reference.services import ReferenceDataError, city_load

pytestmark = pytest.mark.postgres


def test_reference_data_is_complete(db):
    assert Occupation.objects.count() == 6313
    assert Dong.objects.count() == 25
    assert Dong.objects.filter(boundary__isnull=False).count() == 25
    wa = Dong.objects.get(name="와동")
    assert wa.gu == "단원구" and 37.2 < wa.lat < 37.4 and 126.7 < wa.lon < 126.95
    assert Desk.objects.filter(kind=Desk.Kind.DONG_CENTER).count() == 25
    assert Desk.objects.count() == 30
    assert TargetGroup.objects.count() == 7
    assert MinimumWage.objects.get(year=2026).hourly == 10320
    assert VisaType.objects.get(code="E-9").work_scope == "permitted_industries"
    assert Licence.objects.filter(name="지게차운전기능사").exists()


def test_loading_again_changes_nothing(db):
    assert set(reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR)).values()) == {0}


def test_occupation_lookup_by_title_or_unique_synonym(db):
    index = occupations_by_title()
    welder = occupation_for_text("아크용접원", index)
    assert welder.title == "아크용접원" and welder.keco_code == "8241"
    assert occupation_for_text("레이저 절단공", index).title == "레이저절단원"
    assert occupation_for_text("촬영기자", index) is None  # a synonym of two occupations


def test_minimum_wage_of_a_day(db):
    assert minimum_wage_for(date(2025, 6, 1)).hourly == 10030
    assert minimum_wage_for(date(2030, 1, 1)).year == 2026  # latest known year


def test_a_city_file_naming_an_unknown_dong_is_refused(db, tmp_path):
    city = tmp_path / "city"
    city.mkdir()
    (city / "city.toml").write_text('name = "테스트시"\ndongs_csv = "ansan-geo/ansan_dongs.csv"\n')
    (city / "desks.csv").write_text("code,name,kind,dong\nx,없는동센터,dong_center,없는동\n")
    with pytest.raises(ReferenceDataError, match="없는동"):
        desks_load(city_load(city))
