"""Double-coding routes: draw a sample, code blind, adjudicate (JSON API and pages; see tacitus.store.coding).

Every route goes through the workbench's role check (`route`): drawing samples, reading their progress and
adjudicating need the reviewer role; coding needs the coder role, and a coder reaches only their own items.
Forms post with the session's CSRF token like every other form. A request the sample's state does not allow
(coding after submitting, adjudicating before both coders submitted, a coder adjudicating their own item) is 409.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from tacitus.store.coding import (
    DEFAULT_FIELDS,
    CodingError,
    adjudicate,
    agreement,
    assignments_for,
    coding_of,
    comparison,
    draw_sample,
    list_samples,
    sample_detail,
    save_coding,
)
from tacitus.store.review import EventNotFound, InvalidValue, ReviewError, StaleVersion
from tacitus.web.app import (
    QUEUE_FILTERS,
    QUEUE_STATUSES,
    STATUS_NAMES,
    BadRequest,
    Handler,
    Workbench,
    _etag,
    _event,
    _expected_version,
    _form,
    _json,
    _queue_args,
    route,
)
from tacitus.web.auth import Auth

SAMPLE_PARAMS: Final = frozenset({"status", *QUEUE_FILTERS, "violence"})


def _conflicts(handler: Handler) -> Handler:
    """Sample-state refusals (CodingError) as 409, like a stale version."""

    def wrapped(wb: Workbench, request: Request, auth: Any, body: bytes) -> Response:
        try:
            return handler(wb, request, auth, body)
        except CodingError as exc:
            raise BadRequest(str(exc), status=409) from None

    wrapped.__name__ = handler.__name__
    return wrapped


def _ids(request: Request) -> tuple[str, str]:
    return request.path_params["sample_id"], request.path_params["event_id"]


def _draw(wb: Workbench, auth: Auth, data: dict[str, Any]) -> dict[str, Any]:
    """A sample from a request's fields (JSON body or form): coders, size or fraction, seed, fields, filters."""
    filters = data.get("filters") or {}
    if not isinstance(filters, dict):
        raise BadRequest('"filters" must be an object of queue filters, e.g. {"admin1": "Sindh"}')
    params = {k: str(v) for k, v in filters.items() if v not in (None, "")}
    unknown = sorted(set(params) - SAMPLE_PARAMS)
    if unknown:
        raise BadRequest(f"unknown filter(s) {', '.join(unknown)}; known: {', '.join(sorted(SAMPLE_PARAMS))}")
    status, _limit, _offset, chosen = _queue_args({"status": str(data.get("status") or "unreviewed"), **params})
    coders = data.get("coders")
    if isinstance(coders, str):
        coders = [c for c in coders.replace(",", " ").split() if c]
    fields = data.get("fields") or None
    if isinstance(fields, str):
        fields = [f for f in fields.replace(",", " ").split() if f]
    if not isinstance(coders, list) or not all(isinstance(c, str) for c in coders):
        raise BadRequest('"coders" must be a list of user names')
    if fields is not None and (not isinstance(fields, list) or not all(isinstance(f, str) for f in fields)):
        raise BadRequest('"fields" must be a list of codebook field names')
    size, fraction = _number(data, "size", int), _number(data, "fraction", float)
    seed = _number(data, "seed", int)
    if seed is None:
        raise BadRequest('"seed": give a whole number (the same seed draws the same sample)')
    return draw_sample(wb.store, user=auth.user.name, coders=coders, seed=seed, size=size, fraction=fraction,
                       fields=fields, status=status, filters=chosen)


def _number(data: dict[str, Any], name: str, kind: Callable[[Any], Any]) -> Any:
    value = data.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise BadRequest(f'"{name}" must be a number')
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise BadRequest(f'"{name}": {value!r} is not a number') from None
    if kind is int and isinstance(value, float) and not value.is_integer():
        raise BadRequest(f'"{name}": {value!r} is not a whole number')
    return number


