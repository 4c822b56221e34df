"""The KPI exchange: one city's month in an open format other cities and the province can load.

The format (``reports/schema/kpi-exchange-v1.json``, documented in docs/kpi-exchange.md) carries the
figures with their definitions in Korean and English and nothing about any person: counts and rates
only, and every count from 1 to 4 withheld as ``null`` (with any rate built on it), so no one can be
recognised in a small group. The same figures go to JSON and to xlsx.
"""

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import jsonschema
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from openpyxl import Workbook

from iljari.core.errors import IljariError
from iljari.core.spreadsheets import metric_sheet, sheet_append, summary_sheet, workbook_save
from iljari.discovery.models import Visit
from iljari.events.report import events_totals
from iljari.privacy.audit import Action, Actor, audit_record
from iljari.reference.models import Dong, TargetGroup
from iljari.reference.selectors import current_city
from iljari.reports.kpis import kpi_table
from iljari.reports.models import CityKpi
from iljari.reports.monthly import month_bounds
from iljari.vacancies.models import Vacancy

VERSION = 1
MIN_COUNT = 5
SCHEMA = Path(__file__).resolve().parent / "schema" / "kpi-exchange-v1.json"
RULE = "1~4인 건수와 그 건수로 계산한 비율은 null로 비웁니다 (counts of 1 to 4, and rates built on them, are null)."

# metric → (Korean, English, unit); rates name the counts they are built from, for suppression.
DEFINITIONS: dict[str, tuple[str, str, str]] = {
    "registered": ("등록 구직자: 해당 월에 구직 등록한 사람", "Job seekers registered in the month", "people"),
    "served": (
        "서비스 구직자: 해당 월에 등록·상담·알선 중 하나라도 받은 사람",
        "Job seekers registered, counselled or referred in the month",
        "people",
    ),
    "referrals": ("알선: 해당 월에 한 알선", "Referrals made in the month", "referrals"),
    "interviews": ("면접: 해당 월에 본 면접", "Interviews held in the month", "interviews"),
    "placements": (
        "취업: 해당 월에 일을 시작한 건수(알선·자체 취업 포함)",
        "Jobs started in the month (referred or found by the seeker)",
        "jobs",
    ),
    "placed_people": ("취업자: 해당 월에 일을 시작한 사람", "People who started a job in the month", "people"),
    "placement_rate": ("취업률: 취업자 ÷ 서비스 구직자 × 100", "People placed ÷ people served × 100", "%"),
    "retention_3": (
        "3개월 고용유지율: 예정일이 해당 월인 3개월 사후관리 중 계속 근무 비율",
        "Share still employed at the 3-month follow-ups due in the month",
        "%",
    ),
    "vacancies": ("구인 발굴: 해당 월에 접수한 구인표", "Vacancies received in the month", "vacancies"),
    "openings": ("모집 인원: 그 구인표의 모집 인원 합", "Openings in those vacancies", "openings"),
    "visits": (
        "현장 방문: 발굴팀이 해당 월에 업체를 찾아간 횟수",
        "Company visits by the job discovery teams",
        "visits",
    ),
    "companies_visited": ("방문 업체", "Companies visited", "companies"),
    "vacancies_found": (
        "발굴 구인표: 현장 발굴로 접수한 구인표",
        "Vacancies found by the discovery teams",
        "vacancies",
    ),
    "discovery_yield": ("발굴률: 방문 100회당 발굴 구인표", "Vacancies found per 100 visits", "per 100 visits"),
    "events": ("채용행사: 해당 월에 연 행사", "Hiring events held in the month", "events"),
    "registrations": ("행사 참여 신청", "Event registrations", "registrations"),
    "checked_in": ("행사 입장", "People who came to the event", "people"),
    "held": ("행사 면접 실시", "Interviews held at events", "interviews"),
    "hired": ("행사 채용(합격)", "Hires from event interviews", "hires"),
}
RATES = {"placement_rate": ("placed_people", "served"), "discovery_yield": ("vacancies_found", "visits")}
TOTAL = ["registered", "served", "referrals", "interviews", "placements", "placed_people", "placement_rate",
         "retention_3", "vacancies", "openings"]  # fmt: skip
