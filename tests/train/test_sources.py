"""Where labels come from: ACLED- and GTD-shaped exports (real column layouts, own-words texts), a store's
reviewed events, and the errors a user sees for a file that cannot be trained on.

The exports are generated here from the layouts of the synthetic import fixtures, with the development snippets
as `notes` / `summary`: no ACLED or GTD row is ever in the repository.
"""

from __future__ import annotations

import csv
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pytest

import tacitus
from tacitus.store.review import correct, current_version
from tacitus.train import from_store
from tacitus.train.coder import META_FILE

from .conftest import dev_rows

Cli = Callable[..., subprocess.CompletedProcess[str]]
# A few sub-event types with a GTD attack and target type a coder would give them.
GTD_CODING = {
    "Remote explosive/landmine/IED": ("Bombing/Explosion", "Military"),
    "Abduction/forced disappearance": ("Hostage Taking (Kidnapping)", "Private Citizens & Property"),
    "Attack": ("Armed Assault", "Private Citizens & Property"),
    "Looting/property destruction": ("Facility/Infrastructure Attack", "Business"),
}


def _snippets(types: set[str], count: int) -> list[dict[str, Any]]:
    return [r for r in dev_rows() if r["gold"]["sub_event_type"] in types][:count]


def _template(path: Path) -> tuple[list[str], dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), next(reader)


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def acled_export(template: Path, path: Path, drop: str | None = None, empty_notes: int = 0) -> Path:
    header, row = _template(template)
    rows = []
    snippets = _snippets(
        {"Peaceful protest", "Arrests", "Remote explosive/landmine/IED", "Abduction/forced disappearance"}, 40
    )
    for i, snippet in enumerate(snippets + snippets[:empty_notes]):
        gold = snippet["gold"]
        rows.append(
            {
                **row,
                "event_id_cnty": f"TST{i:04d}",
                "event_type": gold["event_type"],
                "sub_event_type": gold["sub_event_type"],
                "civilian_targeting": "",
                "notes": "" if i >= len(snippets) else snippet["text"],
            }
        )
    header = [h for h in header if h != drop]
    return _write_csv(path, header, [{k: v for k, v in r.items() if k != drop} for r in rows])


def gtd_rows(template: Path) -> tuple[list[str], list[dict[str, str]]]:
    header, row = _template(template)
    rows = []
    for i, snippet in enumerate(_snippets(set(GTD_CODING), 32)):
        attack, target = GTD_CODING[snippet["gold"]["sub_event_type"]]
        rows.append(
            {
                **row,
                "eventid": f"2020010100{i:02d}",
                "attacktype1_txt": attack,
                "targtype1_txt": target,
                "suicide": "0",
                "summary": snippet["text"],
            }
        )
    return header, rows


def _meta(model: Path) -> dict[str, Any]:
    return json.loads((model / META_FILE).read_text(encoding="utf-8"))


def test_acled_export_trains_sub_event_and_attack_types(acled_sample: Path, tmp_path: Path, tacitus_cli: Cli) -> None:
    export = acled_export(acled_sample, tmp_path / "acled.csv", empty_notes=2)
    done = tacitus_cli("train", "--from", export, "-o", tmp_path / "m", "--folds", "2", "--epochs", "2")
    assert done.returncode == 0, done.stderr
    assert "acled: 40 labelled examples from 42 rows (2 without text or labels skipped)" in done.stderr
    meta = _meta(tmp_path / "m")
    assert meta["trained_on"]["source_kind"] == "acled" and meta["trained_on"]["rows"] == 42
    assert set(meta["fields"]["sub_event_type"]["labels"]) == {
        "Peaceful protest",
        "Arrests",
        "Remote explosive/landmine/IED",
        "Abduction/forced disappearance",
    }
    # ACLED's IED and abduction rows carry GTD attack types through the import crosswalk, so those are learned too.
    assert set(meta["fields"]["attack_type"]["labels"]) == {"bombing_explosion", "hostage_taking_kidnapping"}


def test_gtd_export_as_csv_trains_attack_and_target_types(gtd_sample: Path, tmp_path: Path, tacitus_cli: Cli) -> None:
    header, rows = gtd_rows(gtd_sample)
    export = _write_csv(tmp_path / "gtd.csv", header, rows)
    done = tacitus_cli("train", "--from", export, "-o", tmp_path / "m", "--folds", "2", "--epochs", "2")
    assert done.returncode == 0, done.stderr
    meta = _meta(tmp_path / "m")
    assert meta["trained_on"]["source_kind"] == "gtd"
    assert set(meta["fields"]) == {"attack_type", "target_type"}
    assert "military" in meta["fields"]["target_type"]["labels"]
    assert "attack_type:" in done.stdout and "target_type:" in done.stdout


