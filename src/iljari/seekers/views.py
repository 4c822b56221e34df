"""Seeker pages: search, register, the whole history on one page, counseling notes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iljari.core.access import CASEWORK, role_required
from iljari.core.errors import IljariError
from iljari.core.pages import field_validation, query_without_page
from iljari.events.models import HiringEvent
from iljari.matching.selectors import vacancies_for_seeker
from iljari.referrals.models import Referral
from iljari.referrals.services import ACTIVE, ReferralError, referral_create
from iljari.seekers.forms import NoteForm, SearchForm, SeekerForm
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import (
    SeekerFilters,
    SeekerNotVisible,
    seeker_read,
    seeker_readers,
    seeker_search,
    seekers_listed,
)
from iljari.seekers.services import counseling_note_create, seeker_create
from iljari.vacancies.models import Vacancy

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
    page = Paginator(seeker_search(user=request.user, filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    seekers_listed(user=request.user, seekers=list(page), purpose="구직자 목록 조회")
    template = "seekers/_results.html" if request.htmx else "seekers/list.html"
    return render(request, template, {"form": form, "page": page, "query": query_without_page(request)})


def _read(request: HttpRequest, pk: int, purpose: str) -> Seeker:
    try:
        return seeker_read(user=request.user, seeker_id=pk, purpose=purpose)
    except Seeker.DoesNotExist:
        raise Http404("구직자를 찾을 수 없습니다.") from None
    except SeekerNotVisible as exc:
        raise PermissionDenied(exc.message) from None


def _detail(request: HttpRequest, seeker: Seeker, note_form: NoteForm, status: int = 200) -> HttpResponse:
    context = {
        "seeker": seeker,
        "notes": seeker.notes.select_related("author")[:20],
        "referrals": seeker.referrals.select_related("vacancy__employer", "counselor")[:20],
        "placements": seeker.placements.prefetch_related("follow_ups")[:10],
        "readers": seeker_readers(seeker=seeker),
        "note_form": note_form,
        "reasons": Referral.Reason.choices,
        "registrations": seeker.event_registrations.select_related("event").order_by("-event__date")[:10],
        "open_events": HiringEvent.objects.filter(date__gte=timezone.localdate())
        .exclude(registrations__seeker=seeker)
        .order_by("date")[:5],
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
        try:
            seeker = seeker_create(data=form.to_input(), actor=request.user)
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("구직자를 등록했습니다."))
            return redirect("seekers:detail", pk=seeker.pk)
    return render(request, "seekers/new.html", {"form": form})


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


@role_required(*CASEWORK)
def seeker_recommendations(request: HttpRequest, pk: int) -> HttpResponse:
    """The recommendation panel, loaded after the page so the page itself never waits."""
    seeker = _read(request, pk, "추천 구인표 조회")
    result = vacancies_for_seeker(seeker=seeker, k=10)
    referred = set(seeker.referrals.filter(status__in=ACTIVE).values_list("vacancy_id", flat=True))
    return render(request, "seekers/_recommendations.html", {"seeker": seeker, "result": result, "referred": referred})


@require_POST
@role_required(*CASEWORK)
def seeker_refer(request: HttpRequest, pk: int, vacancy_id: int) -> HttpResponse:
    """알선 in one click from a recommendation."""
    seeker = _read(request, pk, "알선")
    vacancy = get_object_or_404(Vacancy, pk=vacancy_id)
    try:
        referral_create(seeker=seeker, vacancy=vacancy, counselor=request.user)
    except ReferralError as exc:
        if request.htmx:
            return render(request, "seekers/_refer_result.html", {"error": exc.message}, status=409)
        messages.error(request, exc.message)
    else:
        if request.htmx:
            return render(request, "seekers/_refer_result.html", {"vacancy": vacancy})
        messages.success(request, f"{vacancy.employer} {vacancy.title}에 알선했습니다.")
    return redirect("seekers:detail", pk=pk)
