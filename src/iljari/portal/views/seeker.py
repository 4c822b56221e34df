"""A signed-in seeker's own pages: their job search (matches and applications), profile and consents."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iljari.core.errors import IljariError, StaleRecord
from iljari.events.tickets import qr_svg
from iljari.matching.catalogue import guess_occupations
from iljari.matching.models import OccupationCorrection
from iljari.matching.services import record_correction
from iljari.notify.services import OPTIONAL, opt_outs
from iljari.portal.cards import occupation_words, vacancy_card
from iljari.portal.consents import BY_PURPOSE, TEXTS
from iljari.portal.download import my_data_workbook
from iljari.portal.errors import said
from iljari.portal.forms import (
    ApplyForm,
    ConsentsForm,
    DeleteForm,
    EventSignUpForm,
    NotificationsForm,
    ProfileForm,
    ProgramApplyForm,
    profile_initial,
)
from iljari.portal.models import PortalRequest, SeekerAccount
from iljari.portal.programs import STEPS as PROGRAM_STEPS
from iljari.portal.programs import check_words
from iljari.portal.selectors import (
    event_public,
    events_for_seeker,
    my_applications,
    my_matches,
    my_program_application,
    my_program_applications,
    own_record,
    program_to_apply,
    programs_for_me,
    vacancy_public,
)
from iljari.portal.services import (
    account_delete,
    consents_answer,
    event_sign_up,
    notifications_choose,
    profile_update,
    program_apply,
    program_withdraw,
    referral_ask,
    request_withdraw,
)
from iljari.portal.session import seeker_required, sign_out
from iljari.portal.words import STEPS
from iljari.privacy.models import Consent
from iljari.privacy.selectors import consents_in_force
from iljari.reference.models import Licence, Occupation


@seeker_required
def me(request: HttpRequest) -> HttpResponse:
    seeker = own_record(seeker_id=request.seeker.pk)
    matches, near = (
        my_matches(seeker=seeker) if seeker.desired_job_text or seeker.desired_occupations.exists() else ([], [])
    )
    applications = my_applications(seeker=seeker)
    context = {
        "seeker": seeker,
        "applications": applications,
        "asked": {a.vacancy.pk for a in applications if a.vacancy and not a.outcome},  # no second 알선 신청
        "programs": my_program_applications(seeker=seeker),
        "program_steps": PROGRAM_STEPS,
        "matches": matches,
        "near": near,
        "steps": STEPS,
        "section": "me",
    }
    return render(request, "portal/me.html", context)


def _guesses(text: str) -> list[tuple[str, object]]:
    """The occupations the words typed were read as, for the seeker to confirm (best first)."""
    found = next(iter(guess_occupations([text]).values()), []) if text.strip() else []
    occupations = Occupation.objects.in_bulk([pk for pk, _ in found])
    return [(str(pk), occupation_words(occupations[pk]).html) for pk, _ in found if pk in occupations]


@seeker_required
def profile(request: HttpRequest) -> HttpResponse:
    """The profile in the seeker's own words. New words for the work wanted are first shown as the
    occupations they were read as, for the seeker to confirm; nothing typed is lost meanwhile."""
    seeker = own_record(seeker_id=request.seeker.pk)
    posted = request.method == "POST"
    typed = request.POST.get("desired_job_text", "") if posted else seeker.desired_job_text
    guesses = _guesses(typed)
    version = request.POST.get("version", seeker.version) if posted else seeker.version
    context = {"seeker": seeker, "guessed_for": typed, "version": version, "section": "me"}
    if posted and typed.strip() != request.POST.get("guessed_for", "").strip():
        data = request.POST.copy()
        data["occupation"] = guesses[0][0] if guesses else ""
        form = ProfileForm(data, guesses=guesses)
        form.is_valid()  # the other fields' mistakes are shown at once too
        return render(request, "portal/profile.html", {**context, "form": form, "checking": True})
    answered = SeekerAccount.objects.filter(seeker=seeker, profile_saved_at__isnull=False).exists()
    initial = profile_initial(seeker, answered=answered)
    if not initial["occupation"] and guesses:
        initial["occupation"] = guesses[0][0]
    form = ProfileForm(request.POST if posted else None, initial=initial, guesses=guesses)
    if posted and form.is_valid():
        d = form.cleaned_data
        words = [w.strip() for w in d["licences"].split(",") if w.strip()]
        known = list(Licence.objects.filter(name__in=words))
        unknown = sorted(set(words) - {lic.name for lic in known})
        before = (seeker.desired_job_text, [o.pk for o in seeker.desired_occupations.all()])
        try:
            profile_update(
                seeker=seeker,
                version=int(request.POST.get("version") or 0),
                changes={
                    "desired_job_text": d["desired_job_text"].strip(),
                    "home_dong": d["home_dong"],
                    "reservation_wage": d["reservation_wage"],
                    "work_hours": d["work_hours"],
                    "shifts": d["shifts"],
                    "employment_type": d["employment_type"],
                    "korean_level": d["korean_level"],
                    "visa_type": d["visa_type"],
                    "experience_years": d["experience_years"],
                    "licences": known,
                    "desired_occupations": list(Occupation.objects.filter(pk=d["occupation"]))
                    if d["occupation"]
                    else [],
                },
            )
        except StaleRecord as exc:
            form.add_error(None, said(exc))
            context["version"] = exc.current.version
            return render(request, "portal/profile.html", {**context, "form": form}, status=409)
        if d["occupation"] and before != (d["desired_job_text"].strip(), [int(d["occupation"])]):
            record_correction(
                text=d["desired_job_text"],
                occupation=Occupation.objects.get(pk=d["occupation"]),
                source=OccupationCorrection.Source.PORTAL,
                actor=f"구직자 #{seeker.pk}",
                guessed=Occupation.objects.filter(pk=guesses[0][0]).first() if guesses else None,
                language=request.LANGUAGE_CODE.split("-")[0],
            )
        if unknown:
            messages.warning(
                request,
                _("이 자격증은 목록에서 찾지 못해 상담사가 확인합니다: %(names)s") % {"names": ", ".join(unknown)},
            )
        messages.success(request, _("저장했습니다."))
        return redirect("public:me")
    return render(request, "portal/profile.html", {**context, "form": form}, status=400 if form.errors else 200)


@seeker_required
def consents(request: HttpRequest) -> HttpResponse:
    seeker = request.seeker
    now = consents_in_force(seeker=seeker, purposes=[t.purpose for t in TEXTS])
    form = ConsentsForm(
        request.POST if request.method == "POST" else None, initial={p: "yes" if v else "no" for p, v in now.items()}
    )
    if request.method == "POST" and form.is_valid():
        answers = dict(form.cleaned_data)
        if not answers[Consent.Purpose.EMPLOYMENT_SERVICES] and now[Consent.Purpose.EMPLOYMENT_SERVICES]:
            messages.warning(
                request,
                _(
                    "구직 알선 동의를 거두셨습니다. 새 알선 신청은 하실 수 없고, 진행 중인 알선은 상담사가 연락드립니다."
                ),
            )
        consents_answer(seeker=seeker, answers=answers)
        messages.success(request, _("동의 내용을 저장했습니다."))
        return redirect("public:consents")
    texts = [(t, form[t.purpose]) for t in TEXTS]
    return render(
        request,
        "portal/consents.html",
        {"form": form, "texts": texts, "section": "me"},
        status=400 if form.errors else 200,
    )


@seeker_required
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """알선 신청 for one open vacancy, with an optional word for the counselor."""
    found = vacancy_public(vacancy_id=pk)
    if found is None:
        raise Http404(_("모집이 끝났거나 없는 일자리입니다."))
    form = ApplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            referral_ask(seeker=request.seeker, vacancy=found, message=form.cleaned_data["message"])
        except IljariError as exc:
            form.add_error(None, said(exc))
        else:
            messages.success(request, _("알선을 신청했습니다. 상담사가 확인하면 문자로 알려 드립니다."))
            return redirect("public:me")
    return render(
        request,
        "portal/apply.html",
        {"form": form, "card": vacancy_card(found), "section": "me"},
        status=400 if form.errors else 200,
    )


def _own_request(request: HttpRequest, pk: int) -> PortalRequest:
    return get_object_or_404(PortalRequest, pk=pk, seeker=request.seeker)


@require_POST
@seeker_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        request_withdraw(request=_own_request(request, pk), seeker=request.seeker)
    except IljariError as exc:
        messages.error(request, said(exc))
    else:
        messages.success(request, _("신청을 취소했습니다."))
    return redirect("public:me")


@seeker_required
def delete(request: HttpRequest) -> HttpResponse:
    """The seeker deletes their account and personal data (the erase service), after confirming."""
    form = DeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        account_delete(seeker=request.seeker)
        sign_out(request)
        messages.success(request, _("계정과 개인정보를 지웠습니다. 그동안 이용해 주셔서 감사합니다."))
        return redirect("public:home")
    return render(request, "portal/delete.html", {"form": form, "section": "me"}, status=400 if form.errors else 200)


@seeker_required
def notifications(request: HttpRequest) -> HttpResponse:
    """받을 알림 선택: which text messages the seeker gets; the sender respects it for every sender."""
    seeker = own_record(seeker_id=request.seeker.pk, purpose="받을 알림 선택(포털)")
    off = opt_outs(phone=seeker.phone) if seeker.phone else set()
    form = NotificationsForm(
        request.POST if request.method == "POST" else None, initial={kind: kind not in off for kind in OPTIONAL}
    )
    if request.method == "POST" and form.is_valid():
        notifications_choose(seeker=seeker, receive=form.cleaned_data)
        messages.success(request, _("알림 설정을 저장했습니다."))
        return redirect("public:notifications")
    return render(request, "portal/notifications.html", {"form": form, "section": "me"})


@seeker_required
def download(request: HttpRequest) -> HttpResponse:
    """내 정보 내려받기: everything iljari holds about the seeker, as an xlsx in their language."""
    response = HttpResponse(
        my_data_workbook(seeker_id=request.seeker.pk),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="iljari-my-data-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@seeker_required
def events(request: HttpRequest) -> HttpResponse:
    """채용행사: the events taking sign-ups, and the seeker's tickets."""
    shown = []
    for event, registration in events_for_seeker(seeker=request.seeker):
        qr = ""
        if registration is not None:
            url = request.build_absolute_uri(reverse("portal:ticket", args=[registration.ticket]))
            qr = mark_safe(qr_svg(url, scale=5, title=_("참가권 QR 코드")))  # segno's own SVG, no user text
        shown.append((event, registration, qr))
    return render(request, "portal/events.html", {"events": shown, "section": "me"})


