"""The seeker (구직자) sheet: the columns a center's existing Excel records have."""

from datetime import date
from typing import Any

from django.utils import timezone

from iljari.accounts.models import Desk
from iljari.core import cells
from iljari.core.cells import CellError
from iljari.core.choices import KoreanLevel
from iljari.matching.models import OccupationCorrection
from iljari.matching.services import record_correction
from iljari.privacy.audit import Actor
from iljari.privacy.models import Consent
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import (
    OnFile,
    duplicate_message,
    duplicates_checked,
    identity_hash,
    phone_hash,
    seekers_exported,
    visible_desks,
)
from iljari.seekers.services import SeekerInput, seekers_create
from iljari.transfer.lookups import ReferenceLookups
from iljari.transfer.sheets import Column, RowProblems, Sheet

OTHER_DESK = "다른 창구에는 구직자를 등록할 수 없습니다. 내 창구(열람 권한을 받은 창구 포함)를 입력해 주십시오."
_SEX = {"남": "M", "남성": "M", "남자": "M", "M": "M", "여": "F", "여성": "F", "여자": "F", "F": "F"}


def _birth_date(value: Any) -> date:
    today = timezone.localdate()
    return cells.parse_date(value, earliest=date(1900, 1, 1), latest=today.replace(year=today.year - 14))


def _consent_date(value: Any) -> date:
    return cells.parse_date(value, earliest=date(2000, 1, 1), latest=timezone.localdate())


# The words a center's sheet uses for each purpose of 개인정보 수집·이용 동의.
_PURPOSE_WORDS = {
    Consent.Purpose.EMPLOYMENT_SERVICES: ["취업지원 상담·알선", "취업지원", "상담", "알선", "상담·알선", "취업알선"],
    Consent.Purpose.SHARE_WITH_EMPLOYERS: [
        "구인업체에 이력 제공",
        "이력 제공",
        "구인업체 제공",
        "제3자 제공",
        "업체 제공",
    ],
    Consent.Purpose.EVENTS: ["채용행사 참가", "채용행사", "행사"],
    Consent.Purpose.NOTIFICATIONS: ["일자리 정보 문자 수신", "문자 수신", "문자", "SMS"],
}
_PURPOSES = {word: purpose for purpose, words in _PURPOSE_WORDS.items() for word in words}
NO_CONSENT = (
    "개인정보 수집·이용 동의가 적혀 있지 않아 '동의 미확인'으로 등록합니다. "
    "동의를 받아 구직자 화면에 기록하기 전에는 알선할 수 없습니다."
)


def _consent_purposes(value: Any) -> list[str]:
    return list(dict.fromkeys(cells.parse_choice(item, _PURPOSES, "동의 목적") for item in cells.split_list(value)))


def _korean_level(level: int | None, visa: object) -> int:
    """An empty cell means a native speaker for citizens and basic Korean for visa holders."""
    if level is not None:
        return level
    return KoreanLevel.BASIC if visa else KoreanLevel.NATIVE


