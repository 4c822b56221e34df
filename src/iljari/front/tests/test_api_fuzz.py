"""The JSON API fuzzed by schemathesis against its own OpenAPI schema, in process (WSGI, the real
SQLite test database, a counselor's token): no 5xx, every answer's status and body as documented,
no schema-valid request refused. A bounded, derandomized run; ``bench/trust/api_fuzz.py`` runs long."""

from iljari.testing.api_fuzz import api_world, fuzz, fuzz_schema


def test_the_api_answers_as_its_schema_says(counselor, make_seeker, make_vacancy, matching):
    world = api_world(counselor=counselor, make_seeker=make_seeker, make_vacancy=make_vacancy)
    with fuzz_schema(world) as schema:
        report = fuzz(schema, world=world, examples=10)
    assert report.operations >= 18 and report.requests >= 18 * 10
    assert report.statuses.get(201, 0) >= 2  # the documented examples register a seeker and an employer
    assert report.failures == {}, "\n\n".join(f"{op}: {why}" for op, why in report.failures.items())
