"""Seeker pages: search, register, correct (with the record's history), the whole history on one page, notes."""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iljari.core.access import CASEWORK, role_required
from iljari.core.errors import IljariError
from iljari.core.lifecycles import TransitionRefused, status_history
from iljari.core.pages import edit_page, field_validation, query_without_page
from iljari.core.sections import sections_for
from iljari.core.submissions import posted_key, submitted_once
from iljari.privacy.forms import ConsentForm
from iljari.privacy.history import record_history
from iljari.privacy.selectors import consent_given
from iljari.privacy.services import consent_record
from iljari.seekers.forms import NoteForm, SearchForm, SeekerEditForm, SeekerForm, StatusForm
from iljari.seekers.lifecycle import SEEKER
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import SeekerFilters, seeker_lapses_on, seeker_or_404, seeker_readers, seeker_search
from iljari.seekers.services import counseling_note_create, seeker_change_status, seeker_create, seeker_update

PAGE_SIZE = 30


@role_required(*CASEWORK)
def seeker_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    filters = SeekerFilters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        filters = SeekerFilters(
            q=d["q"],
            job=d["job"],
            dong=d["dong"].pk if d["dong"] else None,
            group=d["group"].code if d["group"] else "",
            status=d["status"],
        )
    page = seeker_search(
        user=request.user, filters=filters, purpose="구직자 목록 조회", page=request.GET.get("page"), per_page=PAGE_SIZE
    )
    template = "seekers/_results.html" if request.htmx else "seekers/list.html"
    return render(request, template, {"form": form, "page": page, "query": query_without_page(request)})


def _read(request: HttpRequest, pk: int, purpose: str) -> Seeker:
    return seeker_or_404(user=request.user, seeker_id=pk, purpose=purpose)


def _detail(
    request: HttpRequest,
    seeker: Seeker,
    note_form: NoteForm,
    status: int = 200,
    status_form: StatusForm | None = None,
    consent_form: ConsentForm | None = None,
) -> HttpResponse:
    context = {
        "seeker": seeker,
        "notes": seeker.notes.select_related("author")[:20],
        "readers": seeker_readers(seeker=seeker),
        "changes": record_history(record=seeker),
        "note_form": note_form,
        "status_form": status_form or StatusForm(),
        "lapses_on": seeker_lapses_on(seeker=seeker),
        "history": status_history(lifecycle=SEEKER, record_id=seeker.pk),
        "history_id": "seeker-status-h",
        "consents": seeker.consents.all(),
        "consent_ok": consent_given(seeker=seeker),
        "consent_form": consent_form or ConsentForm(),
        "sections": sections_for("seekers.detail", request, seeker),
    }
    return render(request, "seekers/detail.html", context, status=status)


@role_required(*CASEWORK)
def seeker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _read(request, pk, "구직자 상세 조회"), NoteForm())


@role_required(*CASEWORK)
def seeker_new(request: HttpRequest) -> HttpResponse:
    form = SeekerForm(request.POST or None, user=request.user)
    form.enable_live_validation(reverse("seekers:validate"))
    if request.method == "POST" and form.is_valid():
        data = form.to_input()
        try:  # a double click or a resend registers once and is sent to the record the first post made
            done = submitted_once(
                key=posted_key(request),
                scope="seekers:new",
                actor=request.user,
                action=lambda: seeker_create(data=data, actor=request.user),
            )
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            seeker = done.result
            messages.success(
                request,
                _("구직자를 등록했습니다. 담당 상담사: %(c)s")
                % {"c": seeker.counselor or _("없음(창구에 상담사가 없습니다)")},
            )
            return redirect("seekers:detail", pk=seeker.pk)
    return render(request, "seekers/new.html", {"form": form})


@role_required(*CASEWORK)
def seeker_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a seeker's record; a save on a version someone else has changed is refused with what they changed."""
    seeker = _read(request, pk, "구직자 정보 수정")
    form = SeekerEditForm(request.POST or None, user=request.user, initial=SeekerEditForm.record(seeker))
    form.enable_live_validation(reverse("seekers:validate"))
    return edit_page(
        request,
        form=form,
        save=partial(seeker_update, seeker=seeker),
        record=SeekerEditForm.record,
        done=reverse("seekers:detail", args=[pk]),
        template="seekers/edit.html",
        context={"seeker": seeker, "changes": record_history(record=seeker)},
    )


@require_POST
@role_required(*CASEWORK)
def seeker_validate(request: HttpRequest) -> HttpResponse:
    """Live validation of one field of the registration form as the counselor types."""
    return field_validation(request, SeekerForm(request.POST, user=request.user))


@require_POST
@role_required(*CASEWORK)
def note_new(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = _read(request, pk, "상담일지 작성")
    form = NoteForm(request.POST)
    if form.is_valid():
        counseling_note_create(seeker=seeker, author=request.user, **form.cleaned_data)
        messages.success(request, _("상담일지를 저장했습니다."))
        return redirect("seekers:detail", pk=pk)
    return _detail(request, seeker, form, status=400)


@require_POST
@role_required(*CASEWORK)
def seeker_status(request: HttpRequest, pk: int) -> HttpResponse:
    """구직 중단 with its reason, or 재등록; a move the status does not allow is refused with why (409/422)."""
    seeker = _read(request, pk, "구직 상태 변경")
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _detail(request, seeker, NoteForm(), status=422, status_form=form)
    try:
        seeker = seeker_change_status(seeker_id=pk, actor=request.user, **form.cleaned_data)
    except TransitionRefused as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _detail(request, seeker, NoteForm(), status=exc.http_status, status_form=form)
    messages.success(request, _("구직 상태를 '%(status)s'(으)로 바꿨습니다.") % {"status": seeker.get_status_display()})
    return redirect("seekers:detail", pk=pk)


@require_POST
@role_required(*CASEWORK)
def consent_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a consent the person gave (an imported 동의 미확인 seeker becomes referable)."""
    seeker = _read(request, pk, "개인정보 동의 기록")
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            consent_record(seeker=seeker, actor=request.user, **form.cleaned_data)
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("개인정보 동의를 기록했습니다."))
            return redirect("seekers:detail", pk=pk)
    return _detail(request, seeker, NoteForm(), status=400, consent_form=form)
