"""``iljari serve``: the production web server (gunicorn, several processes) with static files by WhiteNoise."""

import os
import time
import urllib.request

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from iljari.front.server import THREADS, default_workers, serve


class Command(BaseCommand):
    help = "웹 서비스를 시작합니다(기본 http://127.0.0.1:8000). 작업 프로세스 수는 CPU 수에 맞춥니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=None, help="작업 프로세스 수(기본: 사용할 수 있는 CPU 수)")
        parser.add_argument("--threads", type=int, default=THREADS, help=f"프로세스당 스레드 수(기본 {THREADS})")

    def handle(self, *args: object, host: str, port: int, workers: int | None, threads: int, **options: object) -> None:
        workers = default_workers() if workers is None else workers
        if workers < 1 or threads < 1:
            raise CommandError("작업 프로세스 수와 스레드 수는 1 이상이어야 합니다.")
        call_command("collectstatic", interactive=False, verbosity=0)
        # Loaded after collecting: WhiteNoise indexes the static folder when the app starts.
        from iljari.wsgi import application

        self.stdout.write(
            f"iljari가 http://{host}:{port} 에서 서비스 중입니다 (작업 프로세스 {workers}개 × 스레드 {threads}개). "
            "끝내려면 Ctrl+C."
        )
        self.stdout.flush()  # the server now runs until stopped: say so now, also into a pipe or a log
        run_started = os.environ.get("ILJARI_RUN_STARTED")
        first_page = None
        if run_started:
            local = "127.0.0.1" if host in ("", "0.0.0.0") else host
            url = f"http://{local}:{port}{reverse('login')}"

            def first_page() -> None:
                self._first_page(url, float(run_started))

        serve(application, host=host, port=port, workers=workers, threads=threads, when_listening=first_page)

    def _first_page(self, url: str, run_started: float) -> None:
        """Under ``make run``: ask for the login page as a user would, and say how long the first run took.

        The socket already listens, so the request waits in its queue until a worker accepts it.
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
