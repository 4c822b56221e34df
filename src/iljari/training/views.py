"""Program pages: the list, one program with its applicants and selection, a session's attendance
on a phone, the seeker page's programs panel and enrollment, and the programs report."""

import csv
import io
from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from iljari.core.access import CASEWORK, PROGRAM_SETUP, REPORTS, has_role, role_required
from iljari.core.charts import bar_chart
from iljari.core.errors import IljariError
from iljari.core.lifecycles import status_history
from iljari.core.pages import edit_page, field_validation
from iljari.privacy.history import record_history
from iljari.seekers.selectors import seeker_or_404, seekers_visible_to
from iljari.training.editing import program_update
from iljari.training.forms import CompleteForm, EnrollForm, ProgramEditForm, ProgramForm
from iljari.training.lifecycle import ENROLLMENT
from iljari.training.models import Enrollment, ProgramSession, TrainingProgram
from iljari.training.recommend import programs_for_seeker
from iljari.training.reports import program_outcomes
from iljari.training.rules import Declared
from iljari.training.selectors import (
    criteria_shown,
    enrollment_or_404,
    enrollments_visible,
    programs_counted,
    quotas_named,
    selection_published,
    session_roster,
)
from iljari.training.services import (
    ProgramError,
    attendance_record,
    enrollment_check,
    enrollment_complete,
    enrollment_create,
    program_create,
    program_select,
)


@role_required(*CASEWORK)
def program_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    programs = list(programs_counted())
    return render(
        request,
        "training/programs.html",
        {
            "current": [p for p in programs if p.ends_on >= today],
            "past": [p for p in programs if p.ends_on < today],
            "can_setup": has_role(request.user, PROGRAM_SETUP),
        },
    )


@role_required(*PROGRAM_SETUP)
def program_new(request: HttpRequest) -> HttpResponse:
    form = ProgramForm(request.POST or None)
    form.enable_live_validation(reverse("training:program_validate"))
    if request.method == "POST" and form.is_valid():
        try:
            program = program_create(
                data=form.program_input(), sessions=form.cleaned_data["sessions"], actor=request.user
            )
        except ProgramError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"'{program.name}'을(를) 등록했습니다.")
            return redirect("training:program", pk=program.pk)
    return render(request, "training/program_new.html", {"form": form}, status=422 if form.errors else 200)


@role_required(*PROGRAM_SETUP)
def program_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """사업 정보 수정: the program and its sessions; a save made on an older version is refused with
    what changed meanwhile, and what was typed is kept."""
    program = get_object_or_404(TrainingProgram, pk=pk)
    form = ProgramEditForm(request.POST or None, initial=ProgramEditForm.record(program))
    form.enable_live_validation(reverse("training:program_validate"))
    return edit_page(
        request,
        form=form,
        save=partial(program_update, program=program),
        record=ProgramEditForm.record,
        done=reverse("training:program", args=[pk]),
        template="training/program_edit.html",
        context={"program": program, "criteria": criteria_shown(program), "changes": record_history(record=program)},
    )


@require_POST
@role_required(*PROGRAM_SETUP)
def program_validate(request: HttpRequest) -> HttpResponse:
    return field_validation(request, ProgramForm(request.POST))


@role_required(*CASEWORK)
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(programs_counted(), pk=pk)
    enrollments = enrollments_visible(user=request.user, program=program, purpose=f"사업 #{pk} 신청자 조회")
    today = timezone.localdate()
    return render(
        request,
        "training/program.html",
        {
            "program": program,
            "sessions": program.sessions.all(),
            "criteria": criteria_shown(program),
            "enrollments": enrollments,
            "today": today,
            "can_select": has_role(request.user, PROGRAM_SETUP) and program.waiting,
            "can_setup": has_role(request.user, PROGRAM_SETUP),
            "complete_form": CompleteForm(program=program),
            "quotas": quotas_named(program),
            "changes": record_history(record=program),
        },
    )


@role_required(*CASEWORK)
def enrollment_history(request: HttpRequest, pk: int) -> HttpResponse:
    """One enrollment's lifecycle log: each move, who made it, when and why."""
    enrollment = enrollment_or_404(user=request.user, enrollment_id=pk, purpose=f"참여 신청 #{pk} 상태 이력 조회")
    return render(
        request,
        "training/enrollment_history.html",
        {"enrollment": enrollment, "history": status_history(lifecycle=ENROLLMENT, record_id=enrollment.pk)},
    )


