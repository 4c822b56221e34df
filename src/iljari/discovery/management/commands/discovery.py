"""``iljari discovery parse "NOTE" [--json]`` and ``iljari discovery eval [FILE] [--json]``."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.discovery.duplicates import duplicate_pairs
from iljari.discovery.evaluation import DEFAULT_SET, EvalSetError, evaluate
from iljari.discovery.likely import evaluate as evaluate_likely
from iljari.discovery.likely import likely_scores
from iljari.discovery.vocabulary import note_parser
from iljari.employers.models import Employer


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
        dup = sub.add_parser("duplicates", help="중복 입력이 의심되는 업체 쌍")
        dup.add_argument("--truth", type=Path, help="정답 쌍(JSON, 시연 데이터는 var/demo/duplicates_truth.json)")
        dup.add_argument("--json", action="store_true")
        likely = sub.add_parser("likely", help="90일 안에 구인할 가능성: 시간 분할 평가 또는 상위 업체")
        likely.add_argument("--evaluate", action="store_true", help="AUC·precision@50을 기준선과 비교")
        likely.add_argument("--top", type=int, default=20)
        likely.add_argument("--json", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "duplicates":
            self._duplicates(options)
            return
        if options["action"] == "likely":
            self._likely(options)
            return
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
        try:
            report = evaluate(parser, options["file"])
        except EvalSetError as exc:
            raise CommandError(str(exc)) from exc
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

    def _duplicates(self, options: dict) -> None:
        pairs = duplicate_pairs()
        found = {(p.a.pk, p.b.pk) for p in pairs}
        summary: dict[str, object] = {"pairs": len(pairs), "certain": sum(p.certain for p in pairs)}
        if options["truth"]:
            try:
                truth = {tuple(p) for p in json.loads(options["truth"].read_text(encoding="utf-8"))["pairs"]}
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise CommandError(f"정답 파일을 읽을 수 없습니다: {options['truth']} ({exc})") from exc
            true = len(found & truth)
            summary |= {
                "true": true,
                "planted": len(truth),
                "precision": round(true / max(1, len(found)), 4),
                "recall": round(true / max(1, len(truth)), 4),
            }
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        for p in pairs:
            self.stdout.write(f"{p.a.pk:>6} {p.a.name}  ↔  {p.b.pk:>6} {p.b.name}  — {', '.join(p.reasons)}")
        self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def _likely(self, options: dict) -> None:
        if options["evaluate"]:
            result = evaluate_likely()
            self.stdout.write(json.dumps(result.__dict__, ensure_ascii=False))
            return
        scores = sorted(likely_scores().values(), key=lambda s: -s.probability)[: options["top"]]
        names = dict(Employer.objects.filter(pk__in=[s.employer_id for s in scores]).values_list("pk", "name"))
        for s in scores:
            line = {"employer": names.get(s.employer_id), "probability": round(s.probability, 3), "reasons": s.reasons}
            self.stdout.write(
                json.dumps(line, ensure_ascii=False)
                if options["json"]
                else f"{s.probability:.0%} {names.get(s.employer_id)} — {', '.join(s.reasons)}"
            )
