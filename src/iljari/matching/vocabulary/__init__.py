"""The occupation vocabulary: names and everyday words of 한국직업사전 occupations in the portal's
languages, read from CSV files (format in README.md, provenance in SOURCE.txt).

Plain Python, no Django: the normalizer, the eval command and the benchmarks read it alike.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

FOLDER = Path(__file__).parent
# Language codes as people write them → the portal's code (the file name).
LANGUAGE_ALIASES = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh_hans": "zh-hans"}
COLUMNS = ("title", "name", "words")


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read; the message says which file and line, in Korean."""


@dataclass
class Vocabulary:
    """Per occupation title: its name in each language and its everyday words (with their language)."""

    names: dict[str, dict[str, str]] = field(default_factory=dict)
    words: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def name(self, title: str, lang: str) -> str | None:
        return self.names.get(title, {}).get(LANGUAGE_ALIASES.get(lang.lower(), lang.lower()))

    def extra_names(self, title: str) -> list[str]:
        """Every name and word of the occupation, each once, for retrieval."""
        found = [*self.names.get(title, {}).values(), *(w for _, w in self.words.get(title, []))]
        return list(dict.fromkeys(n for n in found if n))

    def titles(self) -> set[str]:
        return set(self.names) | set(self.words)


def load_vocabulary(folders: list[Path], known_titles: set[str] | None = None) -> Vocabulary:
    """Read ``LANG.csv`` files from each folder in order; a later folder's row replaces a name and adds words.

    With ``known_titles``, a title that is not one of them is refused (a typo would otherwise
    silently teach nothing).
    """
    vocabulary = Vocabulary()
    for folder in folders:
        for path in sorted(folder.glob("*.csv")):
            lang = LANGUAGE_ALIASES.get(path.stem.lower(), path.stem.lower())
            for line, row in _rows(path):
                title = row["title"].strip()
                if known_titles is not None and title not in known_titles:
                    raise VocabularyError(f"{path.name} {line}행: '{title}'은(는) 한국직업사전에 없는 직업명입니다.")
                if row["name"].strip():
                    vocabulary.names.setdefault(title, {})[lang] = row["name"].strip()
                words = vocabulary.words.setdefault(title, [])
                for word in (row["words"] or "").split("|"):
                    if word.strip() and (lang, word.strip()) not in words:
                        words.append((lang, word.strip()))
    return vocabulary


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or not set(COLUMNS) <= set(reader.fieldnames):
            raise VocabularyError(f"{path.name}: 첫 줄은 {', '.join(COLUMNS)} 열이어야 합니다.")
        rows = []
        for row in reader:
            if None in row or not (row.get("title") or "").strip():
                raise VocabularyError(f"{path.name} {reader.line_num}행: 직업명(title)이 없거나 열 수가 맞지 않습니다.")
            rows.append((reader.line_num, {k: row.get(k) or "" for k in COLUMNS}))
        return rows
