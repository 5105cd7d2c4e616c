"""Double coding through the real server: draw a sample, code blind, adjudicate, agreement and throughput.

The sample takes both Khyber Pakhtunkhwa events of the fixture store (Bannu and Peshawar: `fraction` 1 over that
filter), coded by `coder` and `admin`; `reviewer` adjudicates. The coders' values are chosen so that the
agreement figures can be worked out by hand (see test_agreement_per_field).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tacitus
from tacitus.store.coding import draw_sample
from tacitus.store.review import InvalidValue

FIELDS = ["killed_best", "perpetrator", "event_type"]
SAMPLE = {"coders": ["coder", "admin"], "fraction": 1.0, "seed": 11, "status": "all", "fields": FIELDS,
          "filters": {"admin1": "Khyber Pakhtunkhwa"}}


@pytest.fixture(scope="module")
def sample(server: Any, events: dict[str, str]) -> dict[str, Any]:
    reply = server.as_role("reviewer")("POST", "/api/coding/samples", body=SAMPLE)
    assert reply.status == 201, reply.data
    return dict(reply.data)


def _coding(server: Any, role: str, sample_id: str, event_id: str, values: dict[str, Any],
            submit: bool = False) -> Any:
    return server.as_role(role)("PUT", f"/api/coding/samples/{sample_id}/events/{event_id}",
                                body={"values": values, "submit": submit})


def test_sample_assigns_each_event_to_both_coders(sample: dict[str, Any], events: dict[str, str],
                                                  server: Any) -> None:
    assert sample["population"] == 2 and sample["requested"] == "fraction=1.0"
    assert sorted(i["event_id"] for i in sample["items"]) == sorted([events["bannu"], events["peshawar"]])
    assert all([c["coder"] for c in i["coders"]] == ["coder", "admin"] for i in sample["items"])
    mine = server.as_role("coder")("GET", "/api/coding/assignments").data["assignments"]
    assert sorted(a["event_id"] for a in mine) == sorted([events["bannu"], events["peshawar"]])
    assert server.as_role("reviewer")("GET", "/api/coding/assignments").data["assignments"] == []
    # Events in an open sample are not drawn again.
    again = server.as_role("reviewer")("POST", "/api/coding/samples", body=SAMPLE)
    assert again.status == 422 and "no event matches" in again.data["error"]


def test_bad_sample_requests_get_one_line(server: Any) -> None:
    post = server.as_role("reviewer")
    cases = [({**SAMPLE, "coders": ["coder"]}, "at least two"),
             ({**SAMPLE, "coders": ["coder", "nobody"]}, "no user 'nobody'"),
             ({**SAMPLE, "fields": ["killed_best", "colour"]}, "colour"),
             ({**SAMPLE, "size": 3}, "not both"),
             ({**SAMPLE, "fraction": None, "size": 9, "filters": {}}, "more than the"),
             ({**SAMPLE, "seed": "x"}, "not a number"),
             ({**SAMPLE, "filters": {"colour": "red"}}, "unknown filter")]
    for body, words in cases:
        reply = post("POST", "/api/coding/samples", body=body)
        assert reply.status in (400, 422) and words in reply.data["error"], (body, reply.data)


def test_same_seed_same_sample(new_store: Callable[..., str],
                               template_store: tuple[Path, dict[str, str], Any]) -> None:
    """Reproducible: the same seed and filters on the same store draw the same events."""
    drawn = []
    for _ in ("a", "b"):
        with tacitus.open(new_store(copy_of=str(template_store[0]))) as store:
            sample = draw_sample(store, user="reviewer", coders=["coder", "admin", "reviewer"], seed=5, size=3,
                                 status=None)
            drawn.append([(i["event_id"], [c["coder"] for c in i["coders"]]) for i in sample["items"]])
            with pytest.raises(InvalidValue, match="viewer"):
                draw_sample(store, user="reviewer", coders=["coder", "viewer"], seed=5, size=1, status=None)
    assert drawn[0] == drawn[1]
    assert len(drawn[0]) == 3
    # Three coders: three different pairs, one per event (rotating pairs).
    assert len({tuple(sorted(c)) for _, c in drawn[0]}) == 3


def test_coders_code_blind(server: Any, sample: dict[str, Any], events: dict[str, str]) -> None:
    sid, bannu = sample["sample_id"], events["bannu"]
    coder, admin, reviewer = (server.as_role(r) for r in ("coder", "admin", "reviewer"))
    assert _coding(server, "coder", sid, bannu, {"killed_best": 7, "perpetrator": "TTP"}).status == 200
    # The other coder sees only their own (empty) coding, on the API and on the page.
    theirs = admin("GET", f"/api/coding/samples/{sid}/events/{bannu}")
    assert theirs.status == 200 and theirs.data["values"] == {}
    page = admin("GET", f"/coding/{sid}/{bannu}")
    assert page.status == 200 and 'id="code-killed_best" value=""' in page.data
    # Their event view hides the fields under test: value, review claims and history; machine claims stay.
    event = coder("GET", f"/api/events/{bannu}").data
    assert event["killed_best"] is None and event["killed_high"] is None  # the range would tell the best
    assert event["blind_fields"] == sorted([*FIELDS, "killed_low", "killed_high"])
    assert event["place"] == "Bannu"
    assert any(c["field"] == "killed_best" and c["source_kind"] == "document" for c in event["claims"])
    assert reviewer("GET", f"/api/events/{bannu}").data["killed_best"] == 7
    queue = coder("GET", "/api/events?status=all&admin2=Bannu").data["events"]
    assert queue[0]["killed_best"] is None and queue[0]["perpetrator"] is None
    # A correction by anyone else on a field under test stays hidden from the coders, even in the history.
    etag = reviewer("GET", f"/api/events/{bannu}").headers["etag"]
    fixed = reviewer("PATCH", f"/api/events/{bannu}", body={"fields": {"perpetrator": "TTP-X"}, "reason": "r"},
                     headers={"If-Match": etag})
    assert fixed.status == 200
    history = coder("GET", f"/api/events/{bannu}/history").data["history"]
    assert not any(h["field"] in FIELDS for h in history)
    assert any(h["field"] == "perpetrator" for h in reviewer("GET", f"/api/events/{bannu}/history").data["history"])
    page = coder("GET", f"/events/{bannu}").data
    assert "TTP-X" not in page and 'id="blind-notice"' in page
    # Coders cannot move a field under test through the ordinary correction; other fields they can.
    etag = coder("GET", f"/api/events/{bannu}").headers["etag"]
    refused = coder("PATCH", f"/api/events/{bannu}", body={"fields": {"killed_best": 1}, "reason": "r"},
                    headers={"If-Match": etag})
    assert refused.status == 422 and "blind" in refused.data["error"]
    # Only reviewers who code none of the item compare the two codings.
    assert coder("GET", f"/api/coding/samples/{sid}/events/{bannu}/comparison").status == 403
    assert admin("GET", f"/api/coding/samples/{sid}/events/{bannu}/comparison").status == 409
    assert reviewer("GET", f"/api/coding/samples/{sid}/events/{bannu}/comparison").data["ready"] is False
    # Someone not assigned cannot code the item.
    assert _coding(server, "reviewer", sid, bannu, {"killed_best": 1}).status == 404


def test_submit_adjudicate_and_audit(server: Any, sample: dict[str, Any], events: dict[str, str]) -> None:
    sid, bannu, peshawar = sample["sample_id"], events["bannu"], events["peshawar"]
    reviewer, coder = server.as_role("reviewer"), server.as_role("coder")
    invalid = _coding(server, "coder", sid, bannu, {"killed_best": -3})
    assert invalid.status == 422 and "killed_best" in invalid.data["error"]
    outside = _coding(server, "coder", sid, bannu, {"place": "x"})
    assert outside.status == 422 and "not a field under test" in outside.data["error"]
    early = reviewer("POST", f"/api/coding/samples/{sid}/events/{bannu}/adjudicate", body={"values": {}},
                     headers={"If-Match": reviewer("GET", f"/api/events/{bannu}").headers["etag"]})
    assert early.status == 409 and "both coders" in early.data["error"]
    codings = {
        ("coder", bannu): {"killed_best": 7, "perpetrator": "TTP", "event_type": "Battles"},
        ("admin", bannu): {"killed_best": 9, "perpetrator": "TTP", "event_type": "Battles"},
        ("coder", peshawar): {"killed_best": 3, "perpetrator": "Lashkar-e-Jhangvi",
                              "event_type": "Violence against civilians"},
        ("admin", peshawar): {"killed_best": 3, "perpetrator": "TTP", "event_type": "Violence against civilians"},
    }
    # A value saved earlier stays when the submission does not send it again.
    assert _coding(server, "coder", sid, peshawar, {"killed_best": 3}).status == 200
    del codings[("coder", peshawar)]["killed_best"]
    for (role, event_id), values in codings.items():
        reply = _coding(server, role, sid, event_id, values, submit=True)
        assert reply.status == 200 and reply.data["submitted_at"], reply.data
    assert coder("GET", f"/api/coding/samples/{sid}/events/{peshawar}").data["values"]["killed_best"] == 3
    late = _coding(server, "coder", sid, bannu, {"killed_best": 8})
    assert late.status == 409 and "can no longer change" in late.data["error"]
    found = reviewer("GET", f"/api/coding/samples/{sid}/events/{bannu}/comparison").data
    assert found["ready"] is True
    assert {r["field"]: r["agree"] for r in found["fields"]} == {"killed_best": False, "perpetrator": True,
                                                                 "event_type": True}
    etag = reviewer("GET", f"/api/events/{bannu}").headers["etag"]
    path = f"/api/coding/samples/{sid}/events/{bannu}/adjudicate"
    undecided = reviewer("POST", path, body={"values": {}, "reason": "x"}, headers={"If-Match": etag})
    assert undecided.status == 422 and "killed_best: the coders disagree (7 vs 9)" in undecided.data["error"]
    stale = reviewer("POST", path, body={"values": {"killed_best": 8}}, headers={"If-Match": '"0"'})
    assert stale.status == 409
    done = reviewer("POST", path, body={"values": {"killed_best": 8}, "reason": "<b>the later count</b>"},
                    headers={"If-Match": etag})
    assert done.status == 200, done.data
    # The adjudicated values are the event's, with the audit trail; the coders see the event again.
    event = coder("GET", f"/api/events/{bannu}").data
    assert (event["killed_best"], event["perpetrator"], event["event_type"]) == (8, "TTP", "Battles")
    assert "blind_fields" not in event
    trail = coder("GET", f"/api/events/{bannu}/history").data["history"]
    settled = [h for h in trail if h["action"] == "adjudicated"]
    assert {h["field"] for h in settled} == set(FIELDS)
    assert all(h["user"] == "reviewer" and h["reason"] == f"adjudicated {sid}: <b>the later count</b>"
               for h in settled)
    page = coder("GET", f"/events/{bannu}").data
    assert "&lt;b&gt;the later count&lt;/b&gt;" in page and "<b>the later count" not in page
    again = reviewer("POST", path, body={"values": {"killed_best": 8}}, headers={"If-Match": done.headers["etag"]})
    assert again.status == 409 and "already" in again.data["error"]
    left = coder("GET", "/api/coding/assignments").data["assignments"]
    assert [(a["event_id"], a["submitted_at"] is not None) for a in left] == [(peshawar, True)]


def test_agreement_per_field(server: Any, sample: dict[str, Any]) -> None:
    """By hand, over the two submitted items (Bannu, Peshawar):
    - event_type: (Battles, Battles), (VAC, VAC): all agree with two categories: kappa = alpha = 1.
    - perpetrator: (TTP, TTP), (LeJ, TTP): 50 %; coder TTP 1 LeJ 1, admin TTP 2: p_e = (1*2)/4 = 0.5, kappa 0;
      alpha: n = 4 (TTP 3, LeJ 1), D_o = (o_TL + o_LT)/n = 2/4, D_e = 2*3*1/(4*3) = 0.5: alpha 0.
    - killed_best: (7, 9), (3, 3): interval D_o = (4 + 4)/4 = 2; D_e = (2*4 + 2*2*16 + 2*2*36)/12 = 18;
      alpha = 1 - 2/18 = 0.8889.
    """
    reply = server.as_role("reviewer")("GET", f"/api/stats/agreement?sample={sample['sample_id']}")
    assert reply.status == 200
    rows = {r["field"]: r for r in reply.data["fields"]}
    assert rows["event_type"]["n"] == 2 and rows["event_type"]["kappa"] == pytest.approx(1.0)
    assert rows["event_type"]["alpha_nominal"] == pytest.approx(1.0)
    assert rows["perpetrator"]["percent_agreement"] == pytest.approx(0.5)
    assert rows["perpetrator"]["kappa"] == pytest.approx(0.0)
    assert rows["perpetrator"]["alpha_nominal"] == pytest.approx(0.0)
    assert rows["killed_best"]["level"] == "interval" and rows["killed_best"]["kappa"] is None
    assert rows["killed_best"]["alpha_interval"] == pytest.approx(1 - 2 / 18)
    assert rows["killed_best"]["alpha_ratio"] is not None
    assert server.as_role("reviewer")("GET", "/api/stats/agreement?sample=nosuch").status == 404
    page = server.as_role("reviewer")("GET", f"/stats?sample={sample['sample_id']}")
    assert page.status == 200
    assert re.search(r'data-field="killed_best">.*?<td class="alpha">interval 0\.889', page.data, re.S)
    assert re.search(r'<th>reviewer</th><td>1</td>', page.data)  # throughput: the reviewer's one event so far
    sample_page = server.as_role("reviewer")("GET", f"/coding/{sample['sample_id']}")
    assert sample_page.status == 200 and "Adjudicate" in sample_page.data


def test_throughput_counts_adjudications(server: Any) -> None:
    reviewers = {r["user"]: r for r in server.as_role("reviewer")("GET", "/api/stats/reviewers").data["reviewers"]}
    assert reviewers["reviewer"]["events"] == 1 and reviewers["reviewer"]["changes"] >= 4
    assert reviewers["reviewer"]["events_per_hour"] > 0


def test_forms_need_the_session_csrf_token(server: Any, sample: dict[str, Any], events: dict[str, str]) -> None:
    """The pages' forms: a reviewer draws a sample, a coder saves and submits, all with the session's token."""
    login = server.log_in("reviewer")
    cookie = next(c for c in login.cookies if c.startswith("tacitus_session=")).split(";")[0]
    page = server.request("GET", "/coding", headers={"Cookie": cookie})
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.data).group(1)
    form = {"coders": "coder admin", "size": "1", "seed": "3", "status": "all", "admin1": "Sindh",
            "fields": "perpetrator"}
    assert server.request("POST", "/coding/samples", headers={"Cookie": cookie}, form=form).status == 403
    drawn = server.request("POST", "/coding/samples", headers={"Cookie": cookie}, form={**form, "csrf": csrf})
    assert drawn.status == 303 and drawn.headers["location"] == "/coding/sample-2"
    bad = server.request("POST", "/coding/samples", headers={"Cookie": cookie},
                         form={**form, "csrf": csrf, "coders": "coder"})
    assert bad.status == 422 and "at least two coders" in bad.data
    login = server.log_in("coder")
    cookie = next(c for c in login.cookies if c.startswith("tacitus_session=")).split(";")[0]
    listing = server.request("GET", "/coding", headers={"Cookie": cookie}).data
    assert f"/coding/sample-2/{events['karachi']}" in listing
    item = f"/coding/sample-2/{events['karachi']}"
    csrf = re.search(r'name="csrf" value="([^"]+)"', server.request("GET", item, headers={"Cookie": cookie}).data)
    values = {"value:perpetrator": "<i>LeJ</i>", "do": "save"}
    assert server.request("POST", item, headers={"Cookie": cookie}, form=values).status == 403
    saved = server.request("POST", item, headers={"Cookie": cookie}, form={**values, "csrf": csrf.group(1)})
    assert saved.status == 303
    shown = server.request("GET", item, headers={"Cookie": cookie}).data
    assert 'value="&lt;i&gt;LeJ&lt;/i&gt;"' in shown and "<i>LeJ" not in shown
    submitted = server.request("POST", item, headers={"Cookie": cookie},
                               form={**values, "do": "submit", "csrf": csrf.group(1)})
    assert submitted.status == 303 and submitted.headers["location"] == "/coding"
    assert "Submitted" in server.request("GET", item, headers={"Cookie": cookie}).data
