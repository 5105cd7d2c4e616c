"""The JSON API contract (issue 9), against the real `tacitus serve` on a real DuckDB file."""

from __future__ import annotations

import subprocess
from typing import Any

from tacitus.model import CODED_FIELDS


def test_health_needs_no_login(server: Any) -> None:
    reply = server.request("GET", "/api/health")
    assert (reply.status, reply.data) == (200, {"status": "ok"})


def test_events_need_a_token(server: Any) -> None:
    assert server.request("GET", "/api/events").status == 401
    assert server.request("GET", "/api/events", token="tac_not-a-token").status == 401
    assert server.request("GET", "/api/events", headers={"Authorization": "Basic eDp5"}).status == 401


def test_queue_in_review_priority_with_filters(server: Any, events: dict[str, str]) -> None:
    viewer = server.as_role("viewer")
    reply = viewer("GET", "/api/events?status=unreviewed&limit=10")
    assert reply.status == 200
    assert reply.data["total"] == 4
    listed = [e["event_id"] for e in reply.data["events"]]
    # The Bannu event's sources disagree (7 killed vs 9) and it comes from a report: it is reviewed first.
    assert listed[0] == events["bannu"]
    assert reply.data["events"][0]["conflict"] == 1
    assert set(CODED_FIELDS) <= set(reply.data["events"][0])
    assert viewer("GET", "/api/events?limit=2").data["events"] == reply.data["events"][:2]

    reports = viewer("GET", "/api/events?status=unreviewed&limit=10&dataset=report").data
    assert [e["event_id"] for e in reports["events"]] == [events["bannu"]]
    ttp = viewer("GET", "/api/events?limit=10&actor=TTP").data
    assert {e["event_id"] for e in ttp["events"]} == {events["bannu"], events["peshawar"]}
    assert ttp["total"] == 2
    sindh = viewer("GET", "/api/events?admin1=Sindh&start=2014&end=2014").data
    assert [e["event_id"] for e in sindh["events"]] == [events["karachi"]]


def test_queue_rejects_bad_parameters_in_one_line(server: Any) -> None:
    viewer = server.as_role("viewer")
    reply = viewer("GET", "/api/events?colour=red")
    assert reply.status == 400 and "colour" in reply.data["error"]
    reply = viewer("GET", "/api/events?start=last-week")
    assert reply.status == 400 and "not a date" in reply.data["error"]
    assert viewer("GET", "/api/events?limit=0").status == 400


def test_event_has_fields_claims_version_and_etag(server: Any, events: dict[str, str]) -> None:
    reply = server.as_role("viewer")("GET", f"/api/events/{events['bannu']}")
    assert reply.status == 200
    event = reply.data
    assert event["event_id"] == events["bannu"]
    assert event["place"] == "Bannu" and event["perpetrator"] == "TTP"
    assert reply.headers["etag"] == f'"{event["version"]}"'
    spans = [c for c in event["claims"] if c["source_kind"] == "document"]
    cells = [c for c in event["claims"] if c["source_kind"] == "dataset"]
    killed = next(c for c in spans if c["field"] == "killed_best")
    text = event["documents"][0]["text"]
    assert text[killed["span"]["start"]:killed["span"]["end"]] == "killing 7 officers"
    assert {c["column"] for c in cells if c["field"] == "killed_best"} == {"killed_best"}
    assert {r["dataset"] for r in event["records"]} == {"report", "synthetic"}
    assert server.as_role("viewer")("GET", "/api/events/ev_missing").status == 404


def test_correction_etag_stale_and_invalid(server: Any, events: dict[str, str]) -> None:
    coder = server.as_role("coder")
    path = f"/api/events/{events['quetta']}"
    etag = coder("GET", path).headers["etag"]
    done = coder("PATCH", path, body={"fields": {"killed_best": 68}, "reason": "the report's second count"},
                 headers={"If-Match": etag})
    assert done.status == 200
    assert done.data["killed_best"] == 68
    assert done.headers["etag"] != etag and done.headers["etag"] == f'"{done.data["version"]}"'
    review_claim = [c for c in done.data["claims"] if c["source_kind"] == "review"]
    assert [(c["field"], c["value"], c["author"]) for c in review_claim] == [("killed_best", 68, "coder")]

    stale = coder("PATCH", path, body={"fields": {"killed_best": 1}, "reason": "x"}, headers={"If-Match": etag})
    assert stale.status == 409
    assert coder("GET", path).data["killed_best"] == 68

    fresh = done.headers["etag"]
    for fields, words in (({"attack_type": "explosion"}, "attack_type"), ({"killed_best": -3}, "negative"),
                          ({"date": "8 Aug"}, "YYYY-MM-DD"), ({"colour": "red"}, "colour")):
        bad = coder("PATCH", path, body={"fields": fields, "reason": "r"}, headers={"If-Match": fresh})
        assert bad.status == 422, fields
        assert words in bad.data["error"] and "\n" not in bad.data["error"]
    no_reason = coder("PATCH", path, body={"fields": {"killed_best": 2}}, headers={"If-Match": fresh})
    assert no_reason.status == 422 and "reason" in no_reason.data["error"]
    assert coder("PATCH", path, body={"fields": {"killed_best": 2}, "reason": "r"}).status == 428
    assert server.as_role("viewer")("PATCH", path, body={"fields": {"killed_best": 2}, "reason": "r"},
                                     headers={"If-Match": fresh}).status == 403
    assert server.request("PATCH", path, body={"fields": {"killed_best": 2}, "reason": "r"},
                          headers={"If-Match": fresh}).status == 401

    history = coder("GET", f"{path}/history")
    assert history.status == 200
    entry = history.data["history"][-1]
    assert {k: entry[k] for k in ("user", "field", "before", "after", "reason")} == {
        "user": "coder", "field": "killed_best", "before": 70, "after": 68, "reason": "the report's second count"}
    assert entry["at"]


