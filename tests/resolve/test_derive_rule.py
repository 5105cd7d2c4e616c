"""The low/best/high rule's precedence: latest report first, then datasets with their own best estimate."""

from __future__ import annotations

import pandas as pd

from tacitus.resolve.derive import derive_event, toll_range


def _records(rows: list[dict]) -> pd.DataFrame:
    columns = ["record_key", "dataset", "reported_at", "killed_low", "killed_best", "killed_high", "wounded_low",
               "wounded_best", "wounded_high"]
    return pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns)


def test_a_dataset_best_estimate_beats_a_list_minimum_whatever_the_record_order():
    rows = [
        {"record_key": "pbc_suicide:3", "dataset": "pbc_suicide", "killed_low": 132, "killed_best": 132,
         "killed_high": 148},
        {"record_key": "ucdp_ged:1", "dataset": "ucdp_ged", "killed_low": 145, "killed_best": 146,
         "killed_high": 150},
    ]
    for order in (rows, rows[::-1]):
        values = derive_event(_records(order))
        assert (values["killed_low"], values["killed_best"], values["killed_high"]) == (132, 146, 150)


def test_the_latest_report_gives_best_even_beside_datasets():
    values = derive_event(_records([
        {"record_key": "ucdp_ged:1", "dataset": "ucdp_ged", "killed_low": 145, "killed_best": 146,
         "killed_high": 150},
        {"record_key": "report:a#1", "dataset": "report", "reported_at": "2014-12-17", "killed_best": 141},
        {"record_key": "report:b#1", "dataset": "report", "reported_at": "2014-12-18", "killed_best": 145},
        {"record_key": "report:c#1", "dataset": "report", "reported_at": "2014-12-16", "killed_low": 84,
         "killed_best": 84},
    ]))
    assert (values["killed_low"], values["killed_best"], values["killed_high"]) == (84, 145, 150)
    assert values["source_count"] == 4


def test_toll_range_keeps_low_best_high_ordered():
    assert toll_range([None, 5], [None, 7], [None, None]) == (5, 7, 7)
    assert toll_range([], [], []) == (None, None, None)
