"""Does anything the alias eval reads already hold the dictionary's aliases of its occupations?

The held-out alias sets are 유사명칭 of 한국직업사전 occupations, and the eval documents carry the
shipped vocabulary's names and words (``CatalogueDocument.names``). A vocabulary word that is a
dictionary alias of its own occupation is the test's answer written into the corpus; this counts
them, and the development queries the vocabulary holds verbatim, so the figure can be discounted.

    .venv/bin/python bench/alias_leak.py
"""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from iljari.paths import eval_dir  # noqa: E402

VOCABULARY = ROOT / "src/iljari/matching/vocabulary"


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if row]


def main() -> None:
    aliases: dict[str, set[str]] = {}
    with (eval_dir().parent / "ko-job-dictionary" / "title_alias_to_occupation.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            aliases.setdefault(row["canonical_title"], set()).add(row["alias"])
    any_alias = {a for names in aliases.values() for a in names}
    queries = {text for _, text in _tsv(eval_dir() / "ko_alias_dev" / "queries.tsv")}
    entries, of_any, of_own, verbatim = 0, [], [], set()
    for path in sorted(VOCABULARY.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for word in dict.fromkeys([row["name"], *row["words"].split("|")]):
                    entries += 1
                    if word in any_alias:
                        of_any.append(word)
                    if word in aliases.get(row["title"], ()):
                        of_own.append(f"{row['title']}: {word}")
                    if word in queries:
                        verbatim.add(word)
    print(f"vocabulary entries {entries}; dictionary aliases {len(of_any)}, of their own occupation {len(of_own)}")
    for line in of_own:
        print("  " + line)
    print(f"ko_alias_dev queries the vocabulary holds verbatim: {len(verbatim)} {sorted(verbatim)}")


if __name__ == "__main__":
    main()
