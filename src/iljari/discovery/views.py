"""The discovery team's pages: find a company, log the visit on a phone, turn the note into a
구인표, plan the day's visits, merge duplicates, and the team's numbers."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from iljari.accounts.models import Desk, User
from iljari.core.access import DISCOVERY_WORK, role_required
from iljari.core.charts import dong_map
from iljari.core.errors import IljariError
from iljari.core.pages import XLSX, attachment, field_validation
from iljari.core.spreadsheets import metric_sheet, workbook_bytes
from iljari.discovery.duplicates import duplicate_pairs
from iljari.discovery.forms import CompanySearchForm, VisitForm, vacancy_initial
from iljari.discovery.likely import likely_scores
from iljari.discovery.models import Visit
from iljari.discovery.routing import Stop, plan_route
from iljari.discovery.selectors import GROUPS, companies_found, follow_ups_due, team_stats
from iljari.discovery.services import VisitInput, employers_merge, vacancy_from_visit, visit_log
from iljari.discovery.vocabulary import note_parser
from iljari.employers.models import Employer
from iljari.reference.models import Dong
from iljari.reference.selectors import dong_areas
from iljari.vacancies.forms import VacancyForm
from iljari.vacancies.models import Vacancy

ROUTE_MAX = 12


@role_required(*DISCOVERY_WORK)
def home(request: HttpRequest) -> HttpResponse:
    """현장 발굴: find the company to visit, follow-ups due, my recent visits."""
    form = CompanySearchForm(request.GET or None)
    companies = []
    if form.is_valid():
        dong = form.cleaned_data["dong"]
        companies = companies_found(q=form.cleaned_data["q"], dong_id=dong.pk if dong else None)
    if request.htmx and request.GET:
        return render(request, "discovery/_companies.html", {"companies": companies, "searched": True})
    context = {
        "form": form,
        "companies": companies,
        "searched": bool(request.GET),
        "due": follow_ups_due(user_id=request.user.pk, on=timezone.localdate()),
        "recent": Visit.objects.filter(staff=request.user).select_related("employer", "vacancy")[:10],
        "dong_points": list(Dong.objects.values("pk", "lat", "lon")),
    }
    return render(request, "discovery/home.html", context)


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


def _team_of(user: User) -> str:
    last = Visit.objects.filter(staff=user).values_list("team", flat=True).first()
    return last or Visit.Team.SMART_HUB


@role_required(*DISCOVERY_WORK)
def visit_new(request: HttpRequest) -> HttpResponse:
    """The phone form: the visit, and the note read into a 구인표 draft as it is typed."""
    employer = Employer.objects.filter(pk=_int(request.POST.get("employer") or request.GET.get("employer"))).first()
    if employer is None:
        messages.info(request, "방문할 업체를 먼저 찾아 주십시오.")
        return redirect("discovery:home")
    form = VisitForm(request.POST or None, initial={"employer": employer.pk, "team": _team_of(request.user)})
    form.enable_live_validation(reverse("discovery:visit_validate"))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            visit, created = visit_log(
                data=VisitInput(
                    employer=employer,
                    staff=request.user,
                    team=d["team"],
                    visited_on=d["visited_on"],
                    note=d["note"],
                    met_person=d["met_person"],
                    hiring_plan=d["hiring_plan"],
                    follow_up_on=d["follow_up_on"],
                    client_key=d["client_key"],
                ),
                actor=request.user,
            )
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            if created:
                messages.success(request, "방문 기록을 저장했습니다.")
            if d["make_vacancy"] and not visit.vacancy_id:
                return redirect("discovery:vacancy", pk=visit.pk)
            return redirect(f"{reverse('discovery:home')}#visit-{visit.pk}")
    draft = note_parser().parse(form["note"].value() or "") if (form["note"].value() or "").strip() else None
    return render(request, "discovery/visit_new.html", {"form": form, "employer": employer, "draft": draft})


@require_POST
@role_required(*DISCOVERY_WORK)
def visit_validate(request: HttpRequest) -> HttpResponse:
    return field_validation(request, VisitForm(request.POST))


@require_POST
@role_required(*DISCOVERY_WORK)
def note_preview(request: HttpRequest) -> HttpResponse:
    """The draft a note reads as, with the words each field came from (HTMX, as the note is typed)."""
    note = request.POST.get("note", "")
    draft = note_parser().parse(note) if note.strip() else None
    return render(request, "discovery/_draft.html", {"draft": draft})


@role_required(*DISCOVERY_WORK)
def visit_vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm or correct the draft; what is saved is an ordinary 구인표 found in the field."""
    visit = get_object_or_404(Visit.objects.select_related("employer"), pk=pk)
    if visit.vacancy_id:
        return redirect("vacancies:detail", pk=visit.vacancy_id)
    draft = note_parser().parse(visit.note)
    form = VacancyForm(request.POST or None, initial=vacancy_initial(draft, visit.employer))
    form.enable_live_validation(reverse("vacancies:validate"))
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = vacancy_from_visit(
                visit=visit,
                data=form.to_input(),
                actor=request.user,
                job_words=draft.occupation["label"] if draft.occupation else "",
                read_as=draft.occupation["title"] if draft.occupation else "",
            )
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, "현장에서 발굴한 구인표를 등록했습니다.")
            return redirect("vacancies:detail", pk=vacancy.pk)
    return render(request, "discovery/vacancy.html", {"form": form, "visit": visit, "draft": draft})