GROUP = ["served", "placements", "placed_people", "placement_rate"]
DISCOVERY = ["visits", "companies_visited", "vacancies_found", "discovery_yield"]
EVENTS = ["events", "registrations", "checked_in", "held", "hired"]


class ExchangeError(IljariError):
    """A KPI file that cannot be loaded; the message names what is wrong."""


def _suppressed(figures: dict[str, float | None]) -> dict[str, float | None]:
    shown = {k: (None if isinstance(v, int) and 0 < v < MIN_COUNT else v) for k, v in figures.items()}
    for rate, parts in RATES.items():
        if rate in shown and any(p in figures and shown.get(p) is None for p in parts):
            shown[rate] = None
    return shown


def _pick(row: dict, names: list[str]) -> dict:
    return {n: row.get(n, 0) for n in names}


def city_code() -> str:
    """The 시군구 code: the city's own (city.toml ``code``) or the one most of its 동 codes start with."""
    city = current_city()
    if city.code:
        return city.code
    prefixes = Counter(code[:4] for code in Dong.objects.values_list("code", flat=True))
    return f"{prefixes.most_common(1)[0][0]}0" if prefixes else "00000"


def kpi_export(*, month: date) -> dict:
    """The whole city's figures for ``month`` in the exchange format (never scoped to a desk)."""
    start, end = month_bounds(month)
    city = current_city()
    total = kpi_table(start=start, end=end, breakdown=None).total
    names = dict(TargetGroup.objects.values_list("name", "code"))
    groups = kpi_table(start=start, end=end, breakdown="target_group", total=total).rows
    found = Vacancy.objects.filter(posted_on__range=(start, end), source=Vacancy.Source.DISCOVERY)
    visits = Visit.objects.filter(visited_on__range=(start, end)).aggregate(
        visits=Count("id"), companies_visited=Count("employer", distinct=True)
    )
    discovery = {**visits, "vacancies_found": found.count()}
    discovery["discovery_yield"] = (
        round(100 * discovery["vacancies_found"] / discovery["visits"], 1) if discovery["visits"] else 0.0
    )
    discovery["openings_found"] = found.aggregate(n=Sum("openings"))["n"] or 0
    events = events_totals(start=start, end=end)
    payload = {
        "format": "iljari-kpi",
        "version": VERSION,
        "city": {"code": city_code(), "name": city.name, "region": city.region},
        "month": f"{start:%Y-%m}",
        "generated_at": timezone.now().isoformat(),
        "suppression": {"min_count": MIN_COUNT, "rule": RULE},
        "definitions": {k: {"ko": ko, "en": en, "unit": unit} for k, (ko, en, unit) in DEFINITIONS.items()},
        "total": _suppressed(_pick(total, TOTAL)),
        "by_target_group": {
            names[name]: {"name": name, **_suppressed(_pick(row, GROUP))}
            for name, row in sorted(groups.items())
            if name in names
        },
        "discovery": _suppressed(_pick(discovery, DISCOVERY)),
        "events": _suppressed(_pick(events, EVENTS)),
    }
    kpi_check(payload)
    return payload


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def kpi_check(payload: object) -> None:
    """Raise ``ExchangeError`` listing every place where ``payload`` breaks the format."""
    problems = sorted(_validator().iter_errors(payload), key=lambda e: list(e.absolute_path))
    if problems:
        lines = [f"{'/'.join(map(str, e.absolute_path)) or '(전체)'}: {e.message}" for e in problems[:20]]
        raise ExchangeError("KPI 파일 형식이 맞지 않습니다.\n" + "\n".join(lines))


def kpi_read(path: Path) -> dict:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExchangeError(f"KPI 파일을 읽을 수 없습니다({path.name}): {exc}") from exc
    kpi_check(payload)
    return payload


def kpi_import(*, payload: dict, actor: Actor) -> CityKpi:
    """Keep another city's month (a later file for the same city and month replaces the earlier)."""
    kpi_check(payload)
    month = date.fromisoformat(payload["month"] + "-01")
    with transaction.atomic():
        record, _ = CityKpi.objects.update_or_create(
            city_code=payload["city"]["code"],
            month=month,
            defaults={"city_name": payload["city"]["name"], "region": payload["city"]["region"], "payload": payload},
        )
        audit_record(
            actor=actor,
            action=Action.IMPORT,
            object_type="city_kpi",
            object_id=record.pk,
            purpose="다른 도시 실적 가져오기",
            detail={"city": payload["city"]["name"], "month": payload["month"]},
        )
    return record


