"""Cities exchange their month's figures in one documented format and see each other side by side."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from iljari.reference.models import TargetGroup
from iljari.referrals.services import placement_record_direct
from iljari.reports.exchange import ExchangeError, kpi_check, kpi_comparison, kpi_export, kpi_import
from iljari.reports.models import CityKpi

OCTOBER = date(2026, 10, 1)


@pytest.fixture
def served(make_seeker, counselor):
    """Seven young people and two seniors registered in October; three young people placed."""
    youth, senior = TargetGroup.objects.get(code="youth"), TargetGroup.objects.get(code="senior")
    young = [make_seeker(target_groups=[youth], registered_on=date(2026, 10, 3 + n)) for n in range(7)]
    seniors = [make_seeker(target_groups=[senior], registered_on=date(2026, 10, 2)) for _ in range(2)]
    for seeker in young[:3]:
        placement_record_direct(
            seeker=seeker, employer_name="동네 식당", started_on=date(2026, 10, 20), actor=counselor
        )
    return {"young": young, "seniors": seniors}


def _anyang(payload: dict) -> dict:
    """Another city's file: the same format with its own name, code and figures."""
    other = json.loads(json.dumps(payload))
    other["city"] = {"code": "41170", "name": "안양시", "region": "경기도"}
    other["total"]["placement_rate"] = 41.5
    other["by_target_group"]["youth"]["placement_rate"] = 38.0
    return other


def test_the_export_follows_the_schema_withholds_small_counts_and_carries_no_one(served):
    payload = kpi_export(month=OCTOBER)
    kpi_check(payload)  # the documented schema
    assert payload["city"] == {"code": "41270", "name": "안산시", "region": "경기도"}
    assert payload["total"]["served"] == 9 and payload["total"]["placed_people"] is None  # 3 people: withheld
    assert payload["total"]["placement_rate"] is None  # built on a withheld count
    youth, senior = payload["by_target_group"]["youth"], payload["by_target_group"]["senior"]
    assert youth["served"] == 7 and youth["name"] == "청년"
    assert senior["served"] is None and senior["placement_rate"] is None
    assert payload["definitions"]["placement_rate"]["en"].startswith("People placed")
    text = json.dumps(payload, ensure_ascii=False)
    assert not any(s.name in text for s in served["young"] + served["seniors"])


def test_two_cities_round_trip_through_files_and_are_ranked(served, tmp_path, capsys):
    own = tmp_path / "ansan-2026-10.json"
    call_command("kpi", "export", "--month", "2026-10", "--output", str(own), "--xlsx", str(tmp_path / "ansan.xlsx"))
    book = load_workbook(tmp_path / "ansan.xlsx")
    assert book.sheetnames == ["요약", "대상계층별", "용어 정의"]
    other = tmp_path / "anyang-2026-10.json"
    other.write_text(json.dumps(_anyang(json.loads(own.read_text(encoding="utf-8"))), ensure_ascii=False))
    call_command("kpi", "import", str(other), str(own))
    assert "안양시 2026-10" in capsys.readouterr().out
    comparison = kpi_comparison(month=OCTOBER)
    assert [c.name for c in comparison.cities] == ["안산시", "안양시"]  # this city's own file is not a second city
    assert [c.name for _, c, _ in comparison.ranking] == ["안양시", "안산시"]
    youth = next(r for r in comparison.rows if r.label == "청년 취업률")
    assert youth.values == [None, 38.0]
    again = _anyang(kpi_export(month=OCTOBER))
    again["total"]["placement_rate"] = 12.0
    kpi_import(payload=again, actor="test")
    assert CityKpi.objects.filter(city_code="41170").count() == 1  # a later file replaces the earlier


def test_a_broken_file_is_refused_naming_what_is_wrong(served, tmp_path):
    payload = kpi_export(month=OCTOBER)
    del payload["events"]
    payload["month"] = "2026-13"
    with pytest.raises(ExchangeError) as refused:
        kpi_import(payload=payload, actor="test")
    assert "month" in refused.value.message and "events" in refused.value.message
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="읽을 수 없습니다"):
        call_command("kpi", "import", str(bad))
    assert not CityKpi.objects.exists()


def test_the_comparison_page_shows_cities_side_by_side_to_managers_only(client, served, manager, counselor):
    kpi_import(payload=_anyang(kpi_export(month=OCTOBER)), actor="test")
    client.force_login(manager)
    page = client.get(reverse("reports:compare"), {"month": "2026-10"}).content.decode()
    assert "안양시" in page and "안산시 (우리 시)" in page and "비공개" in page and "41.5%" in page
    client.force_login(counselor)
    assert client.get(reverse("reports:compare")).status_code == 403