def _start_stop(user: User) -> Stop:
    """Where the day starts: the member's desk (its 동), else city hall's."""
    desk = user.desk or Desk.objects.filter(code="cityhall").first()
    dong = desk.dong if desk and desk.dong else Dong.objects.order_by("code").first()
    return Stop(0, desk.name if desk else "출발지", dong.lat, dong.lon)


@role_required(*DISCOVERY_WORK)
def plan(request: HttpRequest) -> HttpResponse:
    """방문 계획: 동 shaded by likely hiring or by time since the last visit; a day's route."""
    today = timezone.localdate()
    scores = likely_scores()
    shade = request.GET.get("shade", "likely")
    dong_id = request.GET.get("dong") or ""
    employers = Employer.objects.select_related("dong").filter(dong__isnull=False)
    last_visit = dict(
        Visit.objects.order_by()
        .values("employer_id")
        .annotate(last=Max("visited_on"))
        .values_list("employer_id", "last")
    )
    rows = []
    for e in employers:
        likely = scores.get(e.pk)
        last = last_visit.get(e.pk)
        days = (today - last).days if last else None
        rows.append({"employer": e, "likely": likely, "last_visit": last, "days": days})
    values: dict[str, list[float]] = {}
    for r in rows:
        value = (r["likely"].probability * 100 if r["likely"] else 0) if shade == "likely" else (r["days"] or 365)
        values.setdefault(r["employer"].dong.name, []).append(value)
    averaged = {name: round(sum(v) / len(v), 1) for name, v in values.items()}
    title = "90일 안 구인 가능성 평균(%)" if shade == "likely" else "마지막 방문 후 일수(평균)"

    def priority(r: dict) -> float:
        p = r["likely"].probability if r["likely"] else 0.0
        staleness = min(1.0, (r["days"] if r["days"] is not None else 365) / 180)
        return p * (0.5 + 0.5 * staleness)

    # Companies with an open 구인표 are already known to the center; a visit finds the others.
    show_all = request.GET.get("all") == "1"
    hiring_now = set(Vacancy.objects.filter(status=Vacancy.Status.OPEN).values_list("employer_id", flat=True))
    listed = [
        r
        for r in rows
        if (not dong_id or str(r["employer"].dong_id) == dong_id) and (show_all or r["employer"].pk not in hiring_now)
    ]
    listed.sort(key=priority, reverse=True)
    route, chosen, drawn = [], request.GET.getlist("stop"), []
    if chosen:
        picked = [e for e in employers.filter(pk__in=chosen[:ROUTE_MAX]) if e.lat is not None]
        day = request.GET.get("day") or today.isoformat()
        leave = timezone.make_aware(datetime.combine(datetime.fromisoformat(day).date(), time(9, 30)))
        start = _start_stop(request.user)
        route = plan_route(start, [Stop(e.pk, e.name, e.lat, e.lon) for e in picked], leave)
        if route:
            drawn = [
                (start.lon, start.lat, start.name),
                *((leg.stop.lon, leg.stop.lat, leg.stop.name) for leg in route),
            ]
    chart = dong_map(title, averaged, dong_areas(), "%" if shade == "likely" else "일", route=drawn)
    context = {
        "chart": chart,
        "shade": shade,
        "dongs": Dong.objects.all(),
        "dong_id": dong_id,
        "rows": listed[:40],
        "route": route,
        "chosen": set(chosen),
        "day": request.GET.get("day") or (today + timedelta(days=1)).isoformat(),
        "route_max": ROUTE_MAX,
        "show_all": show_all,
    }
    return render(request, "discovery/plan.html", context)


