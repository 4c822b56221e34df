"""Loading reference data from files: national data (job dictionary, minimum wage, visas),
packaged in ``reference/data/`` (``ILJARI_DATA_DIR`` overrides), and the city's 동 and target
groups from its folder. Desks and program types are loaded by their own apps
with the same readers (``read_csv``, ``upsert``).

Every loader is idempotent — it inserts what is new and updates what changed — so
``iljari init`` can be run again after a new year's minimum wage is added.
"""

import csv
import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Model

from iljari.core.errors import IljariError
from iljari.paths import DataFileNotFound, data_file, existing, open_text
from iljari.reference.models import Dong, DongBoundary, Licence, MinimumWage, Occupation, TargetGroup, VisaType


class ReferenceDataError(IljariError):
    """A reference file is missing or malformed."""


@dataclass(frozen=True)
class City:
    """A city's data folder (see docs/city-data.md)."""

    name: str
    region: str
    folder: Path
    dongs_csv: Path
    dongs_geojson: Path | None
    industrial_dongs: tuple[str, ...]
    code: str = ""  # 시군구 code (5 digits); derived from the 동 codes when not given
    center_name: str = ""  # the job center as the public knows it, e.g. "안산시 일자리센터"
    center_phone: str = ""  # the center's public number: what the public sees instead of a staff member's
    center_names: dict[str, str] = field(default_factory=dict)  # the name in other languages, by code
    incident_response_hours: int = 24  # how soon a desk lead answers a reported abusive contact
    staff_support: str = ""  # where staff find counselling and a rest room, shown after a report
    demo: dict[str, str] = field(default_factory=dict)  # names the demo generator uses (events, places)

    @property
    def short_name(self) -> str:
        """안산시 → 안산: how the city names itself in event titles and shop names."""
        return self.name[:-1] if len(self.name) > 2 and self.name[-1] in "시군" else self.name

    def demo_name(self, key: str, default: str) -> str:
        return self.demo.get(key) or default

    def center_name_in(self, language: str) -> str:
        """The center's name for a reader of ``language`` (English, then Korean, when there is none)."""
        return self.center_names.get(language) or (
            self.center_name if language == "ko" else self.center_names.get("en", self.center_name)
        )

    seeker_validity_months: int = 6  # a 구직 신청 lapses after this long without contact
    lapse_reminder_days: int = 14  # shown on 오늘의 업무 this many days before it lapses
    retention_months: int = 36  # 보유기간: a seeker's personal data is erased this long after the last contact
    retention_notice_days: int = 30  # the seeker is told this many days before


def city_load(folder: Path) -> City:
    toml_path = folder / "city.toml"
    if not toml_path.exists():
        raise ReferenceDataError(f"도시 설정 파일이 없습니다: {toml_path}")
    conf = tomllib.loads(toml_path.read_text(encoding="utf-8"))

    def resolve(name: str | None) -> Path | None:
        """A file named in city.toml: relative to the city's folder, or absolute (read plain or compressed)."""
        return folder / name if name else None

    return City(
        name=conf["name"],
        region=conf.get("region", ""),
        folder=folder,
        dongs_csv=resolve(conf["dongs_csv"]),
        dongs_geojson=resolve(conf.get("dongs_geojson")),
        industrial_dongs=tuple(conf.get("industrial_dongs", [])),
        code=str(conf.get("code", "")),
        center_name=conf.get("center", {}).get("name", f"{conf['name']} 일자리센터"),
        center_phone=conf.get("center", {}).get("phone", ""),
        center_names=dict(conf.get("center", {}).get("names", {})),
        incident_response_hours=int(conf.get("safety", {}).get("response_hours", 24)),
        staff_support=conf.get("safety", {}).get("staff_support", ""),
        seeker_validity_months=_positive(conf, "seeker_validity_months", 6, toml_path),
        lapse_reminder_days=_positive(conf, "lapse_reminder_days", 14, toml_path),
        retention_months=_positive(conf, "retention_months", 36, toml_path),
        retention_notice_days=_positive(conf, "retention_notice_days", 30, toml_path),
    )


def national_file(*parts: str) -> Path:
    """A national data set's file (see ``iljari.paths.data_file``), or a Korean error naming where it looked."""
    try:
        return data_file(*parts)
    except DataFileNotFound as exc:
        raise ReferenceDataError(str(exc)) from exc


def _positive(conf: dict, key: str, default: int, path: Path) -> int:
    value = conf.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ReferenceDataError(f"{path.name}의 {key}는 1 이상의 정수여야 합니다(지금: {value!r}).")
    return value


