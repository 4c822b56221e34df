"""Building a city's data folder from public data: its 행정동 and boundaries cut from a province file.

The province file is vuski/admdongkor's format (every feature carries ``adm_nm``, ``adm_cd2``, ``sgg``,
``sggnm``, ``sidonm``), which covers every 시·군·구 of Korea, so any city is packed the same way. What
no public file holds — the desks beyond the city hall and each 동's 행정복지센터, the target groups and
program types — is written as small starting files the city's staff edit (docs/city-data.md).
"""

import csv
import itertools
import json
import lzma
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from iljari.core.errors import IljariError
from iljari.paths import open_text

# 경기도's 31 시·군, shipped so any of them installs from the repository alone.
GYEONGGI = Path(__file__).resolve().parent / "data" / "provinces" / "gyeonggi_dongs.geojson.xz"
# The target groups cities report placement for and the kinds of program; a city edits its copy.
TARGET_GROUPS = [
    ("youth", "청년", "만 15~34세 구직자"),
    ("middle_aged", "중장년", "만 40~64세 신중년 구직자"),
    ("senior", "어르신", "만 65세 이상(어르신 공공일자리 포함)"),
    ("disabled", "장애인", "등록 장애인"),
    ("marriage_migrant", "결혼이민여성", "결혼이민(F-6) 여성"),
    ("foreign", "외국인", "외국인 주민·다문화 가족"),
    ("career_break", "경력단절여성", "육아·가사 등으로 경력이 단절된 여성"),
]
PROGRAM_TYPES = [
    ("senior-public", "어르신 공공일자리"),
    ("stepping-stone", "디딤돌 일자리"),
    ("job-training", "직무교육"),
    ("licence-course", "자격취득과정"),
    ("vocational", "직업능력개발훈련"),
    ("youth-training", "청년 취업역량 강화"),
]
# The published selection criteria of the public-job programs (program_type, criterion, rule, points):
# a starting point like 보건복지부's 노인일자리 선발기준표; the city edits its copy. Never sex or nationality.
SELECTION_CRITERIA = [
    ("senior-public", "소득 수준", "income_at_most:50", 30),
    ("senior-public", "소득 수준", "income_at_most:100", 20),
    ("senior-public", "소득 수준", "income_at_most:150", 10),
    ("senior-public", "세대 구성", "single_household", 15),
    ("senior-public", "참여 이력", "first_time", 15),
    ("senior-public", "대기 기간", "waiting_months:6", 10),
    ("senior-public", "장애", "target_group:disabled", 10),
    ("stepping-stone", "소득 수준", "income_at_most:60", 25),
    ("stepping-stone", "소득 수준", "income_at_most:100", 15),
    ("stepping-stone", "구직 기간", "waiting_months:6", 20),
    ("stepping-stone", "구직 기간", "waiting_months:3", 10),
    ("stepping-stone", "참여 이력", "first_time", 10),
    ("stepping-stone", "장애", "target_group:disabled", 10),
]


class PackError(IljariError):
    """The province file or the city asked for cannot be packed."""


@dataclass(frozen=True)
class PackedCity:
    folder: Path
    name: str
    code: str
    dongs: int


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [polygon[0] for polygon in polygons]  # outer rings; holes barely move a centroid


def centroid(geometry: dict) -> tuple[float, float]:
    """The area-weighted centroid (lat, lon) of the outer rings, by the shoelace formula."""
    area = cx = cy = 0.0
    for ring in _rings(geometry):
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
    if math.isclose(area, 0.0):
        points = [p for ring in _rings(geometry) for p in ring]
        return sum(p[1] for p in points) / len(points), sum(p[0] for p in points) / len(points)
    return cy / (3 * area), cx / (3 * area)


def _city_features(features: list[dict], sgg: str) -> tuple[str, list[dict]]:
    """The features of one city, asked for by name (안양시) or by its 5-digit code (41170)."""
    if re.fullmatch(r"\d{5}", sgg):
        chosen = [f for f in features if f["properties"]["sgg"][:4] == sgg[:4]]
        if sgg[4] != "0":  # one 구 asked for by its own code
            chosen = [f for f in chosen if f["properties"]["sgg"] == sgg]
    else:
        chosen = [f for f in features if f["properties"]["sggnm"].replace(" ", "").startswith(sgg.replace(" ", ""))]
    if not chosen:
        names = sorted({re.sub(r"(시|군)\S+구$", r"\1", f["properties"]["sggnm"]) for f in features})
        raise PackError(f"'{sgg}'에 해당하는 시·군을 파일에서 찾을 수 없습니다. 파일에 있는 곳: {', '.join(names)}")
    city = re.sub(r"(시|군)\S+구$", r"\1", chosen[0]["properties"]["sggnm"])
    return city, chosen