def test_gtd_export_as_xlsx(gtd_sample: Path, tmp_path: Path, tacitus_cli: Cli) -> None:
    header, rows = gtd_rows(gtd_sample)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(h, "") for h in header])
    book.save(tmp_path / "gtd.xlsx")
    done = tacitus_cli("train", "--from", tmp_path / "gtd.xlsx", "-o", tmp_path / "m", "--folds", "0", "--epochs", "1")
    assert done.returncode == 0, done.stderr
    assert _meta(tmp_path / "m")["trained_on"]["examples"] == len(rows)


@pytest.mark.parametrize("column", ["sub_event_type", "notes"])
def test_acled_export_without_a_needed_column_fails_in_one_line(
    acled_sample: Path, tmp_path: Path, tacitus_cli: Cli, column: str
) -> None:
    export = acled_export(acled_sample, tmp_path / "acled.csv", drop=column)
    done = tacitus_cli("train", "--from", export, "-o", tmp_path / "m")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert str(export) in done.stderr and repr(column) in done.stderr
    assert not (tmp_path / "m").exists()


def test_gtd_export_without_summary_fails_in_one_line(gtd_sample: Path, tmp_path: Path, tacitus_cli: Cli) -> None:
    header, rows = gtd_rows(gtd_sample)
    export = _write_csv(
        tmp_path / "gtd.csv",
        [h for h in header if h != "summary"],
        [{k: v for k, v in r.items() if k != "summary"} for r in rows],
    )
    done = tacitus_cli("train", "--from", export, "-o", tmp_path / "m")
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0
    assert f"{export}:1: field 'summary'" in done.stderr


def test_jsonl_without_labels_names_file_and_field(tmp_path: Path, tacitus_cli: Cli) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_text('{"text": "Police detained two men."}\n', encoding="utf-8")
    done = tacitus_cli("train", "--from", path, "-o", tmp_path / "m")
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0
    assert str(path) in done.stderr and "'sub_event_type'" in done.stderr


def test_jsonl_with_a_value_outside_the_codebook_names_the_line(tmp_path: Path, tacitus_cli: Cli) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"text": "a", "gold": {"sub_event_type": "Arrests"}}\n{"text": "b", "gold": {"sub_event_type": "Arrest"}}\n',
        encoding="utf-8",
    )
    done = tacitus_cli("train", "--from", path, "-o", tmp_path / "m")
    assert done.returncode == 2
    assert f"{path}:2: field 'sub_event_type': 'Arrest' is not a codebook value" in done.stderr


def test_store_examples_are_reviewed_or_corrected_events_never_rejected_ones(tmp_path: Path, tacitus_cli: Cli) -> None:
    # Types the current rules already find as events (the store holds what extraction found).
    snippets = _snippets({"Remote explosive/landmine/IED", "Shelling/artillery/missile attack", "Grenade"}, 8)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": s["id"], "text": s["text"]}) + "\n" for s in snippets), encoding="utf-8")
    db = tmp_path / "store.duckdb"
    done = tacitus_cli("extract", feed, "--no-ner", "--db", db)
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(db))
    events = con.execute(
        "SELECT e.event_id, r.doc_id, r.record_key FROM events e JOIN records r USING (event_id) ORDER BY r.doc_id"
    ).fetchall()
    assert len(events) >= 4
    gold = {s["id"]: s["gold"]["sub_event_type"] for s in snippets}
    texts = {s["id"]: s["text"] for s in snippets}
    (e1, d1, _), (e2, d2, _), (e3, d3, _), (e4, _, _) = events[:4]
    for event_id, doc_id in ((e1, d1), (e2, d2), (e3, d3)):
        con.execute("UPDATE events SET sub_event_type = ? WHERE event_id = ?", [gold[doc_id], event_id])
    con.execute("UPDATE events SET review_status = 'reviewed' WHERE event_id IN (?, ?)", [e1, e2])
    con.execute("UPDATE events SET review_status = 'rejected' WHERE event_id = ?", [e4])
    con.close()
    # A workbench correction, made through the review API the workbench uses.
    with tacitus.open(str(db)) as store:
        correct(store, e3, {"sub_event_type": gold[d3]}, user="coder", reason="read the report",
                expected_version=current_version(store, e3))

    data = from_store(str(db))
    assert data.source_kind == "store" and data.rows == 3
    assert sorted((e.text, e.labels["sub_event_type"]) for e in data.examples) == sorted(
        (texts[d], gold[d]) for d in (d1, d2, d3)
    )


def test_store_without_reviewed_events_fails_in_one_line(tmp_path: Path, tacitus_cli: Cli) -> None:
    db = tmp_path / "empty.duckdb"
    assert tacitus_cli("init", "--db", db).returncode == 0
    done = tacitus_cli("train", "--from-store", db, "-o", tmp_path / "m")
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0
    assert f"{db}: no reviewed or corrected event" in done.stderr
