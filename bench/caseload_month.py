"""A month of new seekers at one desk, assigned by the suggestion rule: the caseload spread before and after.

Runs on an installed database (``iljari init --demo``) inside a transaction that is rolled back, so
nothing is left behind. Prints max / median / min active seekers per counselor of the desk, before and
after, and the baseline: the same month assigned the old way (whoever registers takes the seeker —
here the desk's first counselor, as at a desk where one person does intake).

    ILJARI_VAR_DIR=var .venv/bin/python bench/caseload_month.py [--desk 시청] [--seekers 80]
"""

import argparse
import os
import random
from datetime import date

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
django.setup()

from django.db import transaction  # noqa: E402

from iljari.accounts.models import Desk, User  # noqa: E402
from iljari.safety.selectors import caseload, spread  # noqa: E402
from iljari.seekers.services import SeekerInput, seekers_create  # noqa: E402

LANGUAGES = ["ko"] * 7 + ["zh-hans", "vi", "uz", "ru", "ne"]


class Rollback(Exception):
    pass


def month(desk: Desk, n: int, *, suggested: bool) -> tuple:
    first = User.objects.filter(desk=desk, role=User.Role.COUNSELOR).order_by("username").first()
    rng = random.Random(7)
    before = spread(caseload(user=None, desk=desk))
    inputs = [
        SeekerInput(
            desk=desk,
            name=f"벤치{i}",
            birth_date=date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
            preferred_language=rng.choice(LANGUAGES),
            counselor=None if suggested else first,
            registered_on=date(2026, 11, 1 + i % 30),
        )
        for i in range(n)
    ]
    seekers_create(inputs=inputs, actor="bench", purpose="caseload bench")
    return before, spread(caseload(user=None, desk=desk))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--desk", default="시청")
    parser.add_argument("--seekers", type=int, default=80)
    args = parser.parse_args()
    desk = Desk.objects.filter(name__icontains=args.desk).first()
    for suggested in (False, True):
        try:
            with transaction.atomic():
                before, after = month(desk, args.seekers, suggested=suggested)
                raise Rollback
        except Rollback:
            pass
        label = "suggested assignment" if suggested else "baseline (the registering counselor keeps them)"
        print(f"{desk.name}, {args.seekers} new seekers in a month — {label}")
        print(
            f"  before: max {before.maximum}, median {before.median}, min {before.minimum} ({before.counselors} counselors)"
        )
        print(f"  after:  max {after.maximum}, median {after.median}, min {after.minimum}")


if __name__ == "__main__":
    main()
