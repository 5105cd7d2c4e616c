"""The whole pipeline through the real command, as an analyst runs it: import a dataset, extract a report, resolve.

DESIGN's worked example: the seed article's Army Public School attack, extracted with its publication date, must
join UCDP GED's record of the same attack (one-sided violence, TTP against civilians, 146 killed) rather than
found an event of its own; the merged event keeps GED's event id, says 145 best from the article, keeps every
claim of both sources, and shows why the two were linked.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import tacitus

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds" / "000_ac0d5e6cd132f021.txt"
GED_APS_RECORD = "156098"  # GED's one-sided event for the school attack (TTP – Civilians)
GED_APS_STATE_BASED = "156132"  # GED's state-based event of the same day (Government of Pakistan – TTP)


def test_report_joins_the_dataset_record_of_the_same_attack(
    tmp_path: Path, bundled_ged: Path, tacitus_cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    db = tmp_path / "store.duckdb"
    for args in (
        ("import", "ucdp-ged", bundled_ged, "--db", db),
        ("extract", SEED, "--published", "2014-12-20", "--db", db, "-o", tmp_path / "events.jsonl"),
        ("resolve", "--db", db),
    ):
        result = tacitus_cli(*args)
        assert result.returncode == 0, f"{args[0]}: {result.stderr}"

    with tacitus.open(str(db)) as store:
        links = store.links()
        event_of = {f"{d}:{r}": e for e, d, r in links.itertuples(index=False)}
        reports = [key for key in event_of if key.startswith("report:")]
        aps_event = event_of[f"ucdp_ged:{GED_APS_RECORD}"]
        joined = [key for key in reports if event_of[key] == aps_event]
        assert len(joined) == 1, f"the school attack report should join GED {GED_APS_RECORD}: {reports}"
        # The state-based GED event of that day stays its own event (one-to-one per dataset pair).
        assert event_of[f"ucdp_ged:{GED_APS_STATE_BASED}"] != aps_event
        # Background events known only to the year link to nothing.
        assert all(event_of[key] == tacitus.model.event_id_for("report", key.split(":", 1)[1])
                   for key in reports if key not in joined)

        event = store.events(event_id=aps_event).iloc[0]
        assert event["event_id"] == tacitus.model.event_id_for("ucdp_ged", GED_APS_RECORD)  # GED's id is kept
        assert (event["killed_low"], event["killed_best"], event["killed_high"]) == (145, 145, 146)
        assert event["source_count"] == 2
        assert event["target_type"] == "educational_institution"

        claims = store.claims(aps_event)
        killed = claims[claims["field"] == "killed_best"]
        assert set(killed["source_kind"]) == {"document", "dataset"}
        assert set(killed["value"]) == {145, 146}  # typed values, from the report and from GED

    explained = tacitus_cli("resolve", "--db", db, "--explain", aps_event)
    assert explained.returncode == 0, explained.stderr
    assert "same day" in explained.stdout and "same place" in explained.stdout
