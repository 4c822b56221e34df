"""Importing from the web: upload, check with progress, see row errors, confirm — the CLI's service."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from iljari.privacy.models import AuditEvent
from iljari.seekers.models import Seeker
from iljari.transfer.models import ImportJob
from iljari.transfer.tests.sheets import SEEKER_HEADERS, seeker_row, write_xlsx


def _upload(client, path, kind="seekers"):
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post(reverse("transfer:start"), {"kind": kind, "file": upload})


def test_a_file_is_checked_then_saved_only_when_confirmed(client, counselor, tmp_path):
    client.force_login(counselor)
    path = write_xlsx(tmp_path / "desk.xlsx", SEEKER_HEADERS, [seeker_row(n) for n in range(1, 6)])
    response = _upload(client, path)
    job = ImportJob.objects.get()
    assert response.url == reverse("transfer:job", args=[job.pk])
    assert job.status == "ready" and (job.rows, job.created) == (5, 5)
    assert Seeker.objects.count() == 0
    page = client.get(response.url).content.decode()
    assert "저장하면 5건이 새로 등록됩니다" in page
    client.post(reverse("transfer:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "saved" and Seeker.objects.filter(desk=counselor.desk).count() == 5


def test_row_errors_are_shown_and_nothing_is_saved(client, counselor, tmp_path):
    client.force_login(counselor)
    rows = [seeker_row(n) for n in range(1, 6)]
    rows[2] = seeker_row(3, 휴대전화="02-12")
    job_url = _upload(client, write_xlsx(tmp_path / "bad.xlsx", SEEKER_HEADERS, rows)).url
    job = ImportJob.objects.get()
    assert job.status == "rejected" and job.messages[0]["row"] == 4 and job.messages[0]["column"] == "휴대전화"
    html = client.get(job_url).content.decode()
    assert "아무것도 저장하지 않았습니다" in html and "010-1234-5678 형식" in html
    assert client.post(reverse("transfer:confirm", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == "rejected" and not Seeker.objects.exists()


def test_another_counselors_job_is_not_found_and_only_its_uploader_confirms_it(
    client, counselor, other_counselor, manager, tmp_path
):
    client.force_login(counselor)
    _upload(client, write_xlsx(tmp_path / "a.xlsx", SEEKER_HEADERS, [seeker_row(1)]))
    job = ImportJob.objects.get()
    client.force_login(other_counselor)
    assert client.get(reverse("transfer:job", args=[job.pk])).status_code == 404
    client.force_login(manager)  # oversees every import, but the rows are saved in the uploader's name
    assert client.get(reverse("transfer:job", args=[job.pk])).status_code == 200
    assert client.post(reverse("transfer:confirm", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == "ready" and not Seeker.objects.exists()


def test_a_counselor_imports_seekers_only_into_their_own_desks(client, counselor, other_desk, tmp_path):
    client.force_login(counselor)
    path = write_xlsx(tmp_path / "a.xlsx", SEEKER_HEADERS, [seeker_row(1)])
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    chosen = client.post(reverse("transfer:start"), {"kind": "seekers", "file": upload, "desk": other_desk.pk})
    assert chosen.status_code == 200 and not ImportJob.objects.exists()
    assert 'id="errors-desk"' in chosen.content.decode()
    column = write_xlsx(
        tmp_path / "b.xlsx", [*SEEKER_HEADERS, "담당창구"], [[*seeker_row(2), other_desk.name], [*seeker_row(3), ""]]
    )
    _upload(client, column)
    job = ImportJob.objects.get()
    assert job.status == "rejected" and not Seeker.objects.exists()
    assert [(m["row"], m["column"]) for m in job.messages] == [(2, "담당창구")]
    assert "다른 창구에는 구직자를 등록할 수 없습니다" in job.messages[0]["reason"]


def test_a_row_matching_another_desks_seeker_says_so_without_naming_them_and_is_audited(
    client, counselor, other_desk, make_seeker, tmp_path
):
    theirs = make_seeker(desk=other_desk, phone="010-3000-0001")
    mine = make_seeker(phone="010-3000-0002")
    client.force_login(counselor)
    _upload(client, write_xlsx(tmp_path / "a.xlsx", SEEKER_HEADERS, [seeker_row(1), seeker_row(2), seeker_row(3)]))
    job = ImportJob.objects.get()
    reasons = {m["row"]: m["reason"] for m in job.messages}
    assert reasons[2].startswith("다른 창구에 이미 등록된 분입니다(휴대전화 일치)")
    assert other_desk.name not in reasons[2] and f"#{theirs.pk}" not in reasons[2]
    assert reasons[3].startswith(f"이미 등록된 구직자입니다(휴대전화 일치, 구직자 #{mine.pk})")
    checked = AuditEvent.objects.filter(actor_id=counselor.pk, purpose="가져오기 중복 확인")
    assert sorted(checked.values_list("object_id", flat=True)) == sorted([str(theirs.pk), str(mine.pk)])


def test_the_discovery_team_cannot_import_seekers(client, db, desk, tmp_path):
    from iljari.conftest import _staff

    client.force_login(_staff("finder", "discovery", desk))
    response = _upload(client, write_xlsx(tmp_path / "s.xlsx", SEEKER_HEADERS, [seeker_row(1)]))
    assert response.status_code == 200 and not ImportJob.objects.exists()
    errors = response.content.decode().split('id="errors-kind"')[1].split("</div>")[0]
    assert "seekers" in errors  # "올바르게 선택해 주세요. seekers 이/가 선택가능항목에 없습니다."


def test_the_page_offers_each_template_with_the_consent_columns(client, counselor):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(counselor)
    page = client.get(reverse("transfer:start")).content.decode()
    assert reverse("transfer:template", args=["seekers"]) in page
    response = client.get(reverse("transfer:template", args=["seekers"]))
    assert response["Cache-Control"] == "no-store" and "attachment" in response["Content-Disposition"]
    headers = [c.value for c in next(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows())]
    assert "개인정보 동의일" in headers and "동의 목적" in headers


def test_the_discovery_team_gets_no_seeker_template(client, db, desk):
    from iljari.conftest import _staff

    client.force_login(_staff("finder2", "discovery", desk))
    assert client.get(reverse("transfer:template", args=["seekers"])).status_code == 404
    assert client.get(reverse("transfer:template", args=["employers"])).status_code == 200


def test_a_saved_import_links_to_its_records_and_its_upload_is_gone(client, counselor, tmp_path, settings):
    import stat
    from pathlib import Path

    client.force_login(counselor)
    _upload(client, write_xlsx(tmp_path / "desk.xlsx", SEEKER_HEADERS, [seeker_row(n) for n in range(1, 4)]))
    job = ImportJob.objects.get()
    stored = Path(job.stored_path)
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600  # waiting for confirmation: the owner only
    client.post(reverse("transfer:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert not stored.exists() and job.stored_path == ""
    page = client.get(reverse("transfer:job", args=[job.pk])).content.decode()
    for seeker in Seeker.objects.all():
        assert reverse("seekers:detail", args=[seeker.pk]) in page
    assert sorted(job.saved) == sorted(Seeker.objects.values_list("pk", flat=True))


def test_the_errors_file_lists_every_problem_masked(client, counselor, tmp_path):
    import csv
    import io

    client.force_login(counselor)
    rows = [seeker_row(n, 휴대전화="02-12") for n in range(1, 150)] + [seeker_row(150, 비고="900101ㅡ1234567")]
    _upload(client, write_xlsx(tmp_path / "bad.xlsx", SEEKER_HEADERS, rows))
    job = ImportJob.objects.get()
    page = client.get(reverse("transfer:job", args=[job.pk])).content.decode()
    assert reverse("transfer:errors", args=[job.pk]) in page and "처음 100건만" in page
    response = client.get(reverse("transfer:errors", args=[job.pk]))
    listed = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert listed[0] == ["행", "열", "입력값", "구분", "사유"] and len(listed) == 1 + 150
    assert listed[-1][:2] == ["151", "비고"] and "900101" not in response.content.decode("utf-8-sig")


def test_a_zip_bomb_is_rejected_at_once_with_its_reason_and_not_kept(client, counselor, settings):
    from pathlib import Path

    from iljari.testing.corpus import shared_strings_bomb

    client.force_login(counselor)
    folder = Path(settings.VAR_DIR) / "uploads" / "imports"
    before = set(folder.iterdir()) if folder.exists() else set()
    upload = SimpleUploadedFile("bomb.xlsx", shared_strings_bomb(256))
    client.post(reverse("transfer:start"), {"kind": "seekers", "file": upload})
    job = ImportJob.objects.get()
    assert job.status == "rejected" and "압축이 비정상적으로 큰 파일" in job.messages[0]["reason"]
    assert job.stored_path == "" and set(folder.iterdir()) == before


def test_a_check_left_unconfirmed_for_a_day_has_its_file_deleted(client, counselor, tmp_path):
    from datetime import timedelta
    from pathlib import Path

    from django.utils import timezone

    from iljari.transfer.uploads import uploads_purge

    client.force_login(counselor)
    _upload(client, write_xlsx(tmp_path / "later.xlsx", SEEKER_HEADERS, [seeker_row(1)]))
    job = ImportJob.objects.get()
    stored = Path(job.stored_path)
    assert uploads_purge() == 0 and stored.exists()  # a fresh check waits for its confirmation
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=2))
    assert uploads_purge() == 1 and not stored.exists()
    job.refresh_from_db()
    assert job.status == "rejected" and "하루가 지나" in job.messages[0]["reason"]