def test_accept_and_reject(server: Any, events: dict[str, str]) -> None:
    reviewer = server.as_role("reviewer")
    path = f"/api/events/{events['karachi']}"
    etag = reviewer("GET", path).headers["etag"]
    assert server.as_role("coder")("POST", f"{path}/review", body={"status": "accepted"},
                                    headers={"If-Match": etag}).status == 403
    done = reviewer("POST", f"{path}/review", body={"status": "accepted", "reason": "checked"},
                    headers={"If-Match": etag})
    assert done.status == 200 and done.data["review_status"] == "reviewed"
    assert reviewer("GET", path).data["review_status"] == "reviewed"
    accepted = reviewer("GET", "/api/events?status=accepted").data
    assert [e["event_id"] for e in accepted["events"]] == [events["karachi"]]
    unreviewed = reviewer("GET", "/api/events?status=unreviewed&limit=10").data
    assert events["karachi"] not in [e["event_id"] for e in unreviewed["events"]]
    rejected = reviewer("POST", f"{path}/review", body={"status": "rejected"},
                        headers={"If-Match": done.headers["etag"]})
    assert rejected.status == 200
    assert reviewer("GET", f"{path}/history").data["history"][-1]["after"] == "rejected"


def test_event_page_escapes_stored_text(server: Any, events: dict[str, str]) -> None:
    page = server.as_role("viewer")("GET", f"/events/{events['bannu']}")
    assert page.status == 200
    assert "<script>alert(" not in page.data
    assert "&lt;script&gt;alert(" in page.data
    assert 'data-fields="killed_best killed_high killed_low"' in page.data


def test_users_route_is_for_admins(server: Any) -> None:
    admin = server.as_role("admin")
    names = {u["name"]: u["role"] for u in admin("GET", "/api/users").data["users"]}
    assert names == {"viewer": "viewer", "coder": "coder", "reviewer": "reviewer", "admin": "admin"}
    made = admin("POST", "/api/users", body={"name": "dana", "role": "coder", "password": "a long one"})
    assert made.status == 201
    assert admin("POST", "/api/users", body={"name": "dana", "role": "coder", "password": "x"}).status == 422
    assert admin("POST", "/api/users", body={"name": "eve", "role": "owner", "password": "x"}).status == 422


def test_corrections_and_wrong_links_survive_restart_and_resolve(
    server: Any, events: dict[str, str], tacitus_argv: list[str]
) -> None:
    reviewer = server.as_role("reviewer")
    path = f"/api/events/{events['bannu']}"
    etag = reviewer("GET", path).headers["etag"]
    fixed = reviewer("PATCH", path, body={"fields": {"killed_best": 8, "place": "Bannu Cantonment"},
                                          "reason": "the police statement"}, headers={"If-Match": etag})
    assert fixed.status == 200
    # Undo buttons carry the earlier value as JSON in a single-quoted attribute: text values survive intact.
    assert """data-field="place" data-before='"Bannu"'""" in reviewer("GET", f"/events/{events['bannu']}").data
    wrong = reviewer("POST", f"{path}/wrong-link", body={"record_key": "synthetic:b1", "reason": "another day"},
                     headers={"If-Match": fixed.headers["etag"]})
    assert wrong.status == 200
    assert set(wrong.data["moved"]) == {"synthetic:b1", "report:d-bannu#1"}

    server.stop()
    done = subprocess.run([*tacitus_argv, "resolve", "--db", str(server.db)], capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    server.start()

    event = reviewer("GET", path).data
    assert (event["killed_best"], event["place"]) == (8, "Bannu Cantonment")
    assert [r["record_key"] for r in event["records"]] == ["report:d-bannu#1"]
    assert {h["action"] for h in reviewer("GET", f"{path}/history").data["history"]} >= {"corrected", "link_wrong"}


def test_malformed_writes_get_one_clear_line(server: Any, events: dict[str, str]) -> None:
    coder = server.as_role("coder")
    path = f"/api/events/{events['peshawar']}"
    etag = coder("GET", path).headers["etag"]
    request = server.request
    not_json = request("PATCH", path, token=server.tokens["coder"], headers={"If-Match": etag,
                       "Content-Type": "application/json"}, body=None)
    assert not_json.status == 400 and "fields" in not_json.data["error"]
    assert coder("PATCH", path, body=["killed_best", 1], headers={"If-Match": etag}).status == 400
    assert coder("PATCH", path, body={"fields": {"killed_best": 1}, "reason": "r"},
                 headers={"If-Match": "yesterday"}).status == 400
    assert coder("PATCH", "/api/events/ev_missing", body={"fields": {"killed_best": 1}, "reason": "r"},
                 headers={"If-Match": etag}).status == 404
    assert coder("GET", path).headers["etag"] == etag  # nothing changed
