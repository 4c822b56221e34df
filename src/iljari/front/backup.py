"""Backing up and restoring a center's database, with the personal-data key kept apart.

The database is copied the way its engine makes a consistent copy while the site runs (SQLite's
online backup, PostgreSQL's ``pg_dump``), never through Django's serializers, which would write
the encrypted fields out in plaintext. The key file is not in the backup: without it the personal
fields are unreadable, so whoever holds the backup alone holds no one's data. A manifest records
the key's fingerprint, so a restore with the wrong key is refused before anything is overwritten.
"""

import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from iljari.core.errors import IljariError
from iljari.privacy.audit import Action, Actor, audit_record, audit_verify
from iljari.privacy.crypto import key_fingerprint, reset_keys

FORMAT = 1
MANIFEST = "manifest.json"


class BackupError(IljariError):
    """A backup or restore that cannot be done safely."""


@dataclass(frozen=True)
class Restored:
    manifest: dict
    audit_rows: int
    audit_problems: int


def _database_file(engine: str) -> str:
    return "database.sqlite3" if engine == "sqlite" else "database.pgdump"


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["-h", str(db.get("HOST") or ""), "-p", str(db.get("PORT") or 5432), "-U", str(db.get("USER") or "")]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    return args, env


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("id").values_list("app", "name"):
        latest[app] = name
    return latest


def backup_create(*, output: Path, actor: Actor) -> Path:
    """Write a backup folder under ``output``; returns it. The folder and its files are 0700/0600."""
    engine = connection.vendor
    if engine not in ("sqlite", "postgresql"):
        raise BackupError(f"이 데이터베이스({engine})의 백업은 지원하지 않습니다.")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    folder = output / f"iljari-backup-{stamp}"
    folder.mkdir(parents=True, mode=0o700)
    target = folder / _database_file(engine)
    if engine == "sqlite":
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
    else:
        args, env = _pg_args()
        run = subprocess.run(
            ["pg_dump", *args, "-Fc", "--no-owner", "-f", str(target), settings.DATABASES["default"]["NAME"]],
            env=env,
            capture_output=True,
            text=True,
        )
        if run.returncode:
            shutil.rmtree(folder, ignore_errors=True)
            raise BackupError(f"pg_dump가 실패했습니다: {run.stderr.strip()}")
    target.chmod(0o600)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "key_fingerprint": key_fingerprint(),
        "migrations": _migrations(),
        "database": target.name,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / MANIFEST).chmod(0o600)
    audit_record(actor=actor, action=Action.EXPORT, object_type="backup", object_id=stamp, purpose="데이터베이스 백업")
    return folder


def _manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.exists():
        raise BackupError(f"백업 폴더가 아니거나 손상되었습니다: {MANIFEST}이(가) 없습니다 ({folder}).")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError("이 버전의 iljari가 읽을 수 없는 백업 형식입니다.")
    if not (folder / manifest["database"]).exists():
        raise BackupError(f"백업의 데이터베이스 파일이 없습니다: {manifest['database']}")
    return manifest


def backup_restore(*, folder: Path, actor: Actor) -> Restored:
    """Replace the current database with the backup's; the index is rebuilt by the caller afterwards.

    Refused, with nothing changed, when the backup is of another engine or was made with another key.
    """
    manifest = _manifest(folder)
    engine = connection.vendor
    if manifest["engine"] != engine:
        raise BackupError(f"{manifest['engine']} 백업은 {engine} 데이터베이스에 복원할 수 없습니다.")
    reset_keys()
    if manifest["key_fingerprint"] != key_fingerprint():
        raise BackupError(
            "이 백업을 만든 개인정보 암호화 키와 지금의 키가 다릅니다. 백업 때의 키 파일을 "
            f"{settings.ILJARI_KEY_FILE} 에 두고 다시 실행해 주십시오. 아무것도 바꾸지 않았습니다."
        )
    source = folder / manifest["database"]
    connections.close_all()
    if engine == "sqlite":
        backup = sqlite3.connect(source)
        live = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        with live:
            backup.backup(live)
        live.close()
        backup.close()
    else:
        args, env = _pg_args()
        name = settings.DATABASES["default"]["NAME"]
        run = subprocess.run(
            [
                "pg_restore",
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "-d",
                name,
                str(source),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if run.returncode:
            raise BackupError(f"pg_restore가 실패했습니다(바뀐 것은 없습니다): {run.stderr.strip()}")
    index = Path(settings.VAR_DIR) / "index"
    if index.exists():  # the saved index describes the database before the restore
        shutil.rmtree(index)
    audit_record(
        actor=actor, action=Action.UPDATE, object_type="backup", object_id=folder.name, purpose="데이터베이스 복원"
    )
    checked, problems = audit_verify()
    return Restored(manifest, checked, len(problems))
