"""Real worker processes on a real database: one killed with ``kill -9`` mid-import, ``iljari run`` stopped.

A site is made in a temporary folder with ``iljari init`` (its own SQLite file, or its own database
on the test PostgreSQL server with ``ILJARI_TEST_POSTGRES=1``); every step runs as the site's own
processes (``iljari worker``, ``iljari shell``, ``iljari run``) and the test reads the database with
the driver, as an operator would after a crash. ``bench/worker_kill.py`` prints the same story.
"""

import os
import signal
import subprocess
import urllib.request
from collections.abc import Iterator

import pytest

from iljari.testing import free_port
from iljari.testing.site import ILJARI, Site, import_state, in_save, site_create, wait_until

ROWS = 1500


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    server_url = os.environ.get("ILJARI_DATABASE_URL") if os.environ.get("ILJARI_TEST_POSTGRES") == "1" else None
    made = site_create(tmp_path_factory.mktemp("site"), server_url=server_url)
    yield made
    made.drop()


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen]]:
    """Worker processes a test started; any still running when it ends (a failed assertion) are stopped."""
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.postgres
def test_a_worker_killed_mid_save_leaves_nothing_and_the_next_worker_saves_the_file_once(site, workers):
    import_id = int(site.story(f"import_checked_and_confirmed({ROWS})").split()[-1])
    assert import_state(site, import_id)[:2] == ("saving", "queued")

    first = site.worker()
    workers.append(first)
    wait_until(lambda: in_save(site, import_id, ROWS), "the worker inside the save transaction")
    first.send_signal(signal.SIGKILL)
    assert first.wait(timeout=30) == -signal.SIGKILL

    assert site.one("select count(*) from seekers_seeker") == 0
    assert site.one("select count(*) from privacy_auditevent where action = 'import'") == 0
    assert import_state(site, import_id)[:2] == ("saving", "running")
    page = site.story(f"page({import_id})")
    assert "저장 중" in page and "작업 처리기(iljari worker)가 실행되고 있지 않아" in page
    assert "이어서 처리합니다" in page and "hx-trigger" in page  # the page keeps polling

    second = site.worker()
    workers.append(second)
    wait_until(lambda: import_state(site, import_id)[0] == "saved", "the next worker to save the file")
    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=60) == 0

    assert site.one("select count(*) from seekers_seeker") == ROWS
    assert site.one("select count(*) from privacy_auditevent where action = 'import'") == 1
    assert import_state(site, import_id) == ("saved", "succeeded", "저장", ROWS, ROWS, 2)
    attempts = site.query(
        "select status, exception_class_path from django_tasks_database_dbtaskresult "
        "where task_path = 'iljari.transfer.jobs.import_save' order by enqueued_at"
    )
    assert attempts == [("FAILED", "iljari.core.jobs.WorkerLost"), ("SUCCESSFUL", "")]
    assert site.one("select count(*) from core_worker") == 0
    page = site.story(f"page({import_id})")
    assert f"{ROWS:,}건을 저장했습니다" in page and "hx-trigger" not in page


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def test_iljari_run_serves_and_works_until_ctrl_c_stops_both(site):
    port = free_port()
    log = (site.var / "run.log").open("w")
    run = subprocess.Popen([*ILJARI, "run", "--port", str(port)], env=site.env, stdout=log, stderr=subprocess.STDOUT)
    login = f"http://127.0.0.1:{port}/login/"
    try:
        wait_until(
            lambda: _answers(login) and site.one("select count(*) from core_worker") == 1, "the server and a worker"
        )
        run.send_signal(signal.SIGINT)  # what Ctrl+C sends; the two children have their own sessions
        assert run.wait(timeout=60) == 0, (site.var / "run.log").read_text()[-2000:]
    finally:
        if run.poll() is None:
            run.send_signal(signal.SIGINT)
            run.wait(timeout=60)
    assert not _answers(login)
    assert site.one("select count(*) from core_worker") == 0  # the worker stopped cleanly and said so
