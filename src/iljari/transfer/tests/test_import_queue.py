"""Web imports on the job queue: the page says when no worker runs, and why an import failed."""

import sys

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from iljari.core import jobs
from iljari.core.jobs import jobs_recover, worker_start
from iljari.seekers.models import Seeker
from iljari.testing.queue import QUEUE, claim, dead_worker
from iljari.transfer.models import ImportJob
from iljari.transfer.tests.sheets import SEEKER_HEADERS, seeker_row, write_xlsx


def _upload(client, path):
    return client.post(
        reverse("transfer:start"), {"kind": "seekers", "file": SimpleUploadedFile(path.name, path.read_bytes())}
    )


@override_settings(TASKS=QUEUE)
def test_a_queued_import_says_whether_a_worker_will_pick_it_up(client, counselor, tmp_path):
    client.force_login(counselor)
    url = _upload(client, write_xlsx(tmp_path / "a.xlsx", SEEKER_HEADERS, [seeker_row(1)])).url
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.CHECKING and job.run.status == "queued"
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "작업 처리기(iljari worker)가 실행되고 있지 않아" in page and 'hx-trigger="every 1s"' in page
    worker_start()  # this process counts as a running worker
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "처리 차례를 기다리고 있습니다" in page and "실행되고 있지 않아" not in page


def test_an_import_whose_save_kept_killing_its_worker_fails_with_the_reason_and_saves_nothing(
    client, counselor, tmp_path, monkeypatch
):
    client.force_login(counselor)
    url = _upload(client, write_xlsx(tmp_path / "b.xlsx", SEEKER_HEADERS, [seeker_row(n) for n in (1, 2)])).url
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.READY  # checked at once (inline)
    with override_settings(TASKS=QUEUE):
        client.post(reverse("transfer:confirm", args=[job.pk]))
        job.refresh_from_db()
        assert job.status == ImportJob.Status.SAVING
        for _ in range(2):
            claim(job.run, dead_worker())
            jobs_recover()
        # the worker that gives up has not loaded the import's code yet (a fresh process)
        monkeypatch.delitem(sys.modules, "iljari.transfer.jobs")
        monkeypatch.delitem(jobs._specs, "iljari.transfer.jobs.import_save")
        claim(job.run, dead_worker())
        jobs_recover()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.run.attempts == 3 and not Seeker.objects.exists()
    page = client.get(url).content.decode()
    assert "파일의 내용은 저장되지 않았습니다" in page
    assert "사유: 작업 처리기가 작업 도중 멈췄습니다. 3번 시도했으나 끝내지 못해 더 시도하지 않습니다." in page
