"""``iljari discovery parse "NOTE" [--json]`` and ``iljari discovery eval [FILE] [--json]``."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from iljari.discovery.evaluation import DEFAULT_SET, evaluate
from iljari.discovery.vocabulary import note_parser


class Command(BaseCommand):
    help = "현장 발굴: 메모를 구인표 초안으로 바꾸고(parse), 정답 세트로 정확도를 잽니다(eval)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        parse = sub.add_parser("parse", help="현장 메모 하나를 구인표 초안으로")
        parse.add_argument("note")
        parse.add_argument("--json", action="store_true")
        parse.add_argument("--no-guess", action="store_true", help="직업 추정 모델을 쓰지 않습니다")
        ev = sub.add_parser("eval", help="필드별 정밀도·재현율")
        ev.add_argument("file", nargs="?", type=Path, default=DEFAULT_SET)
        ev.add_argument("--json", action="store_true")
        ev.add_argument("--misses", action="store_true", help="틀린 항목을 모두 보입니다")
        ev.add_argument("--no-guess", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        parser = note_parser(with_guesses=not options["no_guess"])
        if options["action"] == "parse":
            draft = parser.parse(options["note"])
            data = draft.as_json()
            if options["json"]:
                data.pop("evidence")
                self.stdout.write(json.dumps(data, ensure_ascii=False))
            else:
                for e in draft.evidence:
                    self.stdout.write(f"{e.field:12} {e.text}")
                for f in draft.flags:
                    self.stdout.write(self.style.WARNING(f"! {f.text}: {f.law} — {f.message}"))
            return
        report = evaluate(parser, options["file"])
        if options["misses"]:
            for m in report.misses:
                self.stdout.write(f"{m['field']:11} expected {m['expected']} got {m['got']}  | {m['note']}")
        summary = {"notes": report.notes, "ms_per_note": report.ms_per_note, "micro": report.micro, **report.fields}
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        self.stdout.write(f"{report.notes}개 메모, 메모당 {report.ms_per_note} ms")
        for name, s in report.fields.items():
            self.stdout.write(f"{name:12} P {s['precision']:.3f}  R {s['recall']:.3f}  (n={s['support']})")
        self.stdout.write(f"{'micro':12} P {report.micro['precision']:.3f}  R {report.micro['recall']:.3f}")
