"""JSON API for seekers: the same selectors (access rule, audit) and forms (validation) as the pages."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from iljari.accounts.models import Desk
from iljari.core.access import CASEWORK
from iljari.core.api import form_errors, require_role
from iljari.core.errors import IljariError
from iljari.matching.selectors import vacancies_for_seeker
from iljari.reference.models import Dong, TargetGroup, VisaType
from iljari.seekers.forms import SeekerForm
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import SeekerFilters, SeekerNotVisible, seeker_read, seeker_search, seekers_listed
from iljari.seekers.services import seeker_create

router = Router(tags=["구직자"])


class SeekerOut(Schema):
    id: int
    name: str | None
    phone: str | None
    birth_date: date | None
    home_dong: str | None
    desk: str
    desired_job_text: str
    reservation_wage: int | None
    target_groups: list[str]
    status: str
    registered_on: date

    @staticmethod
    def of(s: Seeker) -> "SeekerOut":
        return SeekerOut(
            id=s.pk,
            name=s.name,
            phone=s.phone,
            birth_date=s.birth_date,
            home_dong=s.home_dong.name if s.home_dong else None,
            desk=s.desk.name,
            desired_job_text=s.desired_job_text,
            reservation_wage=s.reservation_wage,
            target_groups=[g.name for g in s.target_groups.all()],
            status=s.status,
            registered_on=s.registered_on,
        )


class SeekerIn(Schema):
    name: str
    birth_date: date
    phone: str = ""
    sex: str = ""
    home_dong: str | None = None
    address: str = ""
    desired_job_text: str = ""
    reservation_wage: int | None = None
    licences: list[str] = []
    target_groups: list[str] = []
    work_hours: str = "any"
    shifts: list[str] = []
    employment_type: str = "any"
    korean_level: int = 4
    visa_type: str | None = None
    remarks: str = ""
    consent: bool = False
    desk: str | None = None


class MatchOut(Schema):
    vacancy_id: int
    title: str
    employer: str
    dong: str | None
    score: float
    reasons: list[str]
    cautions: list[str]
    missing: list[str]


def _read(request: HttpRequest, seeker_id: int, purpose: str) -> Seeker:
    require_role(request, CASEWORK)
    try:
        return seeker_read(user=request.user, seeker_id=seeker_id, purpose=purpose)
    except Seeker.DoesNotExist:
        raise Http404("구직자를 찾을 수 없습니다.") from None
    except SeekerNotVisible as exc:
        raise PermissionDenied(exc.message) from None


@router.get("/", response=list[SeekerOut], summary="구직자 찾기(담당 창구 범위)")
def list_seekers(request: HttpRequest, q: str = "", job: str = "", limit: int = 50) -> list[SeekerOut]:
    require_role(request, CASEWORK)
    seekers = list(seeker_search(user=request.user, filters=SeekerFilters(q=q, job=job))[: min(limit, 200)])
    seekers_listed(user=request.user, seekers=seekers, purpose="구직자 목록 조회(API)")
    return [SeekerOut.of(s) for s in seekers]


@router.get("/{seeker_id}", response=SeekerOut, summary="구직자 한 명(열람 기록이 남습니다)")
def get_seeker(request: HttpRequest, seeker_id: int) -> SeekerOut:
    return SeekerOut.of(_read(request, seeker_id, "구직자 상세 조회(API)"))


@router.post("/", response={201: SeekerOut}, summary="구직 등록")
def create_seeker(request: HttpRequest, payload: SeekerIn) -> Status:
    require_role(request, CASEWORK)
    data = payload.dict()
    data["consent"] = "on" if data["consent"] else ""
    data["licences"] = ", ".join(data["licences"])
    data["home_dong"] = Dong.objects.filter(name=data["home_dong"]).values_list("pk", flat=True).first() or ""
    data["target_groups"] = list(
        TargetGroup.objects.filter(name__in=data["target_groups"]).values_list("pk", flat=True)
    )
    data["visa_type"] = VisaType.objects.filter(code=data["visa_type"]).values_list("pk", flat=True).first() or ""
    if data.pop("desk"):
        data["desk"] = Desk.objects.filter(code=payload.desk).values_list("pk", flat=True).first() or ""
    form = SeekerForm(data, user=request.user)
    if not form.is_valid():
        raise form_errors(form)
    try:
        seeker = seeker_create(data=form.to_input(), actor=request.user)
    except IljariError as exc:
        raise HttpError(409, exc.message) from exc
    return Status(201, SeekerOut.of(seeker))


@router.get("/{seeker_id}/matches", response=list[MatchOut], summary="추천 구인표와 이유")
def seeker_matches(request: HttpRequest, seeker_id: int, top: int = 20) -> list[MatchOut]:
    seeker = _read(request, seeker_id, "추천 구인표 조회(API)")
    result = vacancies_for_seeker(seeker=seeker, k=min(top, 100))
    return [
        MatchOut(
            vacancy_id=r.vacancy.pk,
            title=r.vacancy.title,
            employer=r.vacancy.employer.name,
            dong=r.vacancy.dong.name if r.vacancy.dong else None,
            score=r.score,
            reasons=r.reasons,
            cautions=r.cautions,
            missing=r.missing,
        )
        for r in result.matches
    ]
