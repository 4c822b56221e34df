"""Evaluation sets written for iljari (see README.md)."""

import csv
from pathlib import Path

from iljari.paths import open_text

LANGUAGES = ("ko", "en", "vi", "zh", "uz", "ru", "ne", "th", "km", "mn")


def catalogue_corpus_rows(occupations_csv: Path) -> list[tuple[str, str]]:
    """(occupation id, "title. summary") — the same recipe as shared/data/eval/ko_alias_dev."""
    with open_text(occupations_csv) as fh:
        return [(r["occupation_id"], f"{r['title']}. {r['summary']}".strip()) for r in csv.DictReader(fh)]


def build_concept_set(folder: Path, occupations_csv: Path) -> None:
    """Write queries.tsv, qrels.tsv and corpus.tsv from ``source.tsv`` (concepts × languages)."""
    with (folder / "source.tsv").open(encoding="utf-8", newline="") as fh:
        concepts = list(csv.DictReader(fh, delimiter="\t"))
    with open_text(occupations_csv) as fh:
        by_keco: dict[str, list[str]] = {}
        for row in csv.DictReader(fh):
            by_keco.setdefault(row["keco_code"], []).append(row["occupation_id"])
    queries, qrels = [], []
    for concept in concepts:
        for lang in LANGUAGES:
            if concept.get(lang):
                qid = f"{concept['concept']}-{lang}"
                queries.append((qid, concept[lang]))
                qrels += [(qid, doc, "1") for code in concept["keco"].split() for doc in by_keco.get(code, [])]
    for name, rows in (
        ("queries.tsv", queries),
        ("qrels.tsv", qrels),
        ("corpus.tsv", catalogue_corpus_rows(occupations_csv)),
    ):
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\").writerows(rows)