def city_pack(*, source: Path, sgg: str, output: Path) -> PackedCity:
    """Write ``output`` as a city folder for ``sgg`` cut from the province GeoJSON ``source``."""
    try:
        with open_text(source) as fh:
            collection = json.load(fh)
        features = collection["features"]
        missing = [f for f in features if not {"adm_cd2", "adm_nm", "sgg", "sggnm"} <= set(f["properties"])]
    except (OSError, ValueError, KeyError, TypeError, lzma.LZMAError) as exc:
        raise PackError(f"행정동 경계 파일을 읽을 수 없습니다({source.name}): {exc}") from exc
    if missing:
        raise PackError(
            f"행정동 경계 파일의 {len(missing)}개 구역에 adm_cd2·adm_nm·sgg·sggnm 속성이 없습니다"
            " (vuski/admdongkor 형식이어야 합니다)."
        )
    city, chosen = _city_features(features, sgg)
    if output.exists() and any(output.iterdir()):
        raise PackError(f"출력 폴더가 비어 있지 않습니다: {output}. 새 폴더를 지정해 주십시오.")
    output.mkdir(parents=True, exist_ok=True)
    region = chosen[0]["properties"].get("sidonm", "")
    code = Counter(f["properties"]["sgg"][:4] for f in chosen).most_common(1)[0][0] + "0"
    rows = []
    for f in sorted(chosen, key=lambda f: f["properties"]["adm_cd2"]):
        p = f["properties"]
        gu = p["sggnm"][len(city) :] if p["sggnm"] != city else ""
        lat, lon = centroid(f["geometry"])
        rows.append(
            {
                "adm_cd2": p["adm_cd2"],
                "dong": p["adm_nm"].split()[-1],
                "gu": gu,
                "centroid_lat": f"{lat:.6f}",
                "centroid_lon": f"{lon:.6f}",
                "adm_cd8": "",
            }
        )
    names = Counter(r["dong"] for r in rows)
    for r in rows:  # the same 동 name in two 구 of one city: staff type it with its 구
        if names[r["dong"]] > 1:
            r["dong"] = f"{r['gu']} {r['dong']}"
    _write_csv(output / "dongs.csv", rows)
    subset = {"type": "FeatureCollection", "features": chosen}
    (output / "dongs.geojson").write_text(json.dumps(subset, ensure_ascii=False), encoding="utf-8")
    desks = [{"code": "cityhall", "name": f"{city} 일자리센터(시청)", "kind": "city_hall", "dong": "", "address": ""}]
    desks += [
        {
            "code": f"dong-{r['adm_cd2']}",
            "name": f"{r['dong']} 행정복지센터",
            "kind": "dong_center",
            "dong": r["dong"],
            "address": " ".join(x for x in (region, city, r["gu"], r["dong"].split()[-1]) if x),
        }
        for r in rows
    ]
    _write_csv(output / "desks.csv", desks)
    _write_csv(
        output / "target_groups.csv",
        [{"code": c, "name": n, "description": d, "sort_order": i} for i, (c, n, d) in enumerate(TARGET_GROUPS, 1)],
    )
    _write_csv(output / "program_types.csv", [{"code": c, "name": n} for c, n in PROGRAM_TYPES])
    _write_csv(
        output / "selection_criteria.csv",
        [{"program_type": t, "criterion": c, "rule": r, "points": p} for t, c, r, p in SELECTION_CRITERIA],
    )
    (output / "city.toml").write_text(
        f'# {city} — packed from {source.name} by "iljari city pack". See docs/city-data.md.\n'
        f'name = "{city}"\nregion = "{region}"\ncode = "{code}"\n'
        'dongs_csv = "dongs.csv"\ndongs_geojson = "dongs.geojson"\n'
        "# 동 where the demo generator places most factories; list the city's industrial areas here.\n"
        "industrial_dongs = []\n\n"
        f'[center]\nname = "{city} 일자리센터"\n# phone = "031-000-0000"  # the public number shown instead of any staff member\'s\n',
        encoding="utf-8",
    )
    (output / "SOURCE.txt").write_text(
        f"{city} ({region}) — {len(rows)} 행정동, cut from {source.name} by iljari city pack.\n"
        "Boundaries: 통계청 SGIS via vuski/admdongkor (cite both). Desks, target groups, program types and selection criteria\n"
        "are starting files for the city's staff to edit.\n",
        encoding="utf-8",
    )
    return PackedCity(output, city, code, len(rows))


def _write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
