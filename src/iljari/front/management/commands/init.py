"""``iljari init [--demo]``: key file, database, reference data, (optionally) demo data, matching indexes.

Each phase prints its time as it ends and a table closes the run, so a slow first run says where
its time went. Under ``make run`` the time before this command (creating the virtualenv and
installing the packages) is known from ``ILJARI_RUN_STARTED`` and shown as the first phase.
"""

import os
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from iljari.core.errors import IljariError
from iljari.front.setup import reference_load_all
from iljari.privacy.crypto import create_key_file, reset_keys
from iljari.reference.services import city_load


class Phases:
    """The wall-clock and CPU time of each phase; CPU time shows the work itself on a busy machine."""

    def __init__(self, out: OutputWrapper) -> None:
        self.out = out
        self.rows: list[tuple[str, float, float]] = []
        run, process = (float(os.environ.get(k) or 0) for k in ("ILJARI_RUN_STARTED", "ILJARI_PROCESS_STARTED"))
        if run and process:  # `make run` noted when it started: the time until this process is the install
            self.rows.append(("설치(가상환경·패키지)", process - run, 0.0))
        if process:  # the `iljari` command noted when this process started
            self.rows.append(("시작(Python·Django)", time.time() - process, time.process_time()))

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        self.rows.append((name, wall, cpu))
        self.out.write(f"  [{name}] {wall:.1f}초")

    def summary(self) -> None:
        width = max(_width(name) for name, *_ in self.rows) + 2
        self.out.write("단계별 시간 (실제 경과, 이 프로세스가 쓴 CPU):")
        for name, wall, cpu in self.rows:
            self.out.write(f"  {_pad(name, width)}{wall:7.1f}초" + (f"  (CPU {cpu:.1f}초)" if cpu else ""))
        self.out.write(f"  {_pad('합계', width)}{sum(wall for _, wall, _ in self.rows):7.1f}초")


def _width(text: str) -> int:
    """Columns on a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = "데이터베이스를 만들고 기준정보(직업사전, 행정동, 최저임금)를 불러옵니다. --demo는 시연용 가상 데이터를 만듭니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="시연용 가상 데이터 생성")
        parser.add_argument(
            "--city", type=Path, default=None, help="도시 데이터 폴더(기본: ILJARI_CITY_DIR 또는 저장소의 기본 도시)"
        )
        parser.add_argument("--no-index", action="store_true", help="매칭 색인을 만들지 않음(나중에 iljari reindex)")

    def handle(self, *args: object, demo: bool, city: Path | None, no_index: bool, **options: object) -> None:
        city_folder = city or Path(settings.ILJARI_CITY_DIR)
        phase = Phases(self.stdout)
        try:
            with phase("데이터베이스(마이그레이션)"):
                if create_key_file(Path(settings.ILJARI_KEY_FILE)):
                    reset_keys()
                    self.stdout.write(
                        f"개인정보 암호화 키를 만들었습니다: {settings.ILJARI_KEY_FILE} "
                        "(데이터베이스와 따로 백업해 주십시오)"
                    )
                call_command("migrate", interactive=False, verbosity=0)
            with phase("기준정보"):
                counts = reference_load_all(city_folder=city_folder)
                self.stdout.write("기준정보: " + ", ".join(f"{k} {v:,}건" for k, v in counts.items()))
            if demo:
                with phase("시연 데이터"):
                    self._demo(city_folder)
            if not no_index:
                with phase("매칭 색인"):
                    call_command("reindex", stdout=self.stdout, stderr=self.stderr)
            if demo and not no_index:
                with phase("시연 채용행사·구인 가능성 모델"):
                    self._demo_events()
            elif demo:
                self.stdout.write(
                    "시연용 채용행사는 매칭 색인이 필요합니다. 색인 후 init --demo를 다시 실행해 주십시오."
                )
        except IljariError as exc:
            raise CommandError(exc.message) from exc
        phase.summary()

    def _demo(self, city_folder: Path) -> None:
        from iljari.demo.generator import demo_generate
        from iljari.demo.safety import demo_safety_generate
        from iljari.seekers.models import Seeker

        if Seeker.objects.filter(is_demo=True).exists():
            self.stdout.write("시연용 데이터가 이미 있습니다.")
            return
        self.stdout.write("시연용 가상 데이터를 만드는 중입니다(고정 시드)...")
        counts = demo_generate(city=city_load(city_folder))
        counts.update(demo_safety_generate())
        self.stdout.write("시연용 데이터: " + ", ".join(f"{k} {v:,}건" for k, v in counts.items()))

    def _demo_events(self) -> None:
        """Demo hiring events go through pre-matching, so they come after the matching indexes."""
        from iljari.demo.events import demo_events_generate
        from iljari.events.models import Booth

        if Booth.objects.filter(employer__is_demo=True).exists():
            return
        self.stdout.write("시연용 채용행사(사전 매칭·면접 시간표·결과)를 만드는 중입니다...")
        counts = demo_events_generate()
        self.stdout.write("시연용 채용행사: " + ", ".join(f"{k} {v:,}건" for k, v in counts.items()))
        from iljari.discovery.likely import likely_scores

        # Today's likely-to-hire model, so company pages show their score from the first visit.
        self.stdout.write(f"구인 가능성 모델: 업체 {len(likely_scores()):,}곳")