@seeker_required
def event_sign_up_page(request: HttpRequest, pk: int) -> HttpResponse:
    """참가 신청 for one event, after the seeker reads and accepts the 채용행사 consent."""
    event = event_public(event_id=pk)
    if event is None:
        raise Http404(_("신청을 받지 않는 행사입니다."))
    form = EventSignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = event_sign_up(
                seeker=own_record(seeker_id=request.seeker.pk, purpose="채용행사 신청(포털)"), event=event
            )
        except IljariError as exc:
            form.add_error(None, said(exc))
        else:
            messages.success(request, _("참가 신청을 마쳤습니다. 행사 날 입구에서 참가권의 QR 코드를 보여 주십시오."))
            return redirect(f"{reverse('public:events')}#ticket-{registration.ticket}")
    context = {"form": form, "event": event, "consent": BY_PURPOSE[Consent.Purpose.EVENTS], "section": "me"}
    return render(request, "portal/event_sign_up.html", context, status=400 if form.errors else 200)


@seeker_required
def programs(request: HttpRequest) -> HttpResponse:
    """교육·일자리 사업: the programs taking applications, those that would fit the seeker for more
    open vacancies first, each with its rules checked for them in their language."""
    seeker = own_record(seeker_id=request.seeker.pk, purpose="교육·일자리 사업 추천(포털)")
    return render(request, "portal/programs.html", {"cards": programs_for_me(seeker=seeker), "section": "me"})


