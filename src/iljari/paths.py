"""Where iljari keeps its files: the machine's var directory and the public reference data.

The reference data ships inside the package (``iljari/reference/data/``), so a checkout or a
wheel runs on any machine; ``ILJARI_DATA_DIR`` names a folder of the same layout whose files
are used instead where it has them. Large files are stored compressed and read as they are.
Kept free of Django so the CLI, the engine, the benches and the settings can all import it.
"""

import gzip
import io
import lzma
import os
from pathlib import Path
from typing import TextIO

REPO_DIR = Path(__file__).resolve().parents[2]
PACKAGED_DATA_DIR = Path(__file__).resolve().parent / "reference" / "data"
COMPRESSED = {".xz": lzma.open, ".gz": gzip.open}


class DataFileNotFound(FileNotFoundError):
    """A reference or evaluation file is in none of the places it is looked for."""


def var_dir() -> Path:
    """The directory for the database, keys and indexes (``ILJARI_VAR_DIR``, else ``./var``)."""
    return Path(os.environ.get("ILJARI_VAR_DIR") or REPO_DIR / "var").resolve()


def data_dirs() -> list[Path]:
    """Where reference data sets are looked for, in order: ``ILJARI_DATA_DIR``, then the packaged copy."""
    explicit = os.environ.get("ILJARI_DATA_DIR")
    return [Path(explicit).resolve(), PACKAGED_DATA_DIR] if explicit else [PACKAGED_DATA_DIR]


def existing(path: Path) -> Path | None:
    """``path`` itself, else its compressed copy (``.xz``, ``.gz``), else None."""
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in COMPRESSED)):
        if candidate.is_file():
            return candidate
    return None


def data_file(*parts: str) -> Path:
    """A file of a public data set, e.g. ``data_file("ko-job-dictionary", "occupations.csv")``."""
    for folder in data_dirs():
        found = existing(folder.joinpath(*parts))
        if found:
            return found
    places = ", ".join(str(folder.joinpath(*parts)) for folder in data_dirs())
    raise DataFileNotFound(f"기준정보 파일을 찾을 수 없습니다: {places} (reference data file not found)")


def open_text(path: Path) -> TextIO:
    """Open a UTF-8 text file for reading, plain or compressed, also by the plain name of a compressed one.

    A byte-order mark is skipped, since spreadsheet programs write one into CSV files.
    """
    found = existing(Path(path))
    if found is None:
        raise DataFileNotFound(f"파일이 없습니다: {path} (file not found)")
    opener = COMPRESSED.get(found.suffix)
    if opener is None:
        return found.open(encoding="utf-8-sig", newline="")
    return io.TextIOWrapper(opener(found, "rb"), encoding="utf-8-sig", newline="")


def eval_dir() -> Path:
    """The development evaluation sets: ``ILJARI_DATA_DIR/eval``, else ``shared/data/eval`` beside the checkout.

    They are not part of the product (DESIGN.md, Data), so only the benches and ``iljari eval`` ask.
    """
    explicit = os.environ.get("ILJARI_DATA_DIR")
    candidates = [Path(explicit) / "eval"] if explicit else [p / "shared" / "data" / "eval" for p in REPO_DIR.parents]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    raise DataFileNotFound(
        "개발용 평가 데이터(shared/data/eval)를 찾을 수 없습니다. ILJARI_DATA_DIR로 그 상위 폴더를 지정하거나 "
        "평가할 폴더를 직접 지정해 주십시오. (evaluation sets not found; set ILJARI_DATA_DIR or pass the folder)"
    )
