"""`tacitus extract` end to end: output contract, evidence offsets, the store, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from click.testing import CliRunner

from tacitus.extract.cli import extract_command
from tacitus.extract.output import OUTPUT_KEYS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


def run(*args: str, input: str | bytes | None = None) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(extract_command, list(args), input=input)
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, rows, result.stderr


def test_jsonl_contract_and_evidence_offsets() -> None:
    code, rows, _ = run(str(FIXTURES / "two_incidents.txt"))
    assert code == 0
    assert len(rows) == 2
    text = (FIXTURES / "two_incidents.txt").read_text(encoding="utf-8")
    for row in rows:
        assert list(row)[: len(OUTPUT_KEYS)] == list(OUTPUT_KEYS)
        assert "evidence" in row
        for spans in row["evidence"].values():
            for span in spans:
                assert text[span["start"] : span["end"]] == span["text"]
    second = rows[1]
    assert (second["place"], second["perpetrator"], second["wounded_best"]) == ("Khuzdar", "BRA", 3)


def test_jsonl_input_with_ids_and_publication_dates(tmp_path: Path) -> None:
    source = tmp_path / "feed.jsonl"
    source.write_text(
        json.dumps(
            {"id": "r1", "text": "Two policemen died when a bomb hit Hangu on Monday.", "published": "2016-03-09"}
        )
        + "\n",
        encoding="utf-8",
    )
    code, [row], _ = run(str(source))
    assert (code, row["doc_id"], row["date"], row["killed_best"]) == (0, "r1", "2016-03-07", 2)


def test_stdin_and_csv_output_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(
        extract_command,
        ["-", "--format", "csv", "-o", str(out)],
        input="Gunmen killed a cleric in Quetta on 2 May 2012.",
    )
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("doc_id,event_id,date")
    assert len(lines) == 2
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_db_store_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    for _ in range(2):
        code, _, err = run(str(FIXTURES / "two_incidents.txt"), "--db", str(db))
        assert code == 0, err
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM records WHERE dataset = 'report'").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)
        claims = con.execute("SELECT count(*) FROM claims").fetchone()
        assert claims is not None and claims[0] > 10
    finally:
        con.close()


def test_bad_jsonl_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(
        '{"id": "ok", "text": "A bomb killed three soldiers in Bannu on 3 May 2012."}\n'
        '{"id": "no-text"}\n'
        "not json at all\n"
        '{"text": "x", "published": "yesterday"}\n',
        encoding="utf-8",
    )
    code, rows, err = run(str(source))
    assert code == 1
    assert [r["doc_id"] for r in rows] == ["ok"]
    assert f"{source}:2: field 'text'" in err
    assert f"{source}:3: not valid JSON" in err
    assert f"{source}:4: field 'published'" in err
    assert "Traceback" not in err


def test_missing_file_and_unknown_type(tmp_path: Path) -> None:
    other = tmp_path / "table.xlsx"
    other.write_bytes(b"PK")
    code, rows, err = run(str(tmp_path / "nope.txt"), str(other), str(FIXTURES / "two_incidents.txt"))
    assert code == 1
    assert len(rows) == 2
    assert "nope.txt" in err and "unsupported file type" in err


def test_bad_published_option() -> None:
    result = CliRunner().invoke(extract_command, ["-", "--published", "20-12-2014"], input="x")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_worker_processes_give_the_same_output() -> None:
    paths = [str(FIXTURES / "two_incidents.txt"), str(FIXTURES / "market_blast.html")]
    _, single, _ = run(*paths)
    code, parallel, err = run(*paths, "--jobs", "2", "--batch-size", "1")
    assert code == 0, err
    assert parallel == single
    assert len(single) == 3


def test_defused_bomb_is_a_jsonl_event_with_success_false() -> None:
    text = "On 4 June 2013 a pressure-cooker bomb left outside a girls school in Charsadda was found and defused.\n"
    code, rows, _ = run("-", input=text)
    assert code == 0 and len(rows) == 1
    assert (rows[0]["attack_type"], rows[0]["success"]) == ("bombing_explosion", False)
    (span,) = rows[0]["evidence"]["success"]
    assert text[span["start"] : span["end"]] == span["text"]