# -- JSON API ----------------------------------------------------------------------------------------------
def _values(body: bytes, hint: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The JSON body and its "values" object (400 naming what to send when it is not an object)."""
    data = _json(body)
    values = data.get("values", {})
    if not isinstance(values, dict):
        raise BadRequest(f'send "values": {{"field": value, ...}} {hint}')
    return data, values


@route("/api/coding/samples", "review", ("POST",))
@_conflicts
def api_draw(wb: Workbench, _request: Request, auth: Auth, body: bytes) -> Response:
    return JSONResponse(_draw(wb, auth, _json(body)), status_code=201)


@route("/api/coding/samples", "review")
def api_samples(wb: Workbench, _request: Request, _auth: Auth, _body: bytes) -> Response:
    return JSONResponse({"samples": list_samples(wb.store)})


@route("/api/coding/samples/{sample_id}", "review")
def api_sample(wb: Workbench, request: Request, _auth: Auth, _body: bytes) -> Response:
    return JSONResponse(sample_detail(wb.store, request.path_params["sample_id"]))


@route("/api/coding/assignments", "edit")
def api_assignments(wb: Workbench, _request: Request, auth: Auth, _body: bytes) -> Response:
    return JSONResponse({"assignments": assignments_for(wb.store, auth.user.name)})


@route("/api/coding/samples/{sample_id}/events/{event_id}", "edit")
def api_coding(wb: Workbench, request: Request, auth: Auth, _body: bytes) -> Response:
    return JSONResponse(coding_of(wb.store, *_ids(request), auth.user.name))


@route("/api/coding/samples/{sample_id}/events/{event_id}", "edit", ("PUT",))
@_conflicts
def api_save_coding(wb: Workbench, request: Request, auth: Auth, body: bytes) -> Response:
    data, values = _values(body, 'and, to make them final, "submit": true')
    return JSONResponse(save_coding(wb.store, *_ids(request), auth.user.name, values,
                                    submit=data.get("submit") is True))


@route("/api/coding/samples/{sample_id}/events/{event_id}/comparison", "review")
@_conflicts
def api_comparison(wb: Workbench, request: Request, auth: Auth, _body: bytes) -> Response:
    return JSONResponse(comparison(wb.store, *_ids(request), auth.user.name))


@route("/api/coding/samples/{sample_id}/events/{event_id}/adjudicate", "review", ("POST",))
@_conflicts
def api_adjudicate(wb: Workbench, request: Request, auth: Auth, body: bytes) -> Response:
    expected = _expected_version(request)
    data, values = _values(body, "for the fields the coders disagree on")
    sample_id, event_id = _ids(request)
    version = adjudicate(wb.store, sample_id, event_id, values, user=auth.user.name, reason=data.get("reason"),
                         expected_version=expected)
    return JSONResponse({"event_id": event_id, "sample_id": sample_id, "version": version},
                        headers=_etag(version))


@route("/api/stats/agreement", "review")
def api_agreement(wb: Workbench, request: Request, _auth: Auth, _body: bytes) -> Response:
    sample_id = request.query_params.get("sample") or None
    return JSONResponse({"sample": sample_id, "fields": agreement(wb.store, sample_id)})


# -- pages -------------------------------------------------------------------------------------------------
def _refused(wb: Workbench, auth: Auth, exc: Exception) -> Response:
    """The page for an unknown sample or item (404), or a state that does not allow the page (409)."""
    status = 409 if isinstance(exc, CodingError) else 404
    return wb.page("missing.html.j2", status, user=auth.user, csrf=auth.csrf, message=str(exc))


@route("/coding", "edit", page=True)
def coding_page(wb: Workbench, _request: Request, auth: Auth, _body: bytes) -> Response:
    return _coding_page(wb, auth, None, {}, 200)


def _coding_page(wb: Workbench, auth: Auth, message: str | None, form: dict[str, str], status: int) -> Response:
    reviewer = auth.user.may("review")
    return wb.page("coding.html.j2", status, user=auth.user, csrf=auth.csrf,
                   assignments=assignments_for(wb.store, auth.user.name),
                   samples=list_samples(wb.store) if reviewer else [], may_review=reviewer, message=message,
                   form=form, statuses=[s for s in QUEUE_STATUSES if s in STATUS_NAMES], filters=QUEUE_FILTERS,
                   default_fields=" ".join(DEFAULT_FIELDS))


@route("/coding/samples", "review", ("POST",), page=True)
def draw_form(wb: Workbench, _request: Request, auth: Auth, body: bytes) -> Response:
    form = _form(body)
    data: dict[str, Any] = {k: form.get(k) for k in ("coders", "size", "fraction", "seed", "fields", "status")}
    data["filters"] = {k: form[k] for k in QUEUE_FILTERS if form.get(k)}
    try:
        sample = _draw(wb, auth, data)
    except (ReviewError, BadRequest, ValueError) as exc:
        return _coding_page(wb, auth, str(exc).splitlines()[0], form, 422)
    return RedirectResponse(f"/coding/{urllib.parse.quote(sample['sample_id'])}", status_code=303)


@route("/coding/{sample_id}", "review", page=True)
def sample_page(wb: Workbench, request: Request, auth: Auth, _body: bytes) -> Response:
    sample_id = request.path_params["sample_id"]
    try:
        sample = sample_detail(wb.store, sample_id)
    except EventNotFound as exc:
        return _refused(wb, auth, exc)
    return wb.page("coding_sample.html.j2", user=auth.user, csrf=auth.csrf, sample=sample,
                   agreement=agreement(wb.store, sample_id))


def _item_page(wb: Workbench, request: Request, auth: Auth, _body: bytes = b"", message: str | None = None,
               status: int = 200) -> Response:
    """A coder's blind coding page (also shown again, with the message, when a form is refused)."""
    try:
        coding = coding_of(wb.store, *_ids(request), auth.user.name)
        event = _event(wb, coding["event_id"])
    except EventNotFound as exc:
        return _refused(wb, auth, exc)
    return wb.page("coding_item.html.j2", status, user=auth.user, csrf=auth.csrf, coding=coding,
                   documents=event["documents"], records=event["records"], message=message)


item_page = route("/coding/{sample_id}/{event_id}", "edit", page=True)(_item_page)


@route("/coding/{sample_id}/{event_id}", "edit", ("POST",), page=True)
def item_form(wb: Workbench, request: Request, auth: Auth, body: bytes) -> Response:
    # Blank inputs count here: emptying a saved value is a change the coder means to make.
    form = {k: v[-1] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace"),
                                                       keep_blank_values=True).items()}
    values = {k.removeprefix("value:"): v for k, v in form.items() if k.startswith("value:")}
    submit = form.get("do") == "submit"
    try:
        save_coding(wb.store, *_ids(request), auth.user.name, values, submit=submit)
    except (ReviewError, ValueError) as exc:
        return _item_page(wb, request, auth, b"", str(exc), 409 if isinstance(exc, CodingError) else 422)
    return RedirectResponse("/coding" if submit else request.url.path, status_code=303)