@role_required(*DISCOVERY_WORK)
def duplicates(request: HttpRequest) -> HttpResponse:
    """중복 업체: pairs that look like one company entered twice, to merge with their history."""
    pairs = duplicate_pairs()
    return render(request, "discovery/duplicates.html", {"pairs": pairs})


@require_POST
@role_required(*DISCOVERY_WORK)
def merge(request: HttpRequest) -> HttpResponse:
    keep = Employer.objects.filter(pk=_int(request.POST.get("keep"))).first()
    other = Employer.objects.filter(pk=_int(request.POST.get("remove"))).first()
    if keep is None or other is None:
        messages.error(request, "병합할 두 업체를 찾을 수 없습니다. 목록을 새로 고쳐 주십시오.")
        return redirect("discovery:duplicates")
    name = other.name
    try:
        moved = employers_merge(keep=keep, duplicate=other, actor=request.user)
    except IljariError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"'{name}'을(를) '{keep.name}'(으)로 병합했습니다. 구인표 {moved['vacancies']}건, "
            f"방문 {moved['visits']}건, 행사 부스 {moved['booths']}건을 옮겼습니다.",
        )
    return redirect("discovery:duplicates")


@role_required(*DISCOVERY_WORK)
def stats(request: HttpRequest) -> HttpResponse:
    """발굴 실적 by member, team, 동 or month: visits, vacancies found, openings, placements."""
    by = request.GET.get("by", "staff")
    by = by if by in GROUPS else "staff"
    rows = team_stats(by=by)
    totals = {k: sum(r[k] for r in rows) for k in ("visits", "companies", "vacancies", "openings", "placements")}
    return render(request, "discovery/stats.html", {"rows": rows, "by": by, "groups": GROUPS, "totals": totals})


STAT_METRICS = [
    ("visits", "방문"),
    ("companies", "방문 업체"),
    ("vacancies", "발굴 구인표"),
    ("openings", "모집 인원"),
    ("placements", "취업"),
]


@role_required(*DISCOVERY_WORK)
def stats_xlsx(request: HttpRequest) -> HttpResponse:
    """발굴 실적 as a workbook: one sheet per grouping (member, team, 동, month)."""
    book = Workbook()
    book.remove(book.active)
    for by, label in GROUPS.items():
        rows = team_stats(by=by)
        totals = {k: sum(r[k] for r in rows) for k, _ in STAT_METRICS}
        totals["companies"] = Visit.objects.values("employer").distinct().count()
        metric_sheet(book, f"{label}별", label, [(str(r["key"]), r) for r in rows], totals, STAT_METRICS)
    return attachment(workbook_bytes(book), f"discovery-{timezone.localdate():%Y%m%d}.xlsx", XLSX)
