"""Imports from the web: upload, watch the check, see row errors, confirm, done."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from iljari.core.access import EMPLOYER_WORK, role_required
from iljari.transfer.forms import UploadForm
from iljari.transfer.jobs import import_job_confirm, import_job_start
from iljari.transfer.models import ImportJob


def _job(request: HttpRequest, pk: int, *, own: bool = False) -> ImportJob:
    """An import of the user's own (the manager oversees everyone's, but only its uploader confirms
    one); another's answers 404 like a missing one: its rows can hold the file's personal values."""
    jobs = ImportJob.objects.all()
    if own or not request.user.sees_all_seekers:
        jobs = jobs.filter(created_by=request.user)
    return get_object_or_404(jobs, pk=pk)


@role_required(*EMPLOYER_WORK)
def import_start(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        job = import_job_start(kind=d["kind"], upload=d["file"], user=request.user, desk=d["desk"] or request.user.desk)
        return redirect("transfer:job", pk=job.pk)
    jobs = ImportJob.objects.filter(created_by=request.user)[:10]
    return render(request, "transfer/start.html", {"form": form, "jobs": jobs})


@role_required(*EMPLOYER_WORK)
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    template = "transfer/_status.html" if request.htmx else "transfer/job.html"
    return render(request, template, {"job": job})


@require_POST
@role_required(*EMPLOYER_WORK)
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    import_job_confirm(job=_job(request, pk, own=True))
    return redirect("transfer:job", pk=pk)
