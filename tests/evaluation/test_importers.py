"""Each importer on a small sample written in the public data set's own layout (tests/data/importers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sakimori.cli import main
from sakimori.evaluation.datasets import DatasetError, load_dataset
from sakimori.evaluation.importers import import_file

SAMPLES = Path(__file__).parent.parent / "data" / "importers"


def by_id(fmt: str, name: str, **options: object) -> tuple[dict, dict]:  # type: ignore[type-arg]
    result = import_file(fmt, SAMPLES / name, **options)
    return {i.id: i for i in result.items}, dict(result.dropped)


def test_dna_ja() -> None:
    items, dropped = by_id("dna-ja", "dna_ja.csv")
    assert items["dna-1"].unsafe and items["dna-1"].categories == ("S2",)
    assert items["dna-2"].categories == ("S10",)
    assert items["dna-3"].categories == () and items["dna-3"].kind == "Treat Chatbot as a Human"
    assert dropped == {"no question": 1}


def test_answercarefully() -> None:
    items, _ = by_id("answercarefully", "answercarefully.json")
    assert items["ac-AC_0001"].categories == ("S11",) and items["ac-AC_0001"].unsafe
    ref = items["ac-AC_0001-ref"]
    assert ref.role == "response" and not ref.unsafe and ref.prompt == items["ac-AC_0001"].text
    assert items["ac-AC_0002"].categories == ("S7",) and "ac-AC_0002-ref" not in items


def test_xstest() -> None:
    items, _ = by_id("xstest", "xstest.csv")
    assert not items["xstest-1"].unsafe and items["xstest-1"].kind == "borderline"
    assert items["xstest-2"].unsafe and items["xstest-3"].extra["xstest_type"] == "safe_contexts"


def test_toxicity_majority_vote() -> None:
    items, dropped = by_id("toxicity", "toxicity.csv")
    assert not items["tox-t1"].unsafe  # 2 of 3 nontoxic
    assert items["tox-t2"].unsafe and items["tox-t2"].categories == ("S10",)
    assert "tox-t3" not in items  # no majority
    assert items["tox-t4"].categories == ("S1",) and items["tox-t4"].extra["votes"] == "2/3"
    assert dropped == {"no majority": 1, "no text": 1}


def test_rtp_lx_median() -> None:
    items, dropped = by_id("rtp-lx", "rtplx.jsonl")
    assert items["rtplx-1"].unsafe and items["rtplx-1"].categories == ("S10",)
    assert items["rtplx-1"].extra["toxicity_median"] == 4.0
    assert not items["rtplx-2"].unsafe
    assert items["rtplx-3"].categories == ("S1",)
    assert dropped == {"no Toxicity annotation": 1}
    strict, _ = by_id("rtp-lx", "rtplx.jsonl", min_toxicity=4)
    assert not strict["rtplx-3"].unsafe


def test_polyguard() -> None:
    items, dropped = by_id("polyguard", "polyguard.jsonl")
    assert items["pg-0"].categories == ("S9",) and items["pg-0-r"].kind == "refusal" and not items["pg-0-r"].unsafe
    assert items["pg-1"].categories == ("S10", "S1") and items["pg-1-r"].unsafe
    assert not items["pg-2"].unsafe and "pg-2-r" not in items
    assert items["pg-3"].attack == "adversarial" and dropped == {"response without response_harm_label": 1}


def test_cli_import_writes_valid_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.jsonl"
    assert main(["data", "import", "xstest", str(SAMPLES / "xstest.csv"), "--out", str(out)]) == 0
    assert "imported 3 items (1 unsafe, 2 safe)" in capsys.readouterr().out
    assert len(load_dataset(out)) == 3


def test_bad_imports(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="unknown import format"):
        import_file("nope", SAMPLES / "xstest.csv")
    with pytest.raises(DatasetError, match="cannot read"):
        import_file("xstest", tmp_path / "missing.csv")
    (tmp_path / "empty.csv").write_text("id,prompt,type,label\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="no rows"):
        import_file("xstest", tmp_path / "empty.csv")
    (tmp_path / "bad.jsonl").write_text('{"prompt": 1}\n{oops\n', encoding="utf-8")
    with pytest.raises(DatasetError, match=r"bad\.jsonl:2: not valid JSON"):
        import_file("polyguard", tmp_path / "bad.jsonl")
    (tmp_path / "sjis.csv").write_bytes("id,prompt,type,label\n1,ナイフの研ぎ方,safe_contexts,safe\n".encode("cp932"))
    assert import_file("xstest", tmp_path / "sjis.csv").items[0].text == "ナイフの研ぎ方"
    (tmp_path / "noann.csv").write_text("text,score\nこんにちは,1\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="no annotator columns"):
        import_file("toxicity", tmp_path / "noann.csv")
