"""The parser's vocabulary from the city's records and the committed word lists."""

import csv
from datetime import date
from functools import cache
from pathlib import Path

from django.utils import timezone

from iljari.discovery.parsing import JobTerm, NoteParser, Vocabulary
from iljari.reference.models import Dong, Licence, Occupation, VisaType
from iljari.reference.selectors import current_city, minimum_wage_for
from iljari.text.korean import is_dictionary_word

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _guess(text: str) -> tuple[str, str] | None:
    """The occupation normalizer's best guess for job words the list does not know, if confident."""
    from iljari.matching.catalogue import guess_occupations

    ranked = guess_occupations([text]).get(text) or []
    if not ranked or ranked[0][1] < GUESS_MIN_SCORE:
        return None
    occupation = Occupation.objects.filter(pk=ranked[0][0]).first()
    return (occupation.keco_code, occupation.title) if occupation else None


GUESS_MIN_SCORE = 0.5


def occupation_names() -> dict[str, tuple[str, str]]:
    """Titles and 유사명칭 of the job dictionary that name exactly one occupation, spaces removed."""
    seen: dict[str, set[tuple[str, str]]] = {}
    for title, code, synonyms in Occupation.objects.values_list("title", "keco_code", "synonyms"):
        names = {title, title.removesuffix("(일반)"), *(synonyms or [])}
        for name in names:
            seen.setdefault(name.replace(" ", ""), set()).add((code, title))
    return {name: next(iter(found)) for name, found in seen.items() if len(found) == 1 and name}


def build_vocabulary(*, on: date | None = None, with_guesses: bool = True) -> Vocabulary:
    titles = {o.title: o for o in Occupation.objects.filter(title__in={r["title"] for r in _rows("job_terms.csv")})}
    missing = {r["title"] for r in _rows("job_terms.csv")} - set(titles)
    if missing:
        raise ValueError(f"job_terms.csv의 직업명이 직업사전에 없습니다: {', '.join(sorted(missing))}")
    terms = [
        JobTerm(r["term"], titles[r["title"]].keco_code, r["title"], r["label"], r["kind"] == "place")
        for r in _rows("job_terms.csv")
    ]
    visas = list(VisaType.objects.all())
    wage = minimum_wage_for(on or timezone.localdate())
    return Vocabulary(
        job_terms=terms,
        licence_aliases={r["alias"]: r["licence"] for r in _rows("licence_aliases.csv")},
        licence_names=set(Licence.objects.values_list("name", flat=True)),
        visa_codes={v.code for v in visas},
        visa_names={v.name: v.code for v in visas if len(v.name) >= 3 and v.code in NAMED_VISAS},
        dong_names=list(Dong.objects.values_list("name", flat=True)),
        minimum_hourly_wage=wage.hourly if wage else 0,
        guess_occupation=_guess if with_guesses else None,
        occupation_names=occupation_names(),
        is_word=is_dictionary_word,
        place_names=_place_names(),
    )


def _place_names() -> list[str]:
    """The city's name with and without 시/군, and its 구: what an address beside a 동 starts with."""
    city = current_city().name
    gus = {g for g in Dong.objects.values_list("gu", flat=True) if g}
    return sorted({city, city.rstrip("시군"), *gus} - {""})


# Visa names that mean the visa when written in a note ("방문취업", "재외동포"); "거주" or "구직" do not.
NAMED_VISAS = {"H-2", "F-4", "F-5", "F-6", "E-9"}


@cache
def _parser(day: date, with_guesses: bool) -> NoteParser:
    return NoteParser(build_vocabulary(on=day, with_guesses=with_guesses))


def note_parser(*, with_guesses: bool = True) -> NoteParser:
    """One parser a day (the minimum wage changes on 1 January)."""
    return _parser(timezone.localdate(), with_guesses)


def forget_parser() -> None:
    _parser.cache_clear()