@seeker_required
def program_apply_page(request: HttpRequest, pk: int) -> HttpResponse:
    """참여 신청 for one program: its rules checked, what they ask declared, the 교육·일자리 사업 consent
    read and accepted, then the programs' own enrollment service; a refusal names each rule not met."""
    seeker = own_record(seeker_id=request.seeker.pk, purpose="교육·일자리 사업 참여 신청(포털)")
    card = program_to_apply(seeker=seeker, program_id=pk)
    if card is None:
        raise Http404(_("지금 신청을 받지 않는 사업입니다."))
    program = card.program
    form = ProgramApplyForm(
        request.POST if request.method == "POST" and not card.applied else None,
        asks_income=program.income_max_percent is not None,
        asks_household=bool(
            program.program_type_id and program.program_type.criteria.filter(rule="single_household").exists()
        ),
    )
    refusal, failing = "", []
    if request.method == "POST" and card.applied:
        messages.info(request, said(IljariError("", code="already_enrolled")))
        return redirect("public:me")
    if form.is_bound and form.is_valid():
        card = program_to_apply(seeker=seeker, program_id=pk, declared=form.declared()) or card
        try:
            program_apply(seeker=seeker, program=program, declared=form.declared())
        except IljariError as exc:
            if exc.code == "ineligible":  # said once, at the top, with each rule not met
                refusal, failing = said(exc), [check_words(c, program) for c in exc.params["failing"]]
            else:
                form.add_error(None, said(exc))
        else:
            messages.success(request, _("참여 신청을 마쳤습니다. 선발 결과는 '나의 구직'에서 보실 수 있습니다."))
            return redirect(f"{reverse('public:me')}#programs")
    context = {
        "card": card,
        "form": form,
        "refusal": refusal,
        "failing": failing,
        "consent": BY_PURPOSE[Consent.Purpose.PROGRAMS],
        "section": "me",
    }
    return render(request, "portal/program_apply.html", context, status=400 if form.errors or refusal else 200)


@require_POST
@seeker_required
def program_withdraw_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The seeker takes back a program application not yet decided (선발 전)."""
    enrollment = my_program_application(seeker=request.seeker, enrollment_id=pk)
    if enrollment is None:
        raise Http404(_("신청을 찾을 수 없습니다."))
    try:
        program_withdraw(seeker=request.seeker, enrollment=enrollment)
    except IljariError as exc:
        messages.error(request, said(exc))
    else:
        messages.success(request, _("사업 참여 신청을 취소했습니다."))
    return redirect(f"{reverse('public:me')}#programs")
