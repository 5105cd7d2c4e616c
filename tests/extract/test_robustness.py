"""Awkward input never crashes a batch: it gives zero events or one clear message, and the rest goes on."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tacitus.extract import Extractor
from tacitus.extract.cli import extract_command
from tacitus.extract.reader import html_main_text, iter_inputs
from tacitus.store.base import Document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
GOOD = "A roadside bomb killed two soldiers in Bannu on 3 May 2012."


def test_empty_and_whitespace_texts_give_no_events(extractor: Extractor) -> None:
    assert extractor.extract_text("") == []
    assert extractor.extract_text(" \n\t ") == []


def test_texts_without_violence_give_no_events(extractor: Extractor) -> None:
    for name in ("opinion.txt", "cricket.txt", "urdu.txt"):
        assert extractor.extract_text((FIXTURES / name).read_text(encoding="utf-8")) == [], name


def test_five_megabyte_text_is_cut_with_a_warning(extractor: Extractor) -> None:
    big = GOOD + " " + ("The weather was calm and the markets were open. " * 110_000)
    assert len(big) > 5_000_000
    [result] = list(extractor.pipe([Document("big", big)]))
    assert result.error is None
    assert result.warnings and "cut" in result.warnings[0]
    assert result.records[0].values["killed_best"] == 2


def test_binary_and_invalid_utf8_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    (tmp_path / "b.txt").write_bytes(GOOD.encode() + b" \xff\xfe broken bytes")
    warnings: list[str] = []
    items = list(iter_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], warnings=warnings))
    assert "binary input" in str(items[0])
    assert isinstance(items[1], Document) and items[1].text.startswith(GOOD)
    assert "invalid UTF-8" in warnings[0]
    result = CliRunner().invoke(extract_command, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 1
    assert result.stdout.count('"event_id"') == 1
    assert "binary input" in result.stderr


def test_html_keeps_main_text_only() -> None:
    text, title, published = html_main_text((FIXTURES / "market_blast.html").read_text(encoding="utf-8"))
    assert "killing six shoppers" in text
    for noise in ("99 people", "300 wounded", "twelve soldiers", "40 in another city", "newsletter", "rights reserved"):
        assert noise not in text
    assert title == "Blast in Kohat market kills six"
    assert published is not None and published.isoformat() == "2013-08-14"


def test_html_file_end_to_end(extractor: Extractor) -> None:
    [doc] = list(iter_inputs([str(FIXTURES / "market_blast.html")]))
    assert isinstance(doc, Document)
    [record] = extractor.extract(doc)
    v = record.values
    assert (v["date"].isoformat(), v["place"], v["killed_best"], v["wounded_best"]) == ("2013-08-13", "Kohat", 6, 19)


def test_a_failing_document_does_not_stop_the_batch(extractor: Extractor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tacitus.extract import assemble

    real = assemble.build_records

    def flaky(analysis, geocoder):  # type: ignore[no-untyped-def]
        if analysis.doc_id == "bad":
            raise RuntimeError("boom")
        return real(analysis, geocoder)

    monkeypatch.setattr("tacitus.extract.pipeline.build_records", flaky)
    results = list(extractor.pipe([Document("a", GOOD), Document("bad", GOOD), Document("c", GOOD)]))
    assert [r.error is None for r in results] == [True, False, True]
    assert "boom" in (results[1].error or "")
    assert len(results[0].records) == len(results[2].records) == 1


def test_unresolvable_place_keeps_the_event(extractor: Extractor) -> None:
    [record] = extractor.extract_text("Gunmen killed two guards in Xqzzyville on 3 May 2012.")
    assert record.values["killed_best"] == 2
    assert record.values["place"] is None
