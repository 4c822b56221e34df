"""Steps of the worker story that run inside the site's own processes (``iljari shell -c``).

``test_worker_process.py`` drives a site in a temporary folder through real processes; these are the
parts that need Django set up against that site's database rather than the test database.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from iljari.accounts.models import Desk, User
from iljari.accounts.services import staff_create
from iljari.transfer.jobs import import_job_confirm, import_job_start
from iljari.transfer.models import ImportJob
from iljari.transfer.tests.sheets import SEEKER_HEADERS, seeker_row, write_xlsx

INLINE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def counselor() -> None:
    staff_create(
        username="counselor1",
        full_name="상담사",
        role=User.Role.COUNSELOR,
        desk=Desk.objects.get(name="와동 행정복지센터"),
        password="test-pass-2026",
        actor="test",
    )


def import_checked_and_confirmed(rows: int) -> None:
    """Upload a sheet of ``rows`` seekers, check it at once, confirm it: the save waits for a worker."""
    user = User.objects.get(username="counselor1")
    path = write_xlsx(
        Path(settings.VAR_DIR) / "seekers.xlsx", SEEKER_HEADERS, [seeker_row(n) for n in range(1, rows + 1)]
    )
    with override_settings(TASKS=INLINE):
        imported = import_job_start(
            kind="seekers", upload=SimpleUploadedFile(path.name, path.read_bytes()), user=user, desk=user.desk
        )
    imported.refresh_from_db()
    assert imported.status == ImportJob.Status.READY, imported.status
    assert import_job_confirm(job=imported)
    print(imported.pk)


def page(import_id: int) -> None:
    """The import page as its counselor sees it (the part the page polls)."""
    client = Client()
    client.force_login(User.objects.get(username="counselor1"))
    response = client.get(reverse("transfer:job", args=[import_id]), HTTP_HOST="localhost")
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    start = html.rindex("<section", 0, html.index('id="job-status"'))
    print(html[start : html.index("</section>", start) + len("</section>")])
