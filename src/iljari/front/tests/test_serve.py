"""`iljari serve` as an operator runs it: several worker processes, the login page, a clean stop."""

import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from iljari.testing import free_port


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return found


def _login_page(port: int, deadline: float) -> http.client.HTTPResponse:
    """The login page once the server listens (it binds just after printing its address)."""
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", "/login/")
            return conn.getresponse()
        except ConnectionRefusedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_serve_runs_several_worker_processes_and_serves_the_login_page(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILJARI_") and k != "DJANGO_SETTINGS_MODULE"}
    env |= {"ILJARI_VAR_DIR": str(tmp_path)}
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "iljari.cli", "serve", "--port", str(port), "--workers", "2", "--threads", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        banner = server.stdout.readline()
        assert f"http://127.0.0.1:{port}" in banner and "작업 프로세스 2개" in banner

        response = _login_page(port, time.monotonic() + 60)
        page = response.read().decode()
        assert response.status == 200
        assert 'name="username"' in page and 'name="password"' in page

        workers = _children(server.pid)
        assert len(workers) == 2
        assert all("serve" in Path(f"/proc/{w}/cmdline").read_text() for w in workers)
    finally:
        server.send_signal(signal.SIGTERM)  # graceful: finish what is in flight, then stop
        code = server.wait(timeout=60)
    assert code == 0
    assert not any(Path(f"/proc/{w}").exists() for w in workers)
