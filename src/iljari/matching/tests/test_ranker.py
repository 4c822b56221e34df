"""Learning from outcomes: features never include age, sex or nationality; the time split is honest."""

from datetime import date
from pathlib import Path

import numpy as np
from django.conf import settings

from iljari.demo.generator import DemoSize, demo_generate
from iljari.matching.indexes import matching_indexes
from iljari.matching.ranker import FEATURES, outcome_examples, time_split_comparison
from iljari.reference.services import city_load
from iljari.referrals.models import Referral


def test_the_ranker_learns_from_the_demo_history_on_a_time_split(matching):
    demo_generate(
        city=city_load(Path(settings.ILJARI_CITY_DIR)), size=DemoSize(1500, 120, 600), today=date(2026, 11, 2)
    )
    examples = outcome_examples(Referral.objects.all(), matching_indexes())
    assert len(examples.labels) >= 300 and 0 < examples.labels.mean() < 1
    assert not {"age", "sex", "nationality", "birth_year"} & set(FEATURES)
    assert np.all(np.diff(examples.when) >= 0)  # ordered in time, so the split trains on the past only
    result = time_split_comparison(examples)
    assert result.train + result.test == len(examples.labels)
    assert 0.5 < result.auc_ranker <= 1 and 0.5 < result.auc_v1 <= 1
