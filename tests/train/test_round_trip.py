"""`tacitus train` → `tacitus extract --model` through the real CLI, on the own-words development snippets."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tacitus.extract.output import OUTPUT_KEYS
from tacitus.model import ACLED_EVENT_TYPES
from tacitus.train import Coder
from tacitus.train.coder import META_FILE
from tacitus.train.combine import ADD_FLOOR


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# Reports the rules leave without a sub-event type (an incident word, but no cue of any ACLED type and no attack
# type), in our own words: the rules type every development snippet, so these give the model something to fill.
UNTYPED = (
    "Casualties were reported near the border on 4 May 2021.",
    "Local officials spoke of casualties in the hill villages on 2 June 2022.",
    "Hospitals in the district counted casualties on 7 July 2020 without saying how they arose.",
)


@pytest.fixture
def with_gaps(halves: tuple[Path, Path], tmp_path: Path) -> Path:
    """The evaluation half followed by the UNTYPED reports."""
    path = tmp_path / "evaluate_with_gaps.jsonl"
    extra = "".join(json.dumps({"id": f"gap-{i}", "text": t}) + "\n" for i, t in enumerate(UNTYPED))
    path.write_text(halves[1].read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


@pytest.fixture
def permissive(trained: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path) -> Path:
    """A copy of the trained coder whose stored fill threshold is 0, so that it fills every sub-event type the rules
    leave empty: cross-validation on data the rules type completely has no reason to choose a low one, and the
    tests below are about how `extract --model` applies the stored rule, whatever its thresholds."""
    model, _ = trained
    copy = tmp_path / "permissive"
    shutil.copytree(model, copy)
    meta = json.loads((copy / META_FILE).read_text(encoding="utf-8"))
    meta["fields"]["sub_event_type"]["fill_threshold"] = 0.0
    (copy / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    return copy


def test_train_prints_cross_validated_scores_for_model_rules_and_combined(
    trained: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, done = trained
    assert "sub_event_type: 146 examples" in done.stdout
    assert "Peaceful protest" in done.stdout
    weighted = next(line for line in done.stdout.splitlines() if "weighted F1" in line)
    assert all(kind in weighted for kind in ("model", "rules", "combined"))
    assert "not learned (fewer than two classes): attack_type, target_type" in done.stdout


def test_meta_records_what_the_model_was_trained_on(
    trained: tuple[Path, subprocess.CompletedProcess[str]], halves: tuple[Path, Path]
) -> None:
    model, done = trained
    meta = json.loads((model / META_FILE).read_text(encoding="utf-8"))
    assert meta["model_version"].startswith("coder-") and meta["model_version"] in done.stdout
    source = meta["trained_on"]
    assert source["source_kind"] == "jsonl"
    assert source["path"] == str(halves[0].resolve())
    assert source["rows"] == source["examples"] == 146
    assert source["sha256"] == hashlib.sha256(halves[0].read_bytes()).hexdigest()
    assert meta["seed"] == 7 and meta["folds"] == 2 and meta["epochs"] == 3
    assert meta["spacy_version"].startswith("3.") and meta["tacitus_version"]
    assert meta["architecture"]["@architectures"] == "spacy.TextCatEnsemble.v2"
    spec = meta["fields"]["sub_event_type"]
    assert 0.0 <= spec["fill_threshold"] <= 1.0
    assert set(spec["labels"]) == {s for subs in ACLED_EVENT_TYPES.values() for s in subs}
    combined = spec["cv_weighted_f1"]["combined"]
    # The thresholds were chosen to maximise the combination, so it never scores below the rules alone.
    assert combined >= spec["cv_weighted_f1"]["rules"]


def test_extract_with_model_fills_what_the_rules_leave_empty_and_names_the_model(
    permissive: Path,
    with_gaps: Path,
    tacitus_cli: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    model = permissive
    rules_run = tacitus_cli("extract", with_gaps, "--no-ner")
    model_run = tacitus_cli("extract", with_gaps, "--no-ner", "--model", model)
    assert rules_run.returncode == 0 and model_run.returncode == 0, model_run.stderr
    by_rules, by_model = _jsonl(rules_run.stdout), _jsonl(model_run.stdout)
    coder = Coder(model)
    fill = coder.heads[0].thresholds.fill

    # Every output object keeps the interface's keys and names the model that coded it.
    assert by_model and all(list(row)[: len(OUTPUT_KEYS)] == list(OUTPUT_KEYS) for row in by_model)
    assert {row["coder"] for row in by_model} == {coder.version}
    assert all(row["coder"] is None for row in by_rules)
    # The model never removes an event.
    model_ids = {row["event_id"] for row in by_model}
    assert {row["event_id"] for row in by_rules} <= model_ids

    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in with_gaps.read_text().splitlines()}
    model_rows = {row["event_id"]: row for row in by_model}
    filled = 0
    for row in by_rules:
        if row["sub_event_type"] is not None or row["background"]:
            continue
        label, prob = coder.predict([texts[row["doc_id"]]])[0]["sub_event_type"]
        coded = model_rows[row["event_id"]]
        if prob >= fill:
            filled += 1
            assert coded["sub_event_type"] == label
            assert label in ACLED_EVENT_TYPES[coded["event_type"]]
        else:
            assert coded["sub_event_type"] is None
    # Documents where the rules found nothing: an event of the model's type when it is confident enough.
    ruled_docs = {row["doc_id"] for row in by_rules}
    for doc_id, text in texts.items():
        if doc_id in ruled_docs:
            continue
        label, prob = coder.predict([text])[0]["sub_event_type"]
        added = [row for row in by_model if row["doc_id"] == doc_id]
        if prob >= max(fill, ADD_FLOOR):
            filled += 1
            assert [row["sub_event_type"] for row in added] == [label]
            assert added[0]["evidence"] == {}
        else:
            assert added == []
    assert filled > 0, "the model filled no empty sub-event type: the test data no longer exercises the rule"


def test_same_seed_gives_the_same_model_version(
    halves: tuple[Path, Path],
    tmp_path: Path,
    tacitus_cli: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    versions = []
    for name in ("one", "two"):
        done = tacitus_cli(
            "train", "--from", halves[0], "-o", tmp_path / name, "--folds", "0", "--epochs", "1", "--seed", "3"
        )
        assert done.returncode == 0, done.stderr
        versions.append(Coder(tmp_path / name).version)
    assert versions[0] == versions[1]


def test_extract_with_a_broken_coder_directory_fails_in_one_line(
    tmp_path: Path,
    halves: tuple[Path, Path],
    tacitus_cli: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    model = tmp_path / "broken"
    model.mkdir()
    (model / META_FILE).write_text("{not json", encoding="utf-8")
    done = tacitus_cli("extract", halves[1], "--no-ner", "--model", model)
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and META_FILE in done.stderr


def test_values_the_model_sets_carry_model_claims_without_spans(permissive: Path, with_gaps: Path) -> None:
    from tacitus.extract import ExtractConfig, Extractor
    from tacitus.store.base import Document
    from tacitus.train.apply import code_results

    coder = Coder(permissive)
    rows = [json.loads(line) for line in with_gaps.read_text(encoding="utf-8").splitlines()[-40:]]
    results = list(Extractor(ExtractConfig(use_ner=False)).pipe(Document(r["id"], r["text"]) for r in rows))
    before = {id(rec): (dict(rec.values), list(rec.claims)) for res in results for rec in res.records}
    code_results(coder, results)
    changed = 0
    for record in (rec for res in results for rec in res.records):
        assert record.values["coder"] == coder.version
        values, claims = before.get(id(record), ({}, []))
        assert record.claims[: len(claims)] == claims  # the rules' claims stay, in order
        added = record.claims[len(claims) :]
        assert all(c.source_kind == "model" and c.source_id == coder.version and c.start is None for c in added)
        for name in ("sub_event_type", "event_type"):
            if record.values.get(name) != values.get(name):
                changed += 1
                claim = next(c for c in added if c.field == name)
                assert claim.value == record.values[name] and 0.0 < claim.confidence <= 1.0
    assert changed > 0
