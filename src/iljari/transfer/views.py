"""Imports from the web: get the template, upload, watch the check, see row errors (and download them),
confirm, then open what was saved."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from iljari.core.access import EMPLOYER_WORK, role_required
from iljari.core.jobs import workers_alive
from iljari.core.pages import CSV, XLSX, attachment
from iljari.transfer.forms import KINDS, UploadForm, kinds_for
from iljari.transfer.jobs import import_job_confirm, import_job_start
from iljari.transfer.models import ImportJob
from iljari.transfer.services import report_bytes, template_bytes
from iljari.transfer.sheets import Level, RowMessage

SHOWN_ON_PAGE = 100  # row messages listed on the page; the download has all of them
LINKED = 50  # saved records linked from the page
RECORD_PAGES = {
    "seekers": ("seekers:detail", "구직자"),
    "employers": ("employers:detail", "구인업체"),
    "vacancies": ("vacancies:detail", "구인표"),
}


def _job(request: HttpRequest, pk: int, *, own: bool = False) -> ImportJob:
    """An import of the user's own (the manager oversees everyone's, but only its uploader confirms
    one); another's answers 404 like a missing one: its rows can hold the file's personal values."""
    jobs = ImportJob.objects.select_related("run")
    if own or not request.user.sees_all_seekers:
        jobs = jobs.filter(created_by=request.user)
    return get_object_or_404(jobs, pk=pk)


def _saved_links(job: ImportJob) -> list[tuple[str, str]]:
    name, label = RECORD_PAGES[job.kind]
    return [(reverse(name, args=[pk]), f"{label} #{pk}") for pk in job.saved[:LINKED]]


def _context(job: ImportJob) -> dict:
    return {
        "job": job,
        "shown_messages": job.messages[:SHOWN_ON_PAGE],
        "more_messages": max(len(job.messages) - SHOWN_ON_PAGE, 0),
        "saved_links": _saved_links(job) if job.status == ImportJob.Status.SAVED else [],
        "more_saved": max(len(job.saved) - LINKED, 0),
        "workers_alive": workers_alive(),
    }


@role_required(*EMPLOYER_WORK)
def import_start(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        job = import_job_start(kind=d["kind"], upload=d["file"], user=request.user, desk=d["desk"] or request.user.desk)
        return redirect("transfer:job", pk=job.pk)
    jobs = ImportJob.objects.filter(created_by=request.user)[:10]
    return render(request, "transfer/start.html", {"form": form, "jobs": jobs, "kinds": kinds_for(request.user)})


@role_required(*EMPLOYER_WORK)
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """The empty sheet with the Korean headers and a guide, for the kinds this person may import."""
    if kind not in dict(kinds_for(request.user)):
        raise Http404("가져올 수 없는 자료 종류입니다.")
    return attachment(template_bytes(kind=kind), f"{dict(KINDS)[kind]}-가져오기-양식.xlsx", XLSX)


@role_required(*EMPLOYER_WORK)
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    template = "transfer/_status.html" if request.htmx else "transfer/job.html"
    return render(request, template, _context(job))


@role_required(*EMPLOYER_WORK)
def import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    """Every message of the check as a CSV to fix the file by (values masked, formulas guarded)."""
    job = _job(request, pk)
    messages = [RowMessage(m["row"], m["column"], m["value"], m["reason"], Level(m["level"])) for m in job.messages]
    stem = job.file_name.rsplit(".", 1)[0] or "가져오기"
    return attachment(report_bytes(messages), f"{stem}-검사결과.csv", CSV)


@require_POST
@role_required(*EMPLOYER_WORK)
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    import_job_confirm(job=_job(request, pk, own=True))
    return redirect("transfer:job", pk=pk)
