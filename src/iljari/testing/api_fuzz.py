"""Schemathesis over the JSON API in process: shared by the fast test and ``bench/trust/api_fuzz.py``."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import PositiveDataAcceptanceConfig
from schemathesis.core.failures import FailureGroup

from iljari.accounts.services import api_token_create
from iljari.front.api import api
from iljari.referrals.services import referral_create


@dataclass(frozen=True)
class World:
    """What the fuzzer acts as and the records its ids may reach."""

    token: str
    ids: dict[str, int]


def world_of(*, counselor: Any, seeker: Any, referral: Any, actor: str) -> World:
    """The fuzzer as ``counselor`` (a new token), its ids pinned to these records and their vacancy."""
    vacancy = referral.vacancy
    return World(
        token=api_token_create(user=counselor, name="fuzz", actor=actor),
        ids={
            "seeker_id": seeker.pk,
            "vacancy_id": vacancy.pk,
            "employer_id": vacancy.employer_id,
            "referral_id": referral.pk,
        },
    )


def api_world(*, counselor: Any, make_seeker: Callable, make_vacancy: Callable) -> World:
    """A seeker of the counselor's desk referred to an open vacancy (with its employer), and a token."""
    seeker = make_seeker(name="김퍼즈", desired_job_text="포장")
    referral = referral_create(seeker=seeker, vacancy=make_vacancy(), counselor=counselor, note="")
    return world_of(counselor=counselor, seeker=seeker, referral=referral, actor="test")


def _served(app: Callable) -> Callable:
    """The app as a server calls it: every WSGI server gives the client's address (the public
    search's rate limit counts by it); the bare test client does not."""

    def wsgi(environ: dict, start_response: Callable) -> Any:
        environ.setdefault("REMOTE_ADDR", "127.0.0.1")
        return app(environ, start_response)

    return wsgi


@contextmanager
def fuzz_schema(world: World) -> Iterator[Any]:
    """The served schema, loaded and called through WSGI with the world's token.

    Django's test client keeps the connection open across requests; a bare WSGI call would close it
    at the end of each one (and with it the test's transaction), so the same two signals are held
    off here, as the test client does.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi(reverse(f"{api.urls_namespace}:openapi-json"), _served(get_wsgi_application()))
        schema.config.update(headers={"Authorization": f"Bearer {world.token}"})
        # The form's own rules (a choice not on the list, below the minimum wage, no consent) answer
        # 400/422 as each operation documents (and the public search 429 past its rate); the structural
        # ones are stated in the schema.
        schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
            expected_statuses=["2xx", "400", "401", "403", "404", "409", "422", "429"]
        )
        yield schema
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@dataclass
class FuzzReport:
    """What was tried and what failed: per operation, the requests sent and the first failure."""

    operations: int = 0
    requests: int = 0
    failures: dict[str, str] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)


def fuzz(schema: Any, *, world: World, examples: int, seed: int | None = None) -> FuzzReport:
    """Every operation: its documented examples, then positive and negative mode with ids drawn
    freely and then pinned to the world's records, ``examples`` cases each; all of schemathesis's checks on every answer
    (``derandomize`` when no seed is given, so a run repeats)."""
    report = FuzzReport()
    auth = {"Authorization": f"Bearer {world.token}"}  # examples' cases do not carry the configured headers
    for result in schema.get_all_operations():
        operation = result.ok()
        report.operations += 1
        pinned = {p.name: world.ids[p.name] for p in operation.path_parameters if p.name in world.ids}
        runs = [("examples", strategy) for strategy in operation.get_strategies_from_examples()]
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for path_parameters in ({}, pinned) if pinned and mode is GenerationMode.POSITIVE else ({},):
                runs.append(
                    (str(mode), operation.as_strategy(generation_mode=mode, path_parameters=path_parameters or None))
                )
        for mode, strategy in runs:

            @settings(
                max_examples=examples,
                derandomize=seed is None,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
                print_blob=False,
            )
            @given(case=strategy)
            def run(case: Any) -> None:
                report.requests += 1
                response = case.call_and_validate(headers=auth)
                report.statuses[response.status_code] = report.statuses.get(response.status_code, 0) + 1

            if seed is not None:
                run = hypothesis.seed(seed)(run)
            try:
                run()
            except (Exception, FailureGroup) as exc:  # a failed check: the first one per operation
                report.failures.setdefault(f"{operation.label} ({mode})", str(exc)[:2000])
    return report