class SeekerSheet(ReferenceLookups, Sheet):
    kind = "seekers"
    label = "구직자"
    columns = [
        Column("성명", "name", required=True, example="홍길동", max_length=60),
        Column("생년월일", "birth_date", _birth_date, required=True, example="1985-03-21", note="YYYY-MM-DD"),
        Column(
            "성별",
            "sex",
            lambda v: cells.parse_choice(v, _SEX, "성별"),
            example="여",
            note="남 또는 여(선택). 추천 순위에는 쓰이지 않습니다",
        ),
        Column("휴대전화", "phone", cells.parse_mobile, example="010-1234-5678"),
        Column("거주 행정동", "home_dong", "parse_dong", example="와동"),
        Column("주소", "address", example="안산시 단원구 와동 123"),
        Column("희망직종", "desired_job_text", example="용접원"),
        Column(
            "희망직업(직업사전)",
            "desired_occupation",
            "parse_occupation",
            example="용접원",
            note="희망직종을 확인한 직업사전의 직업명(선택). 입력하면 직종 추정이 이 짝을 배웁니다",
        ),
        Column("희망임금(월, 원)", "reservation_wage", cells.parse_won, example="2500000"),
        Column("자격증", "licences", "parse_licences", example="지게차운전기능사, 용접기능사", note="쉼표로 구분"),
        Column(
            "한국어능력",
            "korean_level",
            cells.parse_korean_level,
            example="중",
            note="모국어/상/중/하/못함 또는 TOPIK 급수. 비우면 내국인은 모국어, 외국인은 하",
        ),
        Column("체류자격", "visa_type", "parse_visa", example="F-6", note="외국인만"),
        Column("대상계층", "target_groups", "parse_groups", example="결혼이민여성, 경력단절여성", note="쉼표로 구분"),
        Column("담당창구", "desk", "parse_desk", example="와동 행정복지센터", note="비우면 가져올 때 지정한 창구"),
        Column("등록일", "registered_on", cells.parse_date, example="2026-10-05"),
        Column(
            "개인정보 동의일",
            "consent_given_on",
            _consent_date,
            example="2026-10-05",
            note="개인정보 수집·이용 동의서를 받은 날. 비우면 '동의 미확인'으로 등록되어 동의를 기록할 때까지 알선할 수 없습니다",
        ),
        Column(
            "동의 목적",
            "consent_purposes",
            _consent_purposes,
            example="취업지원 상담·알선, 구인업체에 이력 제공",
            note="쉼표로 구분: 취업지원 상담·알선 / 구인업체에 이력 제공 / 채용행사 참가 / 일자리 정보 문자 수신",
        ),
        Column("비고", "remarks", example="오전 근무 희망", max_length=2000),
    ]

    def __init__(self, **options: Any) -> None:
        """Options: ``desk`` for rows with none, ``user`` who imports (``None``: the command line's
        operator, every desk)."""
        super().__init__(**options)
        self.user = options.get("user")
        self._placeable = visible_desks(self.user)
        self._seen_phones: set[str] = set()
        self._seen_identities: set[str] = set()
        self._recognised: list[int] = []
        self._confirmed: set[int] = set()  # rows whose 희망직업 column confirmed their 희망직종 words
        # Only keyed hashes are read here; a row that matches one is audited as a read of that person.
        active = Seeker.objects.exclude(status=Seeker.Status.ERASED)
        phones = active.exclude(phone_hash="").values_list("phone_hash", "pk", "desk_id")
        self._known_phones = {h: (pk, desk) for h, pk, desk in phones}
        identities = active.values_list("identity_hash", "pk", "desk_id")
        self._known_identities = {h: (pk, desk) for h, pk, desk in identities}

    def parse_desk(self, value: Any) -> Desk:
        desk = super().parse_desk(value)
        if not self._may_place(desk):
            raise CellError(OTHER_DESK)
        return desk

    def _may_place(self, desk: Desk) -> bool:
        return self._placeable is None or desk.pk in self._placeable

    def convert(self, values: dict[str, Any], problems: RowProblems) -> SeekerInput | None:
        desk = values.get("desk") or self.options.get("desk")
        if desk is None:
            problems.error("담당창구", "", "담당창구가 없습니다. 열에 입력하거나 --desk 옵션으로 지정해 주십시오.")
        elif not self._may_place(desk):
            problems.error("담당창구", desk.name, OTHER_DESK)
        given_on, purposes = values.get("consent_given_on"), values.get("consent_purposes") or []
        if not {m.column for m in problems.messages} & {"개인정보 동의일", "동의 목적"}:  # else its error says why
            if given_on and not purposes:
                problems.error("동의 목적", "", "동의일이 있으면 동의 목적도 입력해 주십시오(예: 취업지원 상담·알선).")
            elif purposes and not given_on:
                problems.error(
                    "개인정보 동의일", "", "동의 목적이 있으면 동의서를 받은 날도 입력해 주십시오(YYYY-MM-DD)."
                )
            elif not given_on and not problems.has_errors:
                problems.warn("개인정보 동의일", "", NO_CONSENT)
        if problems.has_errors:
            return None
        visa = values.get("visa_type")
        item = SeekerInput(
            desk=desk,
            name=values["name"],
            birth_date=values["birth_date"],
            phone=values.get("phone") or "",
            sex=values.get("sex") or "",
            address=values.get("address") or "",
            home_dong=values.get("home_dong"),
            target_groups=values.get("target_groups") or [],
            desired_job_text=values.get("desired_job_text") or "",
            desired_occupations=[o]
            if (o := values.get("desired_occupation") or self.occupation_for(values.get("desired_job_text") or ""))
            else [],
            licences=values.get("licences") or [],
            reservation_wage=values.get("reservation_wage"),
            korean_level=_korean_level(values.get("korean_level"), visa),
            visa_type=visa,
            nationality="" if visa else "KR",
            remarks=values.get("remarks") or "",
            registered_on=values.get("registered_on"),
            consents=purposes,
            consent_method=Consent.Method.IMPORT,
            consent_given_on=given_on,
        )
        if values.get("desired_occupation") and item.desired_job_text:
            self._confirmed.add(id(item))
        return item

    def duplicate_reason(self, item: SeekerInput) -> str | None:
        by_phone = phone_hash(item.phone)
        by_identity = identity_hash(item.name, item.birth_date)
        on_file = self._on_file(by_phone, by_identity)
        if on_file:
            self._recognised.append(on_file.seeker_id)
            return duplicate_message(on_file=on_file, user=self.user) + " 가져오지 않았습니다."
        if by_phone and by_phone in self._seen_phones:
            return "파일 안에서 휴대전화가 같은 행이 앞에 있습니다. 가져오지 않았습니다."
        if by_identity in self._seen_identities:
            return "파일 안에서 성명·생년월일이 같은 행이 앞에 있습니다. 가져오지 않았습니다."
        if by_phone:
            self._seen_phones.add(by_phone)
        self._seen_identities.add(by_identity)
        return None

    def _on_file(self, by_phone: str, by_identity: str) -> OnFile | None:
        if by_phone in self._known_phones:
            return OnFile(*self._known_phones[by_phone], "휴대전화")
        if by_identity in self._known_identities:
            return OnFile(*self._known_identities[by_identity], "성명·생년월일")
        return None

    def save(self, items: list[SeekerInput], *, actor: Actor, source: str) -> list[int]:
        self.save_new_licences([lic for item in items for lic in item.licences])
        saved = [s.pk for s in seekers_create(inputs=items, actor=actor, purpose="자료 가져오기", source=source)]
        for item in items:  # the file's confirmed 희망직종 → 직업 pairs, learned by the normalizer
            if id(item) in self._confirmed:
                record_correction(
                    text=item.desired_job_text,
                    occupation=item.desired_occupations[0],
                    source=OccupationCorrection.Source.IMPORT,
                    actor=actor,
                )
        return saved

    def checked(self, *, actor: Actor) -> None:
        """Every person on file a row was recognised as is audited as read: the row messages say so."""
        duplicates_checked(actor=actor, seeker_ids=self._recognised, purpose="가져오기 중복 확인")

    def export(self, *, user: Any, actor: Actor) -> Any:
        for s in seekers_exported(user=user, actor=actor):
            yield {
                "name": s.name,
                "birth_date": s.birth_date,
                "sex": s.get_sex_display(),
                "phone": s.phone or "",
                "home_dong": s.home_dong.name if s.home_dong else "",
                "address": s.address or "",
                "desired_job_text": s.desired_job_text,
                "desired_occupation": ", ".join(o.title for o in s.desired_occupations.all()),
                "reservation_wage": s.reservation_wage,
                "licences": ", ".join(lic.name for lic in s.licences.all()),
                "korean_level": cells.KOREAN_LEVEL_LABEL[s.korean_level],
                "visa_type": s.visa_type.code if s.visa_type else "",
                "target_groups": ", ".join(g.name for g in s.target_groups.all()),
                "desk": s.desk.name,
                "registered_on": s.registered_on,
                **_consent_columns(s.active_consents),
                "remarks": s.remarks or "",
            }


def _consent_columns(consents: list[Consent]) -> dict[str, Any]:
    """The consents on file, as the two columns an import reads back (empty: 동의 미확인)."""
    if not consents:
        return {"consent_given_on": None, "consent_purposes": ""}
    given = [c.given_on or timezone.localtime(c.recorded_at).date() for c in consents]
    labels = dict.fromkeys(_PURPOSE_WORDS[c.purpose][0] for c in consents)
    return {"consent_given_on": max(given), "consent_purposes": ", ".join(labels)}
