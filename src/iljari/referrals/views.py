"""The referral chain's steps from the seeker page: interview, outcome, cancel, correction, undo, direct
placement, follow-up. Each post counts once (its form's submission key): a double click or a resend is
answered with what the first post did."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from iljari.core.access import CASEWORK, role_required
from iljari.core.confirmation import ConfirmationNeeded, confirmation_page, confirmed
from iljari.core.errors import IljariError
from iljari.core.submissions import posted_key, submitted_once
from iljari.referrals.forms import CorrectionForm, DirectPlacementForm, FollowUpForm, InterviewForm, OutcomeForm
from iljari.referrals.models import FollowUp, Referral
from iljari.referrals.services import (
    follow_up_record,
    placement_record_direct,
    referral_cancel,
    referral_correct,
    referral_record_outcome,
    referral_schedule_interview,
    referral_undo,
)
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seeker_or_404


def _seeker(request: HttpRequest, pk: int, purpose: str) -> Seeker:
    return seeker_or_404(user=request.user, seeker_id=pk, purpose=purpose)


def _done(request: HttpRequest, seeker: Seeker, action: object, success: str) -> HttpResponse:
    back = redirect("seekers:detail", pk=seeker.pk)
    try:
        done = submitted_once(
            key=posted_key(request), scope=request.resolver_match.view_name, actor=request.user, action=action
        )
    except ConfirmationNeeded as asked:
        return confirmation_page(request, asked=asked, back=back.url)
    except IljariError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"{success} (같은 요청이 한 번 더 전송되어 한 번만 처리했습니다.)" if done.repeated else success
        )
    return back


def _invalid(request: HttpRequest, seeker: Seeker, form: object) -> HttpResponse:
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("seekers:detail", pk=seeker.pk)


@require_POST
@role_required(*CASEWORK)
def interview(request: HttpRequest, pk: int, referral_id: int) -> HttpResponse:
    seeker = _seeker(request, pk, "면접 일정 기록")
    referral = get_object_or_404(Referral, pk=referral_id, seeker=seeker)
    form = InterviewForm(request.POST)
    if not form.is_valid():
        return _invalid(request, seeker, form)
    at = form.cleaned_data["interview_at"]
    return _done(
        request,
        seeker,
        lambda: referral_schedule_interview(referral=referral, at=at, actor=request.user),
        "면접 일정을 기록했습니다.",
    )


@require_POST
@role_required(*CASEWORK)
def outcome(request: HttpRequest, pk: int, referral_id: int) -> HttpResponse:
    seeker = _seeker(request, pk, "알선 결과 기록")
    referral = get_object_or_404(Referral, pk=referral_id, seeker=seeker)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _invalid(request, seeker, form)
    d = form.cleaned_data
    return _done(
        request,
        seeker,
        lambda: referral_record_outcome(
            referral=referral,
            hired=d["hired"],
            reason=d["reason"],
            started_on=d["started_on"],
            direct=d["direct"],
            second_job=confirmed(request),
            actor=request.user,
        ),
        "채용을 기록했습니다. 1·3·6개월 사후관리가 예정되었습니다." if d["hired"] else "불채용을 기록했습니다.",
    )


@require_POST
@role_required(*CASEWORK)
def cancel(request: HttpRequest, pk: int, referral_id: int) -> HttpResponse:
    seeker = _seeker(request, pk, "알선 취소")
    referral = get_object_or_404(Referral, pk=referral_id, seeker=seeker)
    return _done(
        request, seeker, lambda: referral_cancel(referral=referral, actor=request.user), "알선을 취소했습니다."
    )


@require_POST
@role_required(*CASEWORK)
def correct(request: HttpRequest, pk: int, referral_id: int) -> HttpResponse:
    seeker = _seeker(request, pk, "알선 결과 정정")
    referral = get_object_or_404(Referral, pk=referral_id, seeker=seeker)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _invalid(request, seeker, form)
    d = form.cleaned_data
    return _done(
        request,
        seeker,
        lambda: referral_correct(
            referral=referral,
            to=d["to"],
            note=d["reason"],
            reason=d["not_hired_reason"],
            started_on=d["started_on"],
            actor=request.user,
        ),
        "결과를 정정했습니다. 취업·사후관리 기록도 그에 맞게 바뀌었습니다.",
    )


@require_POST
@role_required(*CASEWORK)
def undo(request: HttpRequest, pk: int, referral_id: int) -> HttpResponse:
    seeker = _seeker(request, pk, "알선 결과 되돌리기")
    referral = get_object_or_404(Referral, pk=referral_id, seeker=seeker)
    return _done(
        request, seeker, lambda: referral_undo(referral=referral, actor=request.user), "기록한 결과를 되돌렸습니다."
    )


@require_POST
@role_required(*CASEWORK)
def direct_placement(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = _seeker(request, pk, "자체 취업 기록")
    form = DirectPlacementForm(request.POST)
    if not form.is_valid():
        return _invalid(request, seeker, form)
    d = form.cleaned_data
    return _done(
        request,
        seeker,
        lambda: placement_record_direct(
            seeker=seeker, employer_name=d["employer_name"], started_on=d["started_on"], actor=request.user
        ),
        "자체 취업을 기록했습니다.",
    )


@require_POST
@role_required(*CASEWORK)
def follow_up(request: HttpRequest, pk: int, follow_up_id: int) -> HttpResponse:
    seeker = _seeker(request, pk, "사후관리 기록")
    item = get_object_or_404(FollowUp, pk=follow_up_id, placement__seeker=seeker)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return _invalid(request, seeker, form)
    d = form.cleaned_data
    return _done(
        request,
        seeker,
        lambda: follow_up_record(
            follow_up=item,
            still_employed=d["still_employed"],
            reason=d["reason"],
            actor=request.user,
            done_on=timezone.localdate(),
            version=d["version"],
        ),
        "사후관리를 기록했습니다.",
    )
