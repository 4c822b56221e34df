"""Staff pages for hiring events: set-up, registrations, the timetable, the day itself, the report."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from iljari.core.access import CASEWORK, EVENT_DAY, EVENT_SETUP, EVENT_VIEW, has_role, role_required
from iljari.core.confirmation import ConfirmationNeeded, confirmation_page, confirmed
from iljari.core.errors import IljariError
from iljari.core.pages import XLSX, attachment
from iljari.core.spreadsheets import workbook_bytes
from iljari.core.submissions import posted_key, submitted_once
from iljari.events.forms import (
    BoothForm,
    EventForm,
    RegistrationForm,
    ResultForm,
    SelfRegistrationForm,
    TicketForm,
    open_vacancies_of,
)
from iljari.events.models import Booth, HiringEvent, Interview, Registration
from iljari.events.prematching import prematch
from iljari.events.report import BOOTH_METRICS, PEOPLE_METRICS, SUMMARY, booth_totals, event_report, event_workbook
from iljari.events.results import interview_record, interview_undo, interview_undoable
from iljari.events.selectors import (
    booth_day,
    booths_of,
    door_result,
    event_counts,
    event_day,
    event_or_404,
    event_registrations,
    event_works,
    events_listed,
    events_worked_by,
    timetable_grid,
)
from iljari.events.services import (
    booth_add,
    check_in,
    event_create,
    no_shows_mark_late,
    registration_create,
    registration_mark_no_show,
    registration_self,
)
from iljari.events.tickets import decode_qr, qr_svg
from iljari.events.timetable import repair_if_running, schedule_build, schedule_repair
from iljari.referrals.models import Referral
from iljari.referrals.services import UNDO_MINUTES
from iljari.seekers.selectors import seeker_or_404

PAGE_SIZE = 50
MAX_FRAME_BYTES = 2_000_000


def _event(request: HttpRequest, pk: int) -> HiringEvent:
    """An event the user works (404 for another desk's): every page but the list and the booths."""
    return event_or_404(user=request.user, event_id=pk)


def _attempt(request: HttpRequest, action: object, success: str) -> object | None:
    """Run a service; show its Korean error, or the success message. Returns the result or None."""
    try:
        result = action()
    except IljariError as exc:
        messages.error(request, exc.message)
        return None
    messages.success(request, success)
    return result


def _repaired(request: HttpRequest, event: HiringEvent) -> None:
    """Repair the timetable on the day and say what it did."""
    try:
        summary = repair_if_running(event=event, actor=request.user)
    except IljariError as exc:
        messages.error(request, exc.message)
        return
    if summary and summary["added"]:
        messages.info(request, f"시간표를 보완했습니다: 면접 {summary['added']}건을 새로 배정했습니다.")


@role_required(*EVENT_VIEW)
def event_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = events_listed()
    context = {
        "upcoming": upcoming,
        "past": past,
        "can_create": has_role(request.user, EVENT_SETUP),
        "worked": set(events_worked_by(request.user).values_list("pk", flat=True))
        if has_role(request.user, EVENT_DAY)
        else set(),
    }
    return render(request, "events/list.html", context)


@role_required(*EVENT_SETUP)
def event_new(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None, initial={"desk": request.user.desk}, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_create(data=form.to_input(), actor=request.user)
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, "채용행사를 등록했습니다. 부스를 등록해 주십시오.")
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/new.html", {"form": form}, status=400 if form.errors else 200)


def _detail(request: HttpRequest, event: HiringEvent, booth_form: BoothForm | None = None) -> HttpResponse:
    works = has_role(request.user, EVENT_DAY) and event_works(user=request.user, event=event)
    setup = works and has_role(request.user, EVENT_SETUP)
    context = {
        "event": event,
        "counts": event_counts(event),
        "booths": booths_of(event),
        "works": works,
        "setup": setup,
        "booth_form": booth_form or (BoothForm() if setup else None),
        "summary": event.schedule_summary,
    }
    return render(request, "events/detail.html", context, status=400 if booth_form and booth_form.errors else 200)


@role_required(*EVENT_VIEW)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Any event's booths and counts, no personal data; its working pages are linked for its staff."""
    return _detail(request, get_object_or_404(HiringEvent, pk=pk))


@require_POST
@role_required(*EVENT_SETUP)
def booth_new(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = BoothForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            booth_add(
                event=event,
                employer=d["employer"],
                vacancies=list(d["vacancies"]),
                label=d["label"],
                interviewers=d["interviewers"],
                interview_minutes=d["interview_minutes"],
                actor=request.user,
            )
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, f"{d['employer'].name} 부스를 등록했습니다.")
            return redirect("events:detail", pk=event.pk)
    return _detail(request, event, form)


@role_required(*EVENT_SETUP)
def booth_vacancies(request: HttpRequest, pk: int) -> HttpResponse:
    """The open vacancies of the employer just chosen in the booth form."""
    _event(request, pk)
    employer = request.GET.get("employer", "")
    vacancies = open_vacancies_of(int(employer)) if employer.isdigit() else []
    return render(request, "events/_booth_vacancies.html", {"vacancies": vacancies})


@role_required(*EVENT_DAY)
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    ticket = request.GET.get("ticket", "")
    page = event_registrations(
        user=request.user, event=event, ticket=ticket, page=request.GET.get("page"), per_page=PAGE_SIZE
    )
    return render(request, "events/registrations.html", {"event": event, "page": page, "ticket": ticket})


@role_required(*CASEWORK)
def register_seeker(request: HttpRequest, pk: int, seeker_id: int) -> HttpResponse:
    """A counselor registers one of their seekers for any event, with the booths the seeker chose."""
    event = get_object_or_404(HiringEvent, pk=pk)
    seeker = seeker_or_404(user=request.user, seeker_id=seeker_id, purpose="채용행사 참가 신청")
    form = RegistrationForm(request.POST or None)
    form.set_event(event)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            registration = registration_create(
                event=event,
                seeker=seeker,
                source=Registration.Source.COUNSELOR,
                actor=request.user,
                picks=list(d["picks"]),
                share_profile=d["share_profile"],
                available_from=d["available_from"],
                available_until=d["available_until"],
            )
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, f"참가 신청했습니다. 참가권 번호: {registration.ticket}")
            return redirect("seekers:detail", pk=seeker.pk)
    context = {"event": event, "seeker": seeker, "form": form}
    return render(request, "events/register.html", context, status=400 if form.errors else 200)


