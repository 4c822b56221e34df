"""``iljari serve``: the production WSGI server (waitress) with static files by WhiteNoise."""

import os
import threading
import time
import urllib.request

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.urls import reverse
from django.utils import timezone
from waitress.server import create_server


class Command(BaseCommand):
    help = "웹 서비스를 시작합니다(기본 http://127.0.0.1:8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: object, host: str, port: int, threads: int, **options: object) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        self._start_up()
        # Loaded after collecting: WhiteNoise indexes the static folder when the app starts.
        from iljari.wsgi import application

        server = create_server(application, host=host, port=port, threads=threads, ident="iljari")
        self.stdout.write(f"iljari가 http://{host}:{port} 에서 서비스 중입니다. 끝내려면 Ctrl+C.")
        self.stdout.flush()  # the server now runs until stopped: say so now, also into a pipe or a log
        run_started = os.environ.get("ILJARI_RUN_STARTED")
        if run_started:
            local = "127.0.0.1" if host in ("", "0.0.0.0") else host
            url = f"http://{local}:{port}{reverse('login')}"
            threading.Thread(target=self._first_page, args=(url, float(run_started)), daemon=True).start()
        server.run()

    def _first_page(self, url: str, run_started: float) -> None:
        """Under ``make run``: ask for the login page as a user would, and say how long the first run took.

        The socket already listens, so the request waits in its queue until the server accepts it.
        """
        asked = time.perf_counter()
        try:
            no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with no_proxy.open(url, timeout=60) as response:
                response.read()
                status = response.status
        except OSError as exc:
            self.stderr.write(f"첫 화면을 열지 못했습니다: {exc}")
            return
        self.stdout.write(
            f"첫 화면(로그인, {status}) {time.perf_counter() - asked:.2f}초 — "
            f"make run 시작부터 {time.time() - run_started:.1f}초"
        )
        self.stdout.flush()

    def _start_up(self) -> None:
        """Catch up a missed night (the jobs are safe to run twice), then warm matching in the
        background: pages answer at once, and the first seeker registered after a restart gets
        recommendations without waiting for the models (a panel asked for sooner waits for them)."""
        from iljari.front.scheduled import nightly_run

        counts = nightly_run(today=timezone.localdate())
        self.stdout.write("예약 작업(시작 시 확인): " + ", ".join(f"{name} {n:,}건" for name, n in counts.items()))
        self.stdout.flush()
        threading.Thread(target=self._warm, name="matching-warm-up", daemon=True).start()

    def _warm(self) -> None:
        from django.db import connection

        from iljari.matching.indexes import matching_warm_up

        started = time.monotonic()
        try:
            matching_warm_up()
            self.stdout.write(f"매칭 준비 완료({time.monotonic() - started:.1f}초): 추천을 바로 보여 드립니다.")
            self.stdout.flush()
        finally:
            connection.close()
