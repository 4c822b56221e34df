"""``iljari run``: the web server and one worker together, as ``make run`` starts them.

The two are ordinary processes (``iljari serve`` and ``iljari worker``) that can as well run as two
services. Each gets its own session, so Ctrl+C reaches only this command, which asks both to stop
(SIGTERM): the server stops, the worker finishes the job at hand. A second Ctrl+C stops the worker
at once (its job runs again on the next start). If either exits by itself, the other is stopped.
"""

import os
import signal
import subprocess
import sys
from types import FrameType

from django.core.management.base import BaseCommand, CommandParser

ILJARI = [sys.executable, "-m", "iljari.cli"]


class Command(BaseCommand):
    help = "웹 서비스와 작업 처리기를 함께 시작합니다(iljari serve + iljari worker). 끝내려면 Ctrl+C."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: object, host: str, port: int, **options: object) -> None:
        children = {
            "serve": subprocess.Popen([*ILJARI, "serve", "--host", host, "--port", str(port)], start_new_session=True),
            "worker": subprocess.Popen([*ILJARI, "worker"], start_new_session=True),
        }

        def stop(signum: int, frame: FrameType | None) -> None:
            for child in children.values():
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        # Until one of them exits; WNOWAIT leaves it to Popen to collect its exit code.
        os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOWAIT)
        ended = {name: child.poll() for name, child in children.items()}
        stop(signal.SIGTERM, None)
        codes = {name: child.wait() for name, child in children.items()}
        for name, code in ended.items():
            if code not in (None, 0, -signal.SIGTERM):
                self.stderr.write(f"iljari {name}가 종료 코드 {code}로 끝나 나머지도 멈췄습니다.")
        if any(code not in (0, -signal.SIGTERM) for code in codes.values()):
            sys.exit(1)
