"""``iljari ranker evaluate|retrain [--json]``: does learning from outcomes rank eventual hires higher
than v1, and (retrain) keep the model, live only if it does."""

import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.matching.indexes import matching_indexes
from iljari.matching.ranker import ordered_by, outcome_examples, time_split_comparison
from iljari.matching.services import MatchingError, ranker_retrain
from iljari.referrals.models import Referral


class Command(BaseCommand):
    help = (
        "알선 결과로 학습한 순위 모델(LightGBM)을 시간 분할로 평가해 v1 점수와 비교합니다(AUC, nDCG@5). "
        "retrain은 모델을 저장하고, 검증에서 v1을 이길 때만 추천 순위에 씁니다(매주 작업 큐에서도 실행)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["evaluate", "retrain"])
        parser.add_argument("--json", dest="as_json", action="store_true")
        parser.add_argument("--train-share", type=float, default=0.7)

    def handle(self, *args: object, action: str, as_json: bool, train_share: float, **options: object) -> None:
        if action == "retrain":
            self._retrain(as_json, train_share)
            return
        examples = outcome_examples(Referral.objects.all(), matching_indexes())
        try:
            result = time_split_comparison(examples, train_share)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"시간 분할: 앞의 {result.train:,}건으로 학습, 뒤의 {result.test:,}건으로 평가 (채용률 {result.test_hire_rate:.1%})\n"
            f"  AUC     v1 {result.auc_v1:.4f}  →  순위 모델 {result.auc_ranker:.4f}\n"
            f"  nDCG@5  v1 {result.ndcg5_v1:.4f}  →  순위 모델 {result.ndcg5_ranker:.4f}"
            f"  (구인표 {result.vacancies_compared:,}개 안에서 채용된 사람의 순위)"
        )
        if as_json:
            self.stdout.write(json.dumps(asdict(result)))

    def _retrain(self, as_json: bool, train_share: float) -> None:
        try:
            model = ranker_retrain(train_share=train_share)
        except MatchingError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"순위 모델 v{model.pk} ({model.trained_at:%Y-%m-%d %H:%M}): 학습 {model.train_examples:,}건, "
            f"검증 {model.test_examples:,}건\n"
            f"  AUC     기본 {model.auc_v1:.4f}  학습 모델 {model.auc_model:.4f}\n"
            f"  nDCG@5  기본 {model.ndcg5_v1:.4f}  학습 모델 {model.ndcg5_model:.4f}\n"
            f"  {ordered_by(model)}"
        )
        if as_json:
            fields = ("train_examples", "test_examples", "auc_v1", "auc_model", "ndcg5_v1", "ndcg5_model", "live")
            self.stdout.write(json.dumps({"version": model.pk, **{f: getattr(model, f) for f in fields}}))
