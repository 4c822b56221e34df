"""Field-level precision and recall of the note parser on a labelled set of field notes.

A set is JSON lines: ``note`` and the expected fields under short keys (o occupation KECO
code, n openings, w [type, amount], h [start, end], s shift, b benefits, v visa types,
l licences, d 동, f flag kinds); a missing key means the note does not state it.
"""

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from iljari.discovery.parsing import Draft, NoteParser

SCALAR = {"o": "occupation", "n": "openings", "w": "wage", "h": "hours", "s": "shift", "d": "dong"}
LISTS = {"b": "benefits", "v": "visa_types", "l": "licences", "f": "flags"}
DEFAULT_SET = Path(__file__).parent / "evalsets" / "field_notes.jsonl"


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: set, got: set) -> None:
        self.tp += len(expected & got)
        self.fp += len(got - expected)
        self.fn += len(expected - got)

    def scores(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return {"precision": round(p, 4), "recall": round(r, 4), "support": self.tp + self.fn}


@dataclass
class Report:
    notes: int
    fields: dict[str, dict]
    micro: dict
    ms_per_note: float
    misses: list[dict] = field(default_factory=list)


def _got(draft: Draft) -> dict[str, set]:
    d = draft
    return {
        "occupation": {d.occupation["keco_code"]} if d.occupation else set(),
        "openings": {d.openings} if d.openings is not None else set(),
        "wage": {(d.wage["type"], d.wage["amount"])} if d.wage else set(),
        "hours": {(d.hours["start"], d.hours["end"])} if d.hours else set(),
        "shift": {d.shift} if d.shift else set(),
        "dong": {d.dong} if d.dong else set(),
        "benefits": set(d.benefits),
        "visa_types": set(d.visa_types),
        "licences": set(d.licences),
        "flags": {f.kind for f in d.flags},
    }


def _expected(row: dict) -> dict[str, set]:
    out: dict[str, set] = {}
    for key, name in SCALAR.items():
        value = row.get(key)
        out[name] = set() if value is None else {tuple(value) if isinstance(value, list) else value}
    for key, name in LISTS.items():
        out[name] = set(row.get(key) or [])
    return out


class EvalSetError(ValueError):
    """A labelled set that cannot be read; the message names the file and line."""


def read_jsonl(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalSetError(f"파일을 읽을 수 없습니다: {path} ({exc.strerror})") from exc
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalSetError(f"{path} {number}행: JSON 형식이 아닙니다 ({exc.msg}).") from exc
        if not isinstance(row, dict) or not isinstance(row.get("note"), str):
            raise EvalSetError(f'{path} {number}행: "note" 문자열이 있어야 합니다.')
        rows.append(row)
    return rows


def evaluate(parser: NoteParser, path: Path = DEFAULT_SET) -> Report:
    rows = read_jsonl(path)
    tallies = {name: Tally() for name in [*SCALAR.values(), *LISTS.values()]}
    misses = []
    if rows:
        parser.parse("welding 1명")  # load the occupation model before the clock starts
    started = time.perf_counter()
    drafts = [parser.parse(r["note"]) for r in rows]
    elapsed = time.perf_counter() - started
    for row, draft in zip(rows, drafts, strict=True):
        expected, got = _expected(row), _got(draft)
        for name, tally in tallies.items():
            tally.add(expected[name], got[name])
            if expected[name] != got[name]:
                misses.append(
                    {
                        "note": row["note"],
                        "field": name,
                        "expected": sorted(map(str, expected[name])),
                        "got": sorted(map(str, got[name])),
                    }
                )
    total = Tally()
    for t in tallies.values():
        total.tp, total.fp, total.fn = total.tp + t.tp, total.fp + t.fp, total.fn + t.fn
    return Report(
        notes=len(rows),
        fields={name: t.scores() for name, t in tallies.items()},
        micro=total.scores(),
        ms_per_note=round(1000 * elapsed / max(1, len(rows)), 3),
        misses=misses,
    )
