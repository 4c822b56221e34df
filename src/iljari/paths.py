"""Where iljari keeps its files: the machine's var directory and the shared public data.

Kept free of Django so the CLI, the engine and the settings can all import it.
"""

import os
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[2]


def var_dir() -> Path:
    """The directory for the database, keys and indexes (``ILJARI_VAR_DIR``, else ``./var``)."""
    return Path(os.environ.get("ILJARI_VAR_DIR") or REPO_DIR / "var").resolve()


def data_dir() -> Path:
    """The public reference data (``ILJARI_DATA_DIR``, else the nearest ``shared/data``).

    A fresh clone may sit anywhere, so we look beside every parent of the checkout and
    then at the workplace's fixed location before giving up with a clear message.
    """
    explicit = os.environ.get("ILJARI_DATA_DIR")
    if explicit:
        return Path(explicit).resolve()
    for parent in [REPO_DIR, *REPO_DIR.parents]:
        candidate = parent / "shared" / "data"
        if (candidate / "ko-job-dictionary").is_dir():
            return candidate
    fallback = Path("/work/shared/data")
    if fallback.is_dir():
        return fallback
    raise FileNotFoundError(
        "공공 데이터 폴더(shared/data)를 찾을 수 없습니다. ILJARI_DATA_DIR 환경변수로 지정해 주십시오. "
        "(reference data folder not found; set ILJARI_DATA_DIR)"
    )
