"""`iljari eval retrieval DIR --json` on a small set in the shared format."""

import json

from django.core.management import call_command


def test_eval_prints_the_three_methods_as_json(tmp_path, capsys, db):
    (tmp_path / "corpus.tsv").write_text(
        "d1\t용접원. 금속을 용접한다.\nd2\t요양보호사. 노인을 돌본다.\nd3\t지게차운전원. 지게차를 운전한다.\n"
        "d4\t경비원. 건물을 지킨다.\n",
        encoding="utf-8",
    )
    (tmp_path / "queries.tsv").write_text("q1\t어르신 돌보는 일\nq2\tforklift driver\nq3\t용접공\n", encoding="utf-8")
    (tmp_path / "qrels.tsv").write_text("q1\td2\t1\nq2\td3\t1\nq3\td1\t1\n", encoding="utf-8")
    call_command("eval", "retrieval", str(tmp_path), "--json")
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(result) == {"bm25", "vector", "hybrid", "queries"} and result["queries"] == 3
    assert set(result["hybrid"]) == {"recall@10", "ndcg@10", "mrr@10"}
    assert result["hybrid"]["mrr@10"] == 1.0
