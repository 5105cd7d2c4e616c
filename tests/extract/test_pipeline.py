"""The pipeline as components: names, order, and gazetteer entities fixed ahead of the statistical NER."""

from __future__ import annotations

from tacitus.extract import Extractor, ExtractConfig


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