def read_csv(path: Path, required: Iterable[str], delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV file (plain, .xz or .gz), after checking it has the required columns."""
    try:
        fh = open_text(path)
    except DataFileNotFound as exc:
        raise ReferenceDataError(f"기준정보 파일이 없습니다: {path}") from exc
    with fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        missing = set(required) - set(reader.fieldnames or [])
        if missing:
            raise ReferenceDataError(f"{path.name}에 열이 없습니다: {', '.join(sorted(missing))}")
        return list(reader)


def _split(value: str, sep: str = "|") -> list[str]:
    return [item.strip() for item in (value or "").split(sep) if item.strip()]


def upsert(model: type[Model], key: str, rows: list[dict]) -> int:
    """Insert new rows and update changed ones by a natural key; returns rows written."""
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    new, changed = [], []
    fields = [f for f in rows[0] if f != key] if rows else []
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            new.append(model(**row))
        elif any(getattr(obj, f) != row[f] for f in fields):
            for f in fields:
                setattr(obj, f, row[f])
            changed.append(obj)
    model.objects.bulk_create(new, batch_size=500)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=500)
    return len(new) + len(changed)


def occupations_load(path: Path | None = None) -> int:
    """Load 한국직업사전 occupations and the licences they name."""
    path = path or national_file("ko-job-dictionary", "occupations.csv")
    rows = read_csv(path, ["occupation_id", "title", "keco_code"])
    records = [
        {
            "occupation_id": r["occupation_id"],
            "title": r["title"],
            "summary": r.get("summary", ""),
            "tasks": r.get("tasks", ""),
            "keco_code": r["keco_code"],
            "keco_name": r.get("keco_name", ""),
            "ksco_code": r.get("ksco_code", ""),
            "ksco_name": r.get("ksco_name", ""),
            "education": r.get("education", ""),
            "licences": _split(r.get("licences", "")),
            "synonyms": _split(r.get("synonyms", "")),
            "related_titles": _split(r.get("related_titles", "")),
            "ksic_code": r.get("ksic_code", ""),
            "ksic_name": r.get("ksic_name", ""),
            "skill_years": r.get("skill_years", ""),
            "work_strength": r.get("work_strength", ""),
            "work_place": r.get("work_place", ""),
        }
        for r in rows
    ]
    licence_names = sorted({name for rec in records for name in rec["licences"]})
    with transaction.atomic():
        written = upsert(Occupation, "occupation_id", records)
        upsert(Licence, "name", [{"name": n} for n in licence_names])
    return written


def minimum_wages_load(path: Path | None = None) -> int:
    path = path or national_file("minimum-wage", "minimum_wage_kr.csv")
    rows = read_csv(path, ["year", "hourly_won", "monthly_won_209h"])
    return upsert(
        MinimumWage,
        "year",
        [{"year": int(r["year"]), "hourly": int(r["hourly_won"]), "monthly": int(r["monthly_won_209h"])} for r in rows],
    )


def visa_types_load(path: Path | None = None) -> int:
    rows = read_csv(path or national_file("visa-types", "visa_types.csv"), ["code", "name", "work_scope"])
    return upsert(
        VisaType,
        "code",
        [
            {
                "code": r["code"],
                "name": r["name"],
                "work_scope": r["work_scope"],
                "permitted_keco_prefixes": r["permitted_keco_prefixes"].split(),
                "weekly_hours_limit": int(r["weekly_hours_limit"]) if r["weekly_hours_limit"] else None,
                "requires_listing": r.get("requires_listing", "N").strip().upper() == "Y",
                "note": r.get("note", ""),
            }
            for r in rows
        ],
    )


def dongs_load(city: City) -> int:
    rows = read_csv(city.dongs_csv, ["adm_cd2", "dong", "centroid_lat", "centroid_lon"])
    boundaries: dict[str, dict] = {}
    if city.dongs_geojson and existing(city.dongs_geojson):
        with open_text(city.dongs_geojson) as fh:
            collection = json.load(fh)
        boundaries = {f["properties"]["adm_cd2"]: f["geometry"] for f in collection["features"]}
    written = upsert(
        Dong,
        "code",
        [
            {
                "code": r["adm_cd2"],
                "stat_code": r.get("adm_cd8", ""),
                "name": r["dong"],
                "gu": r.get("gu", ""),
                "lat": float(r["centroid_lat"]),
                "lon": float(r["centroid_lon"]),
            }
            for r in rows
        ],
    )
    ids = dict(Dong.objects.values_list("code", "pk"))
    upsert(
        DongBoundary,
        "dong_id",
        [
            {"dong_id": ids[r["adm_cd2"]], "geometry": boundaries[r["adm_cd2"]]}
            for r in rows
            if r["adm_cd2"] in boundaries
        ],
    )
    return written


def target_groups_load(city: City) -> int:
    rows = read_csv(city.folder / "target_groups.csv", ["code", "name"])
    return upsert(
        TargetGroup,
        "code",
        [
            {
                "code": r["code"],
                "name": r["name"],
                "description": r.get("description", ""),
                "sort_order": int(r.get("sort_order") or 0),
            }
            for r in rows
        ],
    )


def licences_for_names(names: list[str]) -> list[Licence]:
    """The licences with these names, adding any not yet on file (the list is open-ended)."""
    known = {lic.name: lic for lic in Licence.objects.filter(name__in=names)}
    missing = [Licence(name=n) for n in dict.fromkeys(names) if n not in known]
    known |= {lic.name: lic for lic in Licence.objects.bulk_create(missing)}
    return [known[n] for n in names]