@require_POST
@role_required(*PROGRAM_SETUP)
def program_run_selection(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(TrainingProgram, pk=pk)
    try:
        ranked = program_select(program=program, actor=request.user)
    except ProgramError as exc:
        messages.error(request, exc.message)
    else:
        chosen = sum(1 for r in ranked if r.chosen)
        messages.success(request, f"신청 {len(ranked)}명 중 {chosen}명을 선발했습니다. 점수와 순위를 기록했습니다.")
    return redirect("training:program", pk=pk)


@role_required(*PROGRAM_SETUP)
def selection_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The selection list as the city posts it (CSV, UTF-8 with BOM for Excel): rank, masked name, points."""
    program = get_object_or_404(TrainingProgram, pk=pk)
    rows = selection_published(program=program, actor=request.user)
    criteria = list(dict.fromkeys(c for c, _, _ in criteria_shown(program)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["순위", "성명", *[f"{c}(점)" for c in criteria], "합계", "결과", "비고"])
    for r in rows:
        by = {d["criterion"]: d["points"] for d in r.detail}
        writer.writerow([r.rank, r.name, *[by.get(c, 0) for c in criteria], r.points, r.result, r.quota])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="selection-{pk}.csv"'
    return response


def _visible_enrollment(request: HttpRequest, program: TrainingProgram, enrollment_id: int) -> Enrollment:
    enrollment = (
        Enrollment.objects.filter(program=program, seeker__in=seekers_visible_to(request.user))
        .select_related("seeker", "program")
        .filter(pk=enrollment_id)
        .first()
    )
    if enrollment is None:
        raise Http404("참여 신청을 찾을 수 없습니다.")
    return enrollment


@require_POST
@role_required(*CASEWORK)
def enrollment_finish(request: HttpRequest, pk: int, enrollment_id: int) -> HttpResponse:
    program = get_object_or_404(TrainingProgram, pk=pk)
    enrollment = _visible_enrollment(request, program, enrollment_id)
    form = CompleteForm(request.POST, program=program)
    if not form.is_valid():
        messages.error(request, "취득 자격을 목록에서 골라 주십시오.")
        return redirect("training:program", pk=pk)
    try:
        enrollment_complete(enrollment=enrollment, licence=form.cleaned_data["licence"], actor=request.user)
    except IljariError as exc:  # ProgramError, or a move the enrollment's state refuses
        messages.error(request, exc.message)
    else:
        messages.success(request, f"신청 #{enrollment.pk} 수료를 기록했습니다.")
    return redirect("training:program", pk=pk)


@role_required(*CASEWORK)
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """출석부 of one session, sized for a phone: one switch per participant, saved at once."""
    session = get_object_or_404(ProgramSession.objects.select_related("program"), pk=pk)
    roster = session_roster(user=request.user, session=session)
    error = ""
    if request.method == "POST":
        marks = {e.pk: f"present-{e.pk}" in request.POST for e, _ in roster}
        try:
            attendance_record(session=session, present=marks, actor=request.user)
        except ProgramError as exc:
            error = exc.message
        else:
            messages.success(request, f"{session} 출석 {sum(marks.values())}명 / {len(marks)}명을 저장했습니다.")
            return redirect("training:attendance", pk=pk)
    return render(
        request,
        "training/attendance.html",
        {"session": session, "roster": roster, "error": error, "future": session.date > timezone.localdate()},
        status=409 if error else 200,
    )


@role_required(*CASEWORK)
def seeker_programs(request: HttpRequest, pk: int) -> HttpResponse:
    """The seeker page's programs panel, loaded after the page (the engine runs once per program)."""
    seeker = seeker_or_404(user=request.user, seeker_id=pk, purpose="교육·일자리 사업 추천 조회")
    fits = programs_for_seeker(seeker=seeker)
    return render(
        request,
        "training/_seeker_programs.html",
        {
            "seeker": seeker,
            "enrollments": seeker.enrollments.select_related("program").order_by("-applied_at", "-pk"),
            "opening": [f for f in fits if f.vacancy_ids][:3],
            "others": [f for f in fits if not f.vacancy_ids],
        },
    )


@role_required(*CASEWORK)
def seeker_enroll(request: HttpRequest, pk: int, program_id: int) -> HttpResponse:
    seeker = seeker_or_404(user=request.user, seeker_id=pk, purpose="교육·일자리 사업 참여 신청")
    program = get_object_or_404(TrainingProgram, pk=program_id)
    form = EnrollForm(request.POST or None)
    declared = form.declared() if form.is_bound and form.is_valid() else Declared()
    checks = enrollment_check(program=program, seeker=seeker, declared=declared)
    if request.method == "POST" and form.is_valid():
        try:
            enrollment_create(
                program=program,
                seeker=seeker,
                declared=form.declared(),
                consent_method=form.cleaned_data["consent_method"],
                consent_given_on=form.cleaned_data["consent_given_on"],
                actor=request.user,
            )
        except ProgramError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"'{program.name}'에 참여 신청했습니다(운영 기관 제공 동의 기록).")
            return redirect("seekers:detail", pk=pk)
    return render(
        request,
        "training/enroll.html",
        {"seeker": seeker, "program": program, "form": form, "checks": checks},
        status=422 if form.errors else 200,
    )


@role_required(*REPORTS)
def report(request: HttpRequest) -> HttpResponse:
    outcomes = program_outcomes(today=timezone.localdate())
    rows = [r for r in outcomes.programs if r.rate_6 is not None or r.rate_3 is not None]
    chart = (
        bar_chart(
            "수료 후 6개월 내 취업률(%): 참여자와 비슷한 비참여자",
            [r.label for r in rows],
            {"참여자": [r.rate_6 or 0 for r in rows], "비교 집단": [r.compared_6 or 0 for r in rows]},
        )
        if rows
        else ""
    )
    return render(request, "training/report.html", {"report": outcomes, "chart": chart})