def kpi_xlsx(payload: dict, path: Path) -> None:
    """The same figures as a workbook: a summary, then target groups, discovery and events."""
    label = {k: d["ko"].split(":")[0] for k, d in payload["definitions"].items()}
    book = Workbook()

    def rows(figures: dict, names: list[str]) -> list[tuple[str, object, str]]:
        return [(label.get(n, n), figures.get(n) if figures.get(n) is not None else "비공개", "#,##0.0") for n in names]

    summary_sheet(
        book,
        f"{payload['city']['name']} 일자리센터 {payload['month']} 실적 (iljari KPI v{payload['version']})",
        [payload["suppression"]["rule"]],
        rows(payload["total"], TOTAL) + rows(payload["discovery"], DISCOVERY) + rows(payload["events"], EVENTS),
    )
    groups = [
        (g["name"], {k: ("비공개" if v is None else v) for k, v in g.items()})
        for g in payload["by_target_group"].values()
    ]
    metric_sheet(book, "대상계층별", "대상계층", groups, {}, [(n, label[n]) for n in GROUP], {"placement_rate"})
    book["대상계층별"].delete_rows(book["대상계층별"].max_row)  # no total row: the city total is on the summary
    notes = book.create_sheet("용어 정의")
    sheet_append(notes, ["항목", "정의", "Definition", "단위"])
    for key, d in payload["definitions"].items():  # another city's file: its text goes through the writer too
        sheet_append(notes, [key, d["ko"], d["en"], d.get("unit", "")])
    workbook_save(book, path)


@dataclass(frozen=True)
class CityColumn:
    code: str
    name: str
    payload: dict
    own: bool


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    definition: str
    values: list[float | None]  # one per city, None where withheld or not reported
    percent: bool = False


@dataclass(frozen=True)
class Comparison:
    month: str
    cities: list[CityColumn]
    rows: list[ComparisonRow]
    ranking: list[tuple[int, CityColumn, float | None]]  # by placement rate, highest first


def kpi_comparison(*, month: date) -> Comparison:
    """This city beside every city loaded for ``month``, with a ranking by placement rate."""
    own = kpi_export(month=month)
    cities = [CityColumn(own["city"]["code"], own["city"]["name"], own, True)]
    for record in CityKpi.objects.filter(month=month.replace(day=1)).exclude(city_code=own["city"]["code"]):
        cities.append(CityColumn(record.city_code, record.city_name, record.payload, False))
    label = {k: ko.split(":")[0] for k, (ko, _, _) in DEFINITIONS.items()}

    def row(section: str, metric: str, title: str = "") -> ComparisonRow:
        return ComparisonRow(
            title or label[metric],
            DEFINITIONS[metric][0],
            [c.payload[section].get(metric) for c in cities],
            percent=DEFINITIONS[metric][2] == "%",
        )

    rows = [row("total", m) for m in ("served", "placed_people", "placement_rate", "retention_3")]
    groups: dict[str, str] = {}
    for c in cities:
        for code, g in c.payload["by_target_group"].items():
            groups.setdefault(code, g["name"])
    for code, name in sorted(groups.items(), key=lambda item: item[1]):
        rows.append(
            ComparisonRow(
                f"{name} 취업률",
                DEFINITIONS["placement_rate"][0],
                [c.payload["by_target_group"].get(code, {}).get("placement_rate") for c in cities],
                percent=True,
            )
        )
    rows += [row("discovery", m) for m in DISCOVERY] + [row("events", m) for m in ("events", "registrations", "hired")]
    rated = sorted(cities, key=lambda c: -(c.payload["total"].get("placement_rate") or -1))
    ranking = [(n, c, c.payload["total"].get("placement_rate")) for n, c in enumerate(rated, start=1)]
    return Comparison(own["month"], cities, rows, ranking)
