"""``iljari serve``: the production WSGI server (waitress) with static files by WhiteNoise."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from waitress import serve


class Command(BaseCommand):
    help = "웹 서비스를 시작합니다(기본 http://127.0.0.1:8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: object, host: str, port: int, threads: int, **options: object) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        # Loaded after collecting: WhiteNoise indexes the static folder when the app starts.
        from iljari.wsgi import application

        self.stdout.write(f"iljari가 http://{host}:{port} 에서 서비스 중입니다. 끝내려면 Ctrl+C.")
        serve(application, host=host, port=port, threads=threads, ident="iljari")