@require_POST
@role_required(*EVENT_SETUP)
def prematch_run(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    pairs = _attempt(request, lambda: prematch(event=event), "사전 매칭을 마쳤습니다.")
    if pairs is not None:
        messages.info(request, f"구직자-부스 매칭 {pairs:,}건")
    return redirect("events:registrations", pk=event.pk)


@require_POST
@role_required(*EVENT_SETUP)
def schedule_run(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    _attempt(request, lambda: schedule_build(event=event, actor=request.user), "면접 시간표를 만들었습니다.")
    return redirect("events:timetable", pk=event.pk)


@role_required(*EVENT_DAY)
def timetable(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    slots, rows = timetable_grid(user=request.user, event=event)
    return render(
        request,
        "events/timetable.html",
        {"event": event, "slots": slots, "rows": rows, "summary": event.schedule_summary},
    )


def _checkin_result(request: HttpRequest, event: HiringEvent, text: str) -> HttpResponse:
    try:
        registration, again = check_in(event=event, text=text, actor=request.user)
    except IljariError as exc:
        return render(request, "events/_checkin_result.html", {"error": exc.message}, status=200)
    context = {
        "registration": registration,
        "again": again,
        "interviews": door_result(user=request.user, registration=registration),
    }
    return render(request, "events/_checkin_result.html", context)


@role_required(*EVENT_DAY)
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """입장 확인 on a phone: the camera reads the QR ticket, or the code is typed."""
    event = _event(request, pk)
    form = TicketForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = _checkin_result(request, event, form.cleaned_data["ticket"])
        if request.htmx:
            return result
    context = {"event": event, "form": TicketForm(), "result": result.content.decode() if result else ""}
    return render(request, "events/checkin.html", context)


@require_POST
@role_required(*EVENT_DAY)
def checkin_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """One camera frame from the check-in page: 204 while no QR code is in view."""
    event = _event(request, pk)
    if not request.body or len(request.body) > MAX_FRAME_BYTES:
        return HttpResponse("카메라 화면을 받지 못했습니다.", status=400, content_type="text/plain; charset=utf-8")
    texts = decode_qr(request.body)
    if not texts:
        return HttpResponse(status=204)
    return _checkin_result(request, event, texts[0])


@role_required(*EVENT_DAY)
def day_board(request: HttpRequest, pk: int) -> HttpResponse:
    """현장 운영: who has not arrived, who is waiting, the repair button, walk-ins."""
    event = _event(request, pk)
    context = {
        "event": event,
        "counts": event_counts(event),
        **event_day(user=request.user, event=event),
        "summary": event.schedule_summary.get("repair"),
        "now": timezone.now(),
    }
    return render(request, "events/day.html", context)


@require_POST
@role_required(*EVENT_DAY)
def no_show(request: HttpRequest, pk: int, registration_id: int) -> HttpResponse:
    event = _event(request, pk)
    registration = get_object_or_404(Registration, pk=registration_id, event=event)
    freed = _attempt(
        request, lambda: registration_mark_no_show(registration=registration, actor=request.user), "불참 처리했습니다."
    )
    if freed:
        _repaired(request, event)
    return redirect("events:day", pk=event.pk)


@require_POST
@role_required(*EVENT_DAY)
def late_no_shows(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    count = _attempt(request, lambda: no_shows_mark_late(event=event, actor=request.user), "미입장자를 정리했습니다.")
    if count:
        messages.info(request, f"첫 면접 시각이 10분 넘게 지난 미입장자 {count}명을 불참 처리했습니다.")
        _repaired(request, event)
    return redirect("events:day", pk=event.pk)


@require_POST
@role_required(*EVENT_DAY)
def repair(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    summary = _attempt(
        request, lambda: schedule_repair(event=event, actor=request.user), "남은 시간대의 시간표를 보완했습니다."
    )
    if summary is not None:
        messages.info(request, f"새로 배정한 면접 {summary['added']}건 · 아직 면접이 없는 사람 {summary['waiting']}명")
    return redirect("events:day", pk=event.pk)


@role_required(*EVENT_DAY)
def walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    """현장 접수: the same short form as the poster's, filled in at the door."""
    event = _event(request, pk)
    form = SelfRegistrationForm(request.POST or None)
    form.set_event(event)
    if request.method == "POST" and form.is_valid():
        try:
            registration = registration_self(
                event=event, data=form.to_input(), source=Registration.Source.WALK_IN, actor=request.user
            )
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, f"현장 접수했습니다. 참가권 번호: {registration.ticket}")
            _repaired(request, event)
            return redirect("portal:ticket", ticket=registration.ticket)
    context = {"event": event, "form": form, "walk_in": True}
    return render(request, "events/self_register.html", context, status=400 if form.errors else 200)


@role_required(*EVENT_DAY)
def booth_page(request: HttpRequest, pk: int, booth_id: int) -> HttpResponse:
    """A booth's phone page: who comes when, and one tap for each result."""
    event = _event(request, pk)
    booth = get_object_or_404(Booth.objects.select_related("employer", "event"), pk=booth_id, event=event)
    interviews = booth_day(user=request.user, booth=booth)
    for i in interviews:
        i.undoable = interview_undoable(interview=i, user=request.user)
    context = {
        "event": event,
        "booth": booth,
        "interviews": interviews,
        "reasons": Referral.Reason.choices,
        "undo_minutes": UNDO_MINUTES,
    }
    return render(request, "events/booth.html", context)


@require_POST
@role_required(*EVENT_DAY)
def booth_result(request: HttpRequest, pk: int, booth_id: int, interview_id: int) -> HttpResponse:
    event = _event(request, pk)
    interview = get_object_or_404(Interview, pk=interview_id, booth_id=booth_id, booth__event=event)
    back = reverse("events:booth", args=[event.pk, booth_id]) + f"#i{interview.pk}"
    form = ResultForm(request.POST)
    if not form.is_valid():
        messages.error(request, "면접 결과를 골라 주십시오.")
    else:
        d = form.cleaned_data
        label = dict(form.fields["result"].choices)[d["result"]]
        try:
            done = submitted_once(
                key=posted_key(request),
                scope="events:booth_result",
                actor=request.user,
                action=lambda: interview_record(
                    interview=interview,
                    result=d["result"],
                    reason=d["reason"],
                    actor=request.user,
                    second_job=confirmed(request),
                ),
            )
        except ConfirmationNeeded as asked:
            return confirmation_page(request, asked=asked, back=back)
        except IljariError as exc:
            messages.error(request, exc.message)
        else:
            said = f"{timezone.localtime(interview.starts_at):%H:%M} 면접 결과를 '{label}'(으)로 기록했습니다."
            messages.success(request, f"{said} (두 번 누르셔서 한 번만 기록했습니다.)" if done.repeated else said)
    return redirect(back)


@require_POST
@role_required(*EVENT_DAY)
def booth_undo(request: HttpRequest, pk: int, booth_id: int, interview_id: int) -> HttpResponse:
    event = _event(request, pk)
    interview = get_object_or_404(Interview, pk=interview_id, booth_id=booth_id, booth__event=event)
    _attempt(
        request,
        lambda: interview_undo(interview=interview, actor=request.user),
        f"{timezone.localtime(interview.starts_at):%H:%M} 면접 결과를 되돌렸습니다. 다시 기록해 주십시오.",
    )
    return redirect(reverse("events:booth", args=[event.pk, booth_id]) + f"#i{interview.pk}")


@role_required(*EVENT_DAY)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    figures = event_report(event)
    context = {
        "event": event,
        "report": figures,
        "summary_rows": [(label, figures.total.get(key, 0)) for key, label in SUMMARY],
        "booth_metrics": BOOTH_METRICS,
        "people_metrics": PEOPLE_METRICS,
        "booth_total": booth_totals(figures),
    }
    return render(request, "events/report.html", context)


@role_required(*EVENT_DAY)
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    name = f"iljari-event-{event.date:%Y%m%d}-{event.pk}.xlsx"
    return attachment(workbook_bytes(event_workbook(event_report(event))), name, XLSX)


@role_required(*EVENT_SETUP)
def poster(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable poster: its QR code opens the self-registration form on a phone."""
    event = _event(request, pk)
    url = request.build_absolute_uri(reverse("portal:register", args=[event.public_code]))
    return render(request, "events/poster.html", {"event": event, "url": url, "qr": qr_svg(url, scale=10)})
