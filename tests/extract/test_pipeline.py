"""The pipeline as components: names, order, and gazetteer entities fixed ahead of the statistical NER."""

from __future__ import annotations

from tacitus.extract import ExtractConfig, Extractor


def test_components_in_order(extractor: Extractor) -> None:
    assert extractor.nlp.pipe_names == [
        "sentencizer",
        "tacitus_gazetteer",
        "ner",
        "tacitus_dates",
        "tacitus_casualties",
        "tacitus_actors",
        "tacitus_events",
    ]


def test_gazetteer_names_win_over_statistical_labels(extractor: Extractor) -> None:
    doc = extractor.nlp(extractor.nlp.make_doc("Militants attacked a checkpoint in Bajaur; the TTP said it did it."))
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Bajaur"] == "GPE"  # the small model alone calls it a person
    assert labels["TTP"] == "ORG"


def test_rules_only_pipeline_without_ner() -> None:
    ex = Extractor(ExtractConfig(use_ner=False))
    assert "ner" not in ex.nlp.pipe_names
    [record] = ex.extract_text("A bomb killed two soldiers in Miranshah on 3 May 2012.")
    assert (record.values["killed_best"], record.values["admin2"]) == (2, "North Waziristan")


def test_batch_api_reads_files_and_gives_a_frame(extractor: Extractor) -> None:
    from pathlib import Path

    from tacitus.extract import read_documents, records_frame

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
    paths = [str(fixtures / "two_incidents.txt"), str(fixtures / "incidents.jsonl")]
    results = list(extractor.pipe(read_documents(paths)))
    assert len(results) == 1 + sum(1 for _ in (fixtures / "incidents.jsonl").open(encoding="utf-8"))
    frame = records_frame(r for res in results for r in res.records)
    assert {"doc_id", "event_id", "killed_best", "perpetrator"} <= set(frame.columns)
    assert frame["event_id"].is_unique
    assert (frame.loc[frame["doc_id"] == "fx-01", "killed_best"] == 5).all()
