"""``iljari city pack --from PROVINCE.geojson --sgg 안양시 --output DIR``: a city's data folder from public data."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.core.errors import IljariError
from iljari.reference.packs import GYEONGGI, city_pack


class Command(BaseCommand):
    help = (
        "시·도 행정동 경계 파일에서 한 시·군의 도시 데이터 폴더(행정동, 경계, 창구, 대상계층)를 만듭니다. "
        "설치: ILJARI_CITY_DIR=DIR iljari init --demo"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["pack"])
        parser.add_argument(
            "--from",
            dest="source",
            type=Path,
            default=GYEONGGI,
            help="행정동 GeoJSON(vuski/admdongkor 형식, .xz 가능). 기본: 저장소에 든 경기도 파일",
        )
        parser.add_argument("--sgg", required=True, help="시·군 이름(안양시) 또는 시군구 코드(41170)")
        parser.add_argument("--output", type=Path, required=True, help="만들 도시 데이터 폴더")

    def handle(self, *args: object, source: Path, sgg: str, output: Path, **options: object) -> None:
        try:
            packed = city_pack(source=source, sgg=sgg, output=output)
        except IljariError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{packed.name}({packed.code}): 행정동 {packed.dongs}곳 → {packed.folder}")
        self.stdout.write(
            "창구(desks.csv)·대상계층·사업 유형은 기본값입니다. 고친 뒤 설치하십시오: "
            f"ILJARI_CITY_DIR={packed.folder} iljari init --demo"
        )
