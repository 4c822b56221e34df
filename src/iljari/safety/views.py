"""Staff pages: report an abusive contact, the desk lead's response, caseloads and reassignment."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from iljari.accounts.models import Desk, User
from iljari.core.access import role_required
from iljari.core.errors import IljariError
from iljari.core.roles import Role
from iljari.employers.models import Employer
from iljari.reference.selectors import current_city
from iljari.safety.forms import IncidentForm, ReassignForm, ResponseForm
from iljari.safety.models import Measure
from iljari.safety.selectors import caseload, incident_read, incidents_visible_to, safety_figures, spread
from iljari.safety.services import incident_report, incident_respond, measure_end
from iljari.seekers.selectors import seeker_or_404, seekers_listed, seekers_visible_to, visible_desks
from iljari.seekers.services import seekers_reassign

# Everyone who meets the public may report a contact; caseloads are for those who balance them.
REPORTERS = (Role.COUNSELOR, Role.DESK_LEAD, Role.DISCOVERY, Role.EVENT_STAFF, Role.MANAGER)
LEADS = (Role.DESK_LEAD, Role.MANAGER)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@role_required(*REPORTERS)
def incident_new(request: HttpRequest) -> HttpResponse:
    """악성 민원 기록: from a seeker's or employer's page, or for an unknown caller."""
    seeker_id, employer_id = _int(request.GET.get("seeker")), _int(request.GET.get("employer"))
    seeker = seeker_or_404(user=request.user, seeker_id=seeker_id, purpose="악성 민원 기록") if seeker_id else None
    employer = get_object_or_404(Employer, pk=employer_id) if employer_id else None
    form = IncidentForm(
        request.POST or None,
        reporter=request.user,
        about_record=bool(seeker or employer),
        about_seeker=seeker is not None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            incident = incident_report(data=form.to_input(seeker=seeker, employer=employer), reporter=request.user)
        except IljariError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "기록했습니다. 창구 책임자에게 바로 알렸습니다.")
            return redirect("safety:incident", pk=incident.pk)
    context = {"form": form, "seeker": seeker, "employer": employer}
    return render(request, "safety/incident_new.html", context, status=400 if form.errors else 200)


@role_required(*REPORTERS)
def incident_list(request: HttpRequest) -> HttpResponse:
    incidents = list(incidents_visible_to(request.user).order_by("-occurred_at")[:100])
    return render(request, "safety/incidents.html", {"incidents": incidents})


@role_required(*REPORTERS)
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_read(user=request.user, incident_id=pk)
    if incident is None:
        raise Http404("기록을 찾을 수 없습니다.")
    can_respond = request.user.role == Role.MANAGER or (
        request.user.role == Role.DESK_LEAD and request.user.desk_id == incident.desk_id
    )
    form = ResponseForm(request.POST or None) if can_respond else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            incident_respond(
                incident=incident,
                actor=request.user,
                response=form.cleaned_data["response"],
                close=form.cleaned_data["close"],
            )
        except IljariError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "조치를 기록했습니다.")
            return redirect("safety:incident", pk=pk)
    context = {
        "incident": incident,
        "form": form,
        "support": current_city().staff_support if incident.reporter_id == request.user.pk else "",
        "measures": incident.measures.all(),
    }
    return render(request, "safety/incident.html", context, status=400 if form is not None and form.errors else 200)


@require_POST
@role_required(*LEADS)
def measure_lift(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.select_related("seeker", "employer"), pk=pk)
    if measure.seeker_id and not seekers_visible_to(request.user).filter(pk=measure.seeker_id).exists():
        raise Http404("조치를 찾을 수 없습니다.")
    try:
        measure_end(measure=measure, actor=request.user)
    except IljariError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"보호 조치({measure.get_kind_display()})를 해제했습니다.")
    if measure.seeker_id:
        return redirect("seekers:detail", pk=measure.seeker_id)
    return redirect("employers:detail", pk=measure.employer_id)


def _desk(request: HttpRequest) -> Desk | None:
    """The desk a lead works at; a manager picks one (``?desk=``), else sees every desk."""
    if request.user.role == Role.DESK_LEAD:
        return request.user.desk
    desk_id = _int(request.GET.get("desk"))
    return Desk.objects.filter(pk=desk_id).first() if desk_id else None


@role_required(*LEADS)
def caseload_page(request: HttpRequest) -> HttpResponse:
    """Each counselor's caseload and the desk's spread at a glance."""
    desk = _desk(request)
    loads = caseload(user=request.user, desk=desk)
    desks = Desk.objects.filter(staff__role=User.Role.COUNSELOR).distinct().order_by("kind", "name")
    context = {"loads": loads, "spread": spread(loads), "desk": desk, "desks": desks}
    return render(request, "safety/caseload.html", context)


@role_required(*LEADS)
def caseload_counselor(request: HttpRequest, user_id: int) -> HttpResponse:
    """One counselor's active seekers, to move some of them to a colleague with a reason."""
    desks = visible_desks(request.user)
    counselor = get_object_or_404(User, pk=user_id, role=User.Role.COUNSELOR)
    if desks is not None and counselor.desk_id not in desks:
        raise Http404("상담사를 찾을 수 없습니다.")
    seekers = list(
        seekers_visible_to(request.user).filter(counselor=counselor, status="active").order_by("-registered_on")[:300]
    )
    colleagues = User.objects.filter(role=User.Role.COUNSELOR, is_active=True).exclude(pk=counselor.pk)
    if desks is not None:
        colleagues = colleagues.filter(desk_id__in=desks)
    form = ReassignForm(request.POST or None, counselors=colleagues.select_related("desk"))
    if request.method == "POST" and form.is_valid():
        chosen = [s for s in seekers if str(s.pk) in request.POST.getlist("seeker")]
        if not chosen:
            form.add_error(None, "옮길 구직자를 골라 주십시오.")
        else:
            try:
                moved = seekers_reassign(
                    seekers=chosen, to=form.cleaned_data["to"], actor=request.user, reason=form.cleaned_data["reason"]
                )
            except IljariError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"구직자 {moved}명의 담당을 {form.cleaned_data['to']}(으)로 옮겼습니다.")
                return redirect("safety:caseload_counselor", user_id=counselor.pk)
    seekers_listed(user=request.user, seekers=seekers, purpose="담당 구직자 조정")
    context = {"counselor": counselor, "seekers": seekers, "form": form, "chosen": set(request.POST.getlist("seeker"))}
    return render(request, "safety/caseload_counselor.html", context, status=400 if form.errors else 200)


@role_required(Role.MANAGER)
def report(request: HttpRequest) -> HttpResponse:
    """Incidents and caseload balance for the center, with no counselor named in any figure."""
    today = timezone.localdate()
    start = date(today.year, 1, 1)
    return render(
        request, "safety/report.html", {"figures": safety_figures(start=start, end=today), "start": start, "end": today}
    )
