"""A counselor loads the center's existing seeker sheets: all or nothing, with row errors."""

from datetime import date, datetime

import pytest

from iljari.core.rrn import RRN_REFUSAL
from iljari.privacy.models import AuditEvent, Consent
from iljari.seekers.models import Seeker
from iljari.seekers.services import phone_hash
from iljari.transfer.seeker_sheet import SeekerSheet
from iljari.transfer.services import ImportRejected, export_file, import_file
from iljari.transfer.tables import table_read
from iljari.transfer.tests.sheets import SEEKER_HEADERS, seeker_row, write_csv, write_xlsx

pytestmark = pytest.mark.postgres


def _import(path, desk, **kw):
    return import_file(kind="seekers", path=path, actor="tester", desk=desk, **kw)


def test_counselor_imports_a_seeker_sheet_typed_the_way_staff_type(tmp_path, desk):
    rows = [
        seeker_row(1),
        # Excel stored the birth date as a date and the phone as a number (leading 0 lost).
        seeker_row(
            2,
            생년월일=datetime(1990, 7, 4),
            휴대전화=1030000002,
            성별="여",
            **{"희망임금(월, 원)": "250만", "대상계층": "경력단절여성, 청년", "자격증": ""},
        ),
        seeker_row(
            3,
            성명="NGUYEN THI HOA",
            한국어능력="TOPIK 3급",
            체류자격="결혼이민(F-6)",
            대상계층="결혼이민여성, 외국인",
            희망직종="통역가(일반)",
        ),
    ]
    result = _import(write_xlsx(tmp_path / "seekers.xlsx", SEEKER_HEADERS, rows), desk)

    assert (result.rows, result.created, result.errors) == (3, 3, [])
    second = Seeker.objects.get(phone_hash=phone_hash("010-3000-0002"))
    assert (second.phone, second.birth_date, second.reservation_wage) == ("010-3000-0002", date(1990, 7, 4), 2_500_000)
    assert sorted(second.target_groups.values_list("name", flat=True)) == ["경력단절여성", "청년"]
    first = Seeker.objects.get(phone_hash=phone_hash("010-3000-0001"))
    assert first.desired_occupations.get().title == "아크용접원"
    assert sorted(first.licences.values_list("name", flat=True)) == ["용접기능사", "지게차운전기능사"]
    hoa = Seeker.objects.get(visa_type__code="F-6")
    assert (hoa.name, hoa.korean_level) == ("NGUYEN THI HOA", 2)
    assert Consent.objects.filter(method="import").count() == 3
    assert AuditEvent.objects.filter(action="create", object_type="seeker").count() == 3
    assert AuditEvent.objects.filter(action="import", object_id="seekers.xlsx").exists()


def test_one_bad_row_in_the_middle_writes_nothing_and_names_the_row(tmp_path, desk):
    rows = [seeker_row(n) for n in range(1, 21)]
    rows[10] = seeker_row(11, 생년월일="1985-02-30", 휴대전화="02-123")  # sheet row 12
    path = write_xlsx(tmp_path / "center.xlsx", SEEKER_HEADERS, rows)

    with pytest.raises(ImportRejected) as rejected:
        _import(path, desk)

    assert Seeker.objects.count() == 0
    errors = rejected.value.result.errors
    assert {(e.row, e.column) for e in errors} == {(12, "생년월일"), (12, "휴대전화")}
    assert "존재하지 않는 날짜" in next(e.reason for e in errors if e.column == "생년월일")
    report = tmp_path / "center.errors.csv"
    assert report == rejected.value.result.report_file
    text = report.read_text(encoding="utf-8-sig")
    assert "12,생년월일,1985-02-30,오류" in text


def test_an_euc_kr_csv_from_korean_excel_is_read(tmp_path, desk):
    path = write_csv(tmp_path / "old.csv", SEEKER_HEADERS, [seeker_row(1), seeker_row(2)], "cp949")
    result = _import(path, desk)
    assert result.created == 2
    assert {s.name for s in Seeker.objects.all()} == {"김구직1", "김구직2"}


def test_a_person_already_on_file_is_reported_not_inserted_twice(tmp_path, desk, make_seeker):
    make_seeker(phone="010-3000-0001")
    rows = [
        seeker_row(1),
        seeker_row(2),
        seeker_row(3, 휴대전화="010-3000-0002"),
        seeker_row(4, 성명="김구직2", 생년월일="1985-03-03", 휴대전화="010-9999-0004"),
    ]
    result = _import(write_xlsx(tmp_path / "dup.xlsx", SEEKER_HEADERS, rows), desk)
    assert result.created == 1
    assert [d.row for d in result.duplicates] == [2, 4, 5]
    assert "휴대전화 일치" in result.duplicates[0].reason
    assert Seeker.objects.count() == 2


