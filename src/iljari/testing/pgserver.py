"""A throwaway PostgreSQL server from Debian's package, for the test suite.

``initdb`` refuses to run as root, so as root the cluster is made and run by the
``postgres`` user in a directory it owns; it listens only on a Unix socket in that
directory and is removed when the tests end.
"""

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from iljari.testing import free_port


@dataclass
class PostgresServer:
    base: Path
    port: int
    bindir: Path
    as_postgres: bool

    @property
    def url(self) -> str:
        return f"postgres://iljari@{quote(str(self.base), safe='')}:{self.port}/iljari"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.base / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


def _bindir() -> Path:
    """The folder of the server's tools (``initdb``, ``pg_ctl``, ``createdb``): where ``initdb`` on ``PATH``
    really lives (a link such as ``/usr/local/bin/initdb`` points into it), else Debian's versioned folder."""
    on_path = shutil.which("initdb")
    if on_path and (Path(on_path).resolve().parent / "pg_ctl").exists():
        return Path(on_path).resolve().parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if not found:
        raise RuntimeError("PostgreSQL server is not installed: apt-get install -y postgresql")
    return Path(found[-1]).parent


def start() -> PostgresServer:
    as_postgres = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="iljari-pg-"))
    base.chmod(0o755)
    if as_postgres:
        shutil.chown(base, "postgres", "postgres")
    server = PostgresServer(base, free_port(), _bindir(), as_postgres)
    data = str(base / "data")
    server._run("initdb", "-D", data, "-U", "iljari", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
    options = f"-k {base} -p {server.port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
    server._run("pg_ctl", "-D", data, "-o", options, "-l", str(base / "server.log"), "-w", "start")
    server._run("createdb", "-h", str(base), "-p", str(server.port), "-U", "iljari", "iljari")
    return server
