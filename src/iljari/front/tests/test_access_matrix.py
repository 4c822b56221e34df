"""Every route × every role answers what the hand-written table ``docs/access.csv`` says.

The expected answers come from the table, never from the views' own decorators, so a wrong role list
fails here. A route the table does not list fails, and so does a row naming no route. Object-scoped
rows (``ok/404``) are asked twice: for the user's own record and for another desk's seeker, another
desk's event, another member of staff's import.
"""

from iljari.front.tests.walk import ROLES, access_table, row_for, url_routes


def test_the_table_lists_every_route_and_only_routes_that_exist(db):
    table = access_table()
    routes = {name for name, _ in url_routes()}
    assert sorted(r for r in routes if row_for(table, r) is None) == [], "routes the table does not list"
    prefixes = {name.removesuffix("*") for name in table if name.endswith(":*")}
    unknown = [n for n in table if n not in routes and not any(r.startswith(n.removesuffix("*")) for r in routes)]
    assert unknown == [], "rows naming no route"
    assert prefixes == {"admin:"}


def test_every_route_answers_every_role_as_the_table_says(walked):
    wrong = [
        (a.route, a.role, a.side, f"table: {expected}", f"answered: {a.outcome}")
        for a, expected in walked.answers
        if a.outcome != expected
    ]
    assert wrong == []
    asked = {(a.route, a.role) for a, _ in walked.answers}
    routes = {r for r, _ in url_routes() if not r.startswith("admin:")} | {"admin:index"}
    assert asked == {(r, role) for r in routes for role in ROLES}
    # Scoped rows were asked for another desk's (or another user's) records too, and refused there.
    refused_outside = {a.route for a, expected in walked.answers if a.side == "out" and expected == "404"}
    assert {"seekers:detail", "events:registrations", "events:booth_new", "transfer:job", "api:get_seeker"} <= (
        refused_outside
    )
