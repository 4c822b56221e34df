"""``iljari nightly [--today YYYY-MM-DD]``: the nightly jobs (기간 만료, 유효기간 만료); safe to run twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from iljari.front.scheduled import nightly_run


class Command(BaseCommand):
    help = "마감일이 지난 구인표를 기간 만료로, 유효기간 동안 연락이 없는 구직 신청을 만료로 바꿉니다(두 번 실행해도 안전)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="기준일(기본 오늘)")

    def handle(self, *args: object, today: date | None, **options: object) -> None:
        counts = nightly_run(today=today or timezone.localdate())
        self.stdout.write("예약 작업: " + ", ".join(f"{name} {n:,}건" for name, n in counts.items()))