def _adjudicate_page(wb: Workbench, request: Request, auth: Auth, _body: bytes = b"", message: str | None = None,
                     status: int = 200) -> Response:
    """Both codings side by side for the adjudicating reviewer (again, with the message, after a refusal)."""
    try:
        found = comparison(wb.store, *_ids(request), auth.user.name)
        event = _event(wb, found["event_id"])
    except (EventNotFound, CodingError) as exc:
        return _refused(wb, auth, exc)
    return wb.page("coding_adjudicate.html.j2", status, user=auth.user, csrf=auth.csrf, found=found, event=event,
                   message=message)


adjudicate_page = route("/coding/{sample_id}/{event_id}/adjudicate", "review", page=True)(_adjudicate_page)


@route("/coding/{sample_id}/{event_id}/adjudicate", "review", ("POST",), page=True)
def adjudicate_form(wb: Workbench, request: Request, auth: Auth, body: bytes) -> Response:
    form = _form(body)
    sample_id, event_id = _ids(request)
    values = {k.removeprefix("value:"): v for k, v in form.items() if k.startswith("value:")}
    try:
        if not form.get("version", "").isdigit():
            raise InvalidValue("version: the form lost the event's version; reload the page")
        adjudicate(wb.store, sample_id, event_id, values, user=auth.user.name, reason=form.get("reason"),
                   expected_version=int(form["version"]))
    except StaleVersion as exc:
        return _adjudicate_page(wb, request, auth, b"", str(exc), 409)
    except (ReviewError, ValueError) as exc:
        return _adjudicate_page(wb, request, auth, b"", str(exc), 409 if isinstance(exc, CodingError) else 422)
    return RedirectResponse(f"/coding/{urllib.parse.quote(sample_id)}", status_code=303)


ROUTES: Final = [api_draw, api_samples, api_sample, api_assignments, api_coding, api_save_coding, api_comparison,
                 api_adjudicate, api_agreement, coding_page, draw_form, sample_page, item_page, item_form,
                 adjudicate_page, adjudicate_form]
