"""Every page that shows a person's name wrote an audit row for that person, by that user.

The walk opens every route as every role the table lets in (for a manager, another desk's records too)
and reads what the user was shown: the HTML, the API's JSON, a workbook's cells. Where a seeker's name
appears, whole or masked (홍*동, as event staff see it), the request must have written an audit row
for that seeker by that user; where an employer's contact person appears, one for that employer.
A seeker's whole name never reaches a user outside the seeker's desks.
"""

from iljari.front.tests.walk import CONTACT
from iljari.seekers.selectors import masked_name


def test_every_name_shown_is_audited_and_only_to_those_who_may_see_it(walked):
    missing, leaked, pages_with_names = [], [], set()
    for answer, _expected in walked.answers:
        if answer.outcome != "ok" or answer.role == "anonymous":
            continue
        for seeker_id, name in walked.seekers.items():
            whole, masked = name in answer.text, masked_name(name) in answer.text
            if not (whole or masked):
                continue
            pages_with_names.add(answer.route)
            if ("seeker", str(seeker_id)) not in answer.audited:
                missing.append((answer.route, answer.role, answer.side, name))
            if whole and seeker_id not in walked.visible[answer.role]:
                leaked.append((answer.route, answer.role, answer.side, name))
        if CONTACT in answer.text:
            pages_with_names.add(answer.route)
            if ("employer", str(walked.employer_id)) not in answer.audited:
                missing.append((answer.route, answer.role, answer.side, CONTACT))
    assert missing == [], f"names shown with no audit row: {missing}"
    assert leaked == [], f"a whole name shown outside the seeker's desks: {leaked}"
    # The walk saw the pages it is meant to guard (so a page that stops showing names is noticed too).
    assert {
        "home",
        "seekers:list",
        "seekers:detail",
        "matching:vacancy_candidates",
        "vacancies:detail",
        "employers:detail",
        "events:registrations",
        "events:timetable",
        "events:day",
        "events:booth",
        "events:register",
        "api:list_seekers",
        "api:get_seeker",
        "api:vacancy_matches",
    } <= pages_with_names, sorted(pages_with_names)
