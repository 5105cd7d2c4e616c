"""`tacitus users`, and the review additions to `tacitus export` (history, --reviewed-only), as real processes."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import tacitus
from tacitus.store.review import correct, current_version, set_status


def test_users_add_refuses_bad_input_in_one_line(new_store: Callable[..., str], tacitus_argv: list[str],
                                                 template_store: tuple[str, Any, Any]) -> None:
    import subprocess

    db = new_store(copy_of=template_store[0])

    def users(*args: str, stdin: str = "secret\n") -> CompletedProcess[str]:
        return subprocess.run([*tacitus_argv, "users", *args, "--db", str(db)], input=stdin, capture_output=True,
                              text=True, timeout=120, check=False)

    for args, words in ((("add", "coder", "--role", "coder", "--password-stdin"), "already exists"),
                        (("add", "bad name", "--role", "coder", "--password-stdin"), "user name"),
                        (("add", "newbie", "--role", "coder"), "--password-stdin"),
                        (("token", "nobody"), "no user")):
        done = users(*args)
        assert done.returncode == 2, args
        assert words in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    empty = users("add", "newbie", "--role", "coder", "--password-stdin", stdin="\n")
    assert empty.returncode == 2 and "empty" in empty.stderr
    assert users("add", "newbie", "--role", "owner", "--password-stdin").returncode == 2  # click's choice check
    listed = users("list")
    assert listed.stdout.split() == ["admin", "admin", "coder", "coder", "reviewer", "reviewer", "viewer", "viewer"]
    # Only hashes are stored: neither the password nor any token appears in the store.
    with tacitus.open(str(db)) as store:
        stored = (store.sql("SELECT password_hash FROM users").to_string()
                  + store.sql("SELECT * FROM api_tokens").to_string())
    assert "correct horse" not in stored and "tac_" not in stored
    assert "$argon2" in stored


def test_serve_refuses_a_missing_store(tmp_path: Path, tacitus_cli: Callable[..., CompletedProcess[str]]) -> None:
    done = tacitus_cli("serve", "--db", tmp_path / "typo.duckdb", "--port", "1")
    assert done.returncode == 2
    assert "no such store" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "typo.duckdb").exists()


def test_export_history_and_reviewed_only(tmp_path: Path, tacitus_cli: Callable[..., CompletedProcess[str]],
                                          new_store: Callable[..., str],
                                          template_store: tuple[str, dict[str, str], Any]) -> None:
    db = new_store(copy_of=template_store[0])
    events = template_store[1]
    with tacitus.open(str(db)) as store:
        correct(store, events["quetta"], {"killed_best": 71, "place": "Quetta city"}, user="coder",
                reason="hospital list", expected_version=current_version(store, events["quetta"]))
        set_status(store, events["quetta"], "reviewed", user="reviewer", reason="checked",
                   expected_version=current_version(store, events["quetta"]))
        set_status(store, events["karachi"], "rejected", user="reviewer", reason="not an attack",
                   expected_version=current_version(store, events["karachi"]))

    done = tacitus_cli("export", "--db", db, "--format", "history", "-o", tmp_path / "history.csv")
    assert done.returncode == 0, done.stderr
    with (tmp_path / "history.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["event_id"], r["user"], r["field"], json.loads(r["before"]), json.loads(r["after"]), r["reason"])
            for r in rows] == [
        (events["quetta"], "coder", "killed_best", 70, 71, "hospital list"),
        (events["quetta"], "coder", "place", "Quetta", "Quetta city", "hospital list"),
        (events["quetta"], "reviewer", "review_status", "unreviewed", "reviewed", "checked"),
        (events["karachi"], "reviewer", "review_status", "unreviewed", "rejected", "not an attack"),
    ]
    assert all(r["at"] for r in rows)

    done = tacitus_cli("export", "--db", db, "--format", "csv", "--reviewed-only", "-o", tmp_path / "ok.csv")
    assert done.returncode == 0, done.stderr
    with (tmp_path / "ok.csv").open(encoding="utf-8") as handle:
        accepted = list(csv.DictReader(handle))
    assert [(r["event_id"], r["killed_best"], r["review_status"]) for r in accepted] == [
        (events["quetta"], "71", "reviewed")]
    sindh = tacitus_cli("export", "--db", db, "--format", "history", "--admin1", "Sindh", "-o", tmp_path / "s.csv")
    assert sindh.returncode == 0 and sindh.stdout.startswith("1 rows")