@pytest.mark.parametrize("written", ["850301-1234567", "850301\u00a01234567", "850301ㅡ1234567", "850301\n1234567"])
def test_a_registration_number_in_remarks_is_refused_as_in_the_form(tmp_path, desk, written):
    rows = [seeker_row(1), seeker_row(2, 비고=f"주민번호 {written} 확인함")]
    with pytest.raises(ImportRejected) as rejected:
        _import(write_xlsx(tmp_path / "rrn.xlsx", SEEKER_HEADERS, rows), desk)
    [error] = rejected.value.result.errors
    assert (error.row, error.column) == (3, "비고") and error.reason == RRN_REFUSAL
    assert "850301" not in error.value and "******" in error.value
    assert not Seeker.objects.exists()
    assert "850301" not in (tmp_path / "rrn.errors.csv").read_text(encoding="utf-8-sig")


def test_a_file_named_with_a_registration_number_is_refused_before_it_is_read(tmp_path, desk):
    path = write_xlsx(tmp_path / "홍길동_850301-1234567.xlsx", SEEKER_HEADERS, [seeker_row(1)])
    with pytest.raises(ImportRejected) as rejected:
        _import(path, desk)
    assert "파일 이름에 주민등록번호" in rejected.value.result.errors[0].reason
    assert not Seeker.objects.exists()
    assert not AuditEvent.objects.filter(object_id__contains="850301").exists()


def test_a_registration_number_typed_in_a_structured_column_is_an_error(tmp_path, desk):
    rows = [seeker_row(1, 휴대전화="850301-1234567")]
    with pytest.raises(ImportRejected) as rejected:
        _import(write_xlsx(tmp_path / "rrn2.xlsx", SEEKER_HEADERS, rows), desk)
    [error] = rejected.value.result.errors
    assert error.column == "휴대전화" and "주민등록번호" in error.reason and "850301" not in error.value


def test_unknown_values_are_explained(tmp_path, desk):
    rows = [seeker_row(1, 대상계층="노인", 체류자격="Z-9", 한국어능력="잘함", **{"거주 행정동": "역삼동"})]
    with pytest.raises(ImportRejected) as rejected:
        _import(write_xlsx(tmp_path / "bad.xlsx", SEEKER_HEADERS, rows), desk)
    reasons = {e.column: e.reason for e in rejected.value.result.errors}
    assert "알 수 없는 대상계층: 노인" in reasons["대상계층"] and "청년" in reasons["대상계층"]
    assert "Z-9" in reasons["체류자격"]
    assert "TOPIK" in reasons["한국어능력"]
    assert "행정동" in reasons["거주 행정동"]


def test_a_missing_required_column_rejects_the_file(tmp_path, desk):
    headers = [h for h in SEEKER_HEADERS if h != "생년월일"]
    rows = [[c for h, c in zip(SEEKER_HEADERS, seeker_row(1), strict=True) if h != "생년월일"]]
    with pytest.raises(ImportRejected) as rejected:
        _import(write_xlsx(tmp_path / "cols.xlsx", headers, rows), desk)
    [error] = rejected.value.result.errors
    assert (error.row, error.column) == (1, "생년월일")


def test_rows_without_a_desk_are_refused_when_none_is_given(tmp_path, db):
    with pytest.raises(ImportRejected) as rejected:
        import_file(
            kind="seekers", path=write_xlsx(tmp_path / "d.xlsx", SEEKER_HEADERS, [seeker_row(1)]), actor="tester"
        )
    assert rejected.value.result.errors[0].column == "담당창구"


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_export_gives_back_what_was_imported(tmp_path, desk, suffix):
    rows = [seeker_row(n) for n in range(1, 6)]
    _import(write_xlsx(tmp_path / "in.xlsx", SEEKER_HEADERS, rows), desk)
    out = tmp_path / f"out.{suffix}"

    assert export_file(kind="seekers", path=out, user=None, actor="tester") == 5

    table = table_read(out)
    position = {h: i for i, h in enumerate(table.headers)}
    exported = {tuple(str(row[position[h]] or "") for h in SEEKER_HEADERS) for _, row in table.rows}
    expected = {tuple(str(c).replace("2,500,000", "2500000") for c in r) for r in rows}
    assert exported == expected
    assert AuditEvent.objects.filter(action="export", object_type="seeker").count() == 5
    again = _import(out, desk)
    assert (again.created, len(again.duplicates)) == (0, 5)


def test_an_export_stopped_midway_has_audited_every_row_it_handed_out(make_seeker, counselor):
    """The writer may fail on any row (a full disk, a killed job): no row leaves before its audit row."""
    seekers = [make_seeker() for _ in range(3)]
    rows = SeekerSheet().export(user=counselor, actor=counselor)
    first = next(rows)
    exported = AuditEvent.objects.filter(action="export", object_type="seeker", actor_id=counselor.pk)
    assert first["name"] == seekers[0].name
    assert sorted(exported.values_list("object_id", flat=True)) == sorted(str(s.pk) for s in seekers)
