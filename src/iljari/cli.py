"""The ``iljari`` command: one entry point over Django's management commands.

``iljari init``, ``iljari import seekers FILE``, ``iljari serve``... are management
commands of the apps; this only points Django at iljari's settings first.
"""

import os
import sys
import time


def main() -> None:
    # When this process started, for the commands that report their phases (``iljari init``).
    os.environ["ILJARI_PROCESS_STARTED"] = repr(time.time())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(["iljari", *sys.argv[1:]])
    except (OperationalError, ProgrammingError) as exc:
        if not _not_initialized(exc):
            raise
        sys.exit(
            "iljari: 데이터베이스가 아직 준비되지 않았습니다(표가 없습니다). 먼저 `iljari init`을 실행해 주십시오.\n"
            f"  ({exc})"
        )


def _not_initialized(exc: Exception) -> bool:
    """A command run before ``iljari init`` made the tables (SQLite and PostgreSQL say it differently)."""
    text = str(exc)
    return "no such table" in text or ("relation" in text and "does not exist" in text)


if __name__ == "__main__":
    main()
