"""The workbench application: routes, the role check every route goes through, and the store behind a lock.

Every route is declared with the action its role must reach (`read`, `edit`, `review`, `admin`; None for the
health check and the login form), and `_guarded` does the checks before any handler runs: who is asking (401),
whether their role may (403), and — for a browser session changing something — the CSRF token (403). Library
errors become HTTP statuses in one place: unknown event 404, stale version (or a write lost to another server on
PostgreSQL) 409, invalid value 422.

The store is one connection, so requests take turns on it (a lock; DuckDB answers a queue page in milliseconds).
On PostgreSQL several servers may share the store; each checks for others' writes before serving a cached read.
Every write attempt is logged with its user, the version it expected and its outcome, so racing reviewers leave
a trace even when one of them loses.
"""

from __future__ import annotations

import gzip
import hmac
import json
import logging
import secrets
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any, Final

from jinja2 import Environment, PackageLoader, Template
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tacitus.errors import WriteConflict
from tacitus.geo.boundaries import BOUNDARIES_FILE
from tacitus.model import CODED_FIELDS, EVENT_COLUMNS
from tacitus.store import open_store
from tacitus.store.base import Store
from tacitus.store.coding import blind_fields, mask_event, mask_history, refuse_blind
from tacitus.store.review import (
    ACCEPTED,
    REJECTED,
    UNREVIEWED,
    EventNotFound,
    InvalidValue,
    StaleVersion,
    audit_trail,
    build_priority,
    correct,
    event_detail,
    event_points,
    merge,
    refresh_priority,
    review_queue,
    reviewer_throughput,
    set_status,
    split_out,
)
from tacitus.store.users import ROLES, UserError, add_user, check_password, end_session, list_users, new_session
from tacitus.web.auth import LOGIN_CSRF_COOKIE, SESSION_COOKIE, Auth, LoginThrottle, authenticate
from tacitus.web.highlight import segments

log = logging.getLogger("tacitus.web")
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})
QUEUE_FILTERS: Final = ("dataset", "actor", "start", "end", "admin1", "admin2", "event_type", "attack_type",
                        "target_type", "type_of_violence")
STATUS_NAMES: Final = {"accepted": ACCEPTED, "reviewed": ACCEPTED, "rejected": REJECTED,
                       "unreviewed": UNREVIEWED, "disputed": "disputed", "all": None}
QUEUE_STATUSES: Final = ("unreviewed", "accepted", "rejected", "disputed", "all")  # the queue page's choices
MAX_LIMIT: Final = 1000
READ_CACHE_SIZE: Final = 512
SECURITY_HEADERS: Final = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                 b"script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class BadRequest(Exception):
    """Malformed request (not JSON, unknown filter, missing If-Match): HTTP 400 or the given status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class Workbench:
    """What every request needs: the store (behind a lock), the templates and the login throttle."""

    def __init__(self, store: Store, threshold: float) -> None:
        self.store = store
        self.lock = threading.Lock()
        self.threshold = threshold
        self.throttle = LoginThrottle()
        # Requests take turns on the store (the lock), so DuckDB's worker threads add only their scheduling: on
        # the shared 2-core machine a point query took 2 ms with two threads and 0.05 ms with one, and a queue
        # page over 100,000 events ran faster too (bench/bench_serve.py; docs/workbench.md, "Performance").
        store.execute("SET threads = 1")
        self.templates = Environment(loader=PackageLoader("tacitus.web", "templates"), autoescape=True,
                                     auto_reload=False)  # shipped templates do not change under a running server
        # On a DuckDB file the server is the store's only writer while it runs (DuckDB allows one writing process),
        # so the queue's record-based priority flags are computed once here and refreshed where its own merges and
        # splits move records. On PostgreSQL other servers and commands write too: `_follow_writes` notices.
        build_priority(store, threshold)
        self._priority_current = True
        self._stamp = store.change_stamp()
        self._reads: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def _follow_writes(self) -> None:
        """Forget remembered reads, and mark the priority flags for rebuilding, when anyone has written the store
        since the last look (only a store with several writers has a change stamp: PostgreSQL)."""
        stamp = self.store.change_stamp()
        if stamp != self._stamp:
            self._reads.clear()
            self._priority_current = False
            self._stamp = stamp

    def current_priority(self) -> None:
        """Rebuild the queue's priority flags if writes elsewhere may have moved records (before a queue read)."""
        if not self._priority_current:
            build_priority(self.store, self.threshold)
            self._priority_current = True

    def read(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """A read's result, remembered until the next write through this server (`changed`) or, on a store others
        write too, by anyone (`_follow_writes`, checked first, so what is remembered is never older than it).

        A queue page over 100,000 events takes tens of milliseconds to compute and reviewers ask for the same
        pages again and again, so repeated reads cost a dictionary look-up.
        """
        self._follow_writes()
        if key in self._reads:
            self._reads.move_to_end(key)
            return self._reads[key]
        value = compute()
        self._reads[key] = value
        if len(self._reads) > READ_CACHE_SIZE:
            self._reads.popitem(last=False)
        return value

    def changed(self) -> None:
        """Forget every remembered read: called after each write request, whatever its outcome."""
        self._reads.clear()

    def page(self, name: str, status: int = 200, **context: Any) -> Response:
        return Page(self.templates.get_template(name), status, context)


class Page(Response):
    """An HTML page whose template is rendered once the store's lock is released (`route` does it).

    Rendering is Python work on values already read; done under the lock, it kept every other request waiting
    for the store, while a DuckDB query (which releases the GIL) could have run beside it.
    """

    media_type = "text/html; charset=utf-8"

    def __init__(self, template: Template, status: int, context: dict[str, Any]) -> None:
        super().__init__(b"", status_code=status)
        self.template, self.context = template, context

    def render_page(self) -> None:
        self.body = self.template.render(**self.context).encode("utf-8")
        self.headers["content-length"] = str(len(self.body))


Handler = Callable[[Workbench, Request, Any, bytes], Response]


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)


def _form(body: bytes) -> dict[str, str]:
    return {k: v[-1] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace")).items()}


def _json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("the request body is not JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("the request body must be a JSON object")
    return data


def _guarded(wb: Workbench, request: Request, body: bytes, action: str | None, page: bool,
             handler: Handler) -> Response:
    """Authenticate, check the role and CSRF, run the handler, map errors to statuses — for every route."""
    with wb.lock:
        auth = authenticate(wb.store, request, wb.read)
        writes = request.method not in SAFE_METHODS
        if action is not None:
            if auth is None:
                if page:
                    target = urllib.parse.quote(request.url.path)
                    return RedirectResponse(f"/login?next={target}", status_code=303)
                return _error(401, "authentication required: log in or send 'Authorization: Bearer TOKEN'")
            if not auth.user.may(action):
                return _log_write(request, auth, _error(403, f"the role {auth.user.role} may not do this"), writes)
            if writes:
                given = request.headers.get("x-csrf-token")
                if given is None and request.headers.get("content-type", "").startswith(
                        "application/x-www-form-urlencoded"):
                    given = _form(body).get("csrf")
                if not auth.csrf_ok(given):
                    return _log_write(request, auth, _error(403, "CSRF token missing or wrong; reload the page"),
                                      writes)
        try:
            response = handler(wb, request, auth, body)
        except EventNotFound as exc:
            response = _error(404, str(exc))
        except StaleVersion as exc:
            response = _error(409, str(exc), version=exc.current)
        except WriteConflict as exc:
            response = _error(409, str(exc))
        except (InvalidValue, UserError) as exc:
            response = _error(422, str(exc))
        except BadRequest as exc:
            response = _error(exc.status, str(exc))
        except ValueError as exc:  # filters the store rejects (bad date, unknown filter)
            response = _error(400, str(exc).splitlines()[0])
        if writes:
            wb.changed()
        return _log_write(request, auth, response, writes)


def _log_write(request: Request, auth: Auth | None, response: Response, writes: bool) -> Response:
    if writes and request.url.path.startswith("/api/"):
        log.info("%s %s user=%s if-match=%s -> %d etag=%s", request.method, request.url.path,
                 auth.user.name if auth else "-", request.headers.get("if-match", "-"), response.status_code,
                 response.headers.get("etag", "-"))
    return response


def route(path: str, action: str | None, methods: tuple[str, ...] = ("GET",), *, page: bool = False
          ) -> Callable[[Handler], Route]:
    """A Starlette route whose handler runs in a worker thread behind `_guarded` with the role `action` needs."""

    def wrap(handler: Handler) -> Route:
        async def endpoint(request: Request) -> Response:
            wb: Workbench = request.app.state.workbench
            body = b"" if request.method in SAFE_METHODS else await request.body()
            response = await run_in_threadpool(_guarded, wb, request, body, action, page, handler)
            if isinstance(response, Page):
                await run_in_threadpool(response.render_page)
            return response

        endpoint.__name__ = handler.__name__
        return Route(path, endpoint, methods=list(methods))

    return wrap


# -- helpers shared by API and pages -----------------------------------------------------------------------
def _expected_version(request: Request) -> int:
    given = request.headers.get("if-match")
    if not given:
        raise BadRequest("send the event's ETag in If-Match (GET the event first)", status=428)
    text = given.strip().removeprefix("W/").strip('"')
    try:
        return int(text)
    except ValueError:
        raise BadRequest(f"If-Match {given!r} is not an ETag of this server") from None


def _etag(version: int) -> dict[str, str]:
    return {"ETag": f'"{version}"'}


def _queue_args(params: Mapping[str, str]) -> tuple[str | None, int, int, dict[str, Any]]:
    """(status, limit, offset, filters) from query parameters, refusing unknown ones with a clear message."""
    known = {"status", "limit", "offset", *QUEUE_FILTERS, "violence"}
    unknown = sorted(set(params) - known)
    if unknown:
        raise BadRequest(f"unknown parameter(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    status_text = params.get("status", "unreviewed")
    if status_text not in STATUS_NAMES:
        raise BadRequest(f"status {status_text!r}: one of {', '.join(STATUS_NAMES)}")
    try:
        limit = int(params.get("limit", "50"))
        offset = int(params.get("offset", "0"))
    except ValueError:
        raise BadRequest("limit and offset must be whole numbers") from None
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise BadRequest(f"limit must be 1..{MAX_LIMIT} and offset 0 or more")
    filters: dict[str, Any] = {k: params[k] for k in QUEUE_FILTERS if params.get(k)}
    if params.get("violence"):
        filters["type_of_violence"] = params["violence"]
    if "type_of_violence" in filters:
        try:
            filters["type_of_violence"] = int(filters["type_of_violence"])
        except ValueError:
            raise BadRequest("type_of_violence must be 1, 2 or 3") from None
    return STATUS_NAMES[status_text], limit, offset, filters


# -- JSON API ----------------------------------------------------------------------------------------------
async def health(_request: Request) -> Response:
    return JSONResponse({"status": "ok"})


@route("/api/events", "read")
def api_events(wb: Workbench, request: Request, auth: Auth, _body: bytes) -> Response:
    status, limit, offset, filters = _queue_args(request.query_params)
    rows, total = _queue(wb, status, limit, offset, filters)
    blind = _blind(wb, auth.user.name)
    return JSONResponse({"events": [mask_event(r, blind.get(r["event_id"], [])) for r in rows], "total": total})


def _queue(wb: Workbench, status: str | None, limit: int, offset: int, filters: dict[str, Any]
           ) -> tuple[list[dict[str, Any]], int]:
    key = ("queue", status, limit, offset, tuple(sorted(filters.items())))

    def compute() -> tuple[list[dict[str, Any]], int]:
        wb.current_priority()
        return review_queue(wb.store, status=status, limit=limit, offset=offset, materialised=True, **filters)

    result: tuple[list[dict[str, Any]], int] = wb.read(key, compute)
    return result


def _blind(wb: Workbench, user: str) -> dict[str, list[str]]:
    """event_id → fields `user` codes blind (tacitus.store.coding), remembered like every read."""
    blind: dict[str, list[str]] = wb.read(("blind", user), lambda: blind_fields(wb.store, user))
    return blind


def _event(wb: Workbench, event_id: str) -> dict[str, Any]:
    detail: dict[str, Any] = wb.read(("event", event_id), lambda: event_detail(wb.store, event_id))
    return dict(detail)


@route("/api/events/{event_id}", "read")
def api_event(wb: Workbench, request: Request, auth: Auth, _body: bytes) -> Response:
    detail = _event(wb, request.path_params["event_id"])
    blind = _blind(wb, auth.user.name).get(detail["event_id"], [])
    return JSONResponse(mask_event(detail, blind), headers=_etag(detail["version"]))


@route("/api/events/{event_id}", "edit", ("PATCH",))
def api_correct(wb: Workbench, request: Request, auth: Auth, body: bytes) -> Response:
    expected = _expected_version(request)
    data = _json(body)
    fields = data.get("fields")
    if not isinstance(fields, dict):
        raise BadRequest('the body needs "fields": {"name": value, ...} and "reason"')
    event_id = request.path_params["event_id"]
    refuse_blind(wb.store, event_id, auth.user.name, list(fields))
    version = correct(wb.store, event_id, fields, user=auth.user.name, reason=data.get("reason"),
                      expected_version=expected)
    detail = event_detail(wb.store, event_id)
    detail.pop("documents")
    return JSONResponse(mask_event(detail, _blind(wb, auth.user.name).get(event_id, [])),
                        headers=_etag(version))


@route("/api/events/{event_id}/history", "read")
def api_history(wb: Workbench, request: Request, auth: Auth, _body: bytes) -> Response:
    event_id = request.path_params["event_id"]
    rows = audit_trail(wb.store, event_id)
    if not rows:
        event_detail(wb.store, event_id)  # 404 for an unknown event, an empty list for an untouched one
    return JSONResponse({"history": mask_history(rows, _blind(wb, auth.user.name).get(event_id, []))})


@route("/api/events/{event_id}/review", "review", ("POST",))
def api_review(wb: Workbench, request: Request, auth: Auth, body: bytes) -> Response:
    expected = _expected_version(request)
    data = _json(body)
    status = STATUS_NAMES.get(str(data.get("status")), "invalid")
    if status not in (ACCEPTED, REJECTED, UNREVIEWED):
        raise InvalidValue('status: send "accepted", "rejected" or "unreviewed"')
    event_id = request.path_params["event_id"]
    version = set_status(wb.store, event_id, str(status), user=auth.user.name, reason=data.get("reason"),
                         expected_version=expected)
    return JSONResponse({"event_id": event_id, "review_status": status, "version": version},
                        headers=_etag(version))


@route("/api/events/{event_id}/merge", "review", ("POST",))
def api_merge(wb: Workbench, request: Request, auth: Auth, body: bytes) -> Response:
    expected = _expected_version(request)
    data = _json(body)
    event_id = request.path_params["event_id"]
    other = str(data.get("other") or "")
    version = merge(wb.store, event_id, other, user=auth.user.name, reason=data.get("reason"),
                    expected_version=expected)
    refresh_priority(wb.store, [event_id, other], wb.threshold)
    return JSONResponse({"event_id": event_id, "version": version}, headers=_etag(version))


def _split(wb: Workbench, request: Request, auth: Auth, body: bytes, wrong_link: bool) -> Response:
    expected = _expected_version(request)
    data = _json(body)
    records = [data.get("record_key")] if wrong_link else data.get("records")
    if not isinstance(records, list) or not all(isinstance(r, str) and r for r in records):
        raise BadRequest('send "record_key": "..."' if wrong_link else 'send "records": ["dataset:id", ...]')
    event_id = request.path_params["event_id"]
    moved = split_out(wb.store, event_id, records, user=auth.user.name, reason=data.get("reason"),
                      expected_version=expected, action="link_wrong" if wrong_link else "split")
    refresh_priority(wb.store, [event_id, *moved.values()], wb.threshold)
    return JSONResponse({"moved": moved})


@route("/api/events/{event_id}/split", "review", ("POST",))
def api_split(wb: Workbench, request: Request, auth: Auth, body: bytes) -> Response:
    return _split(wb, request, auth, body, wrong_link=False)


@route("/api/events/{event_id}/wrong-link", "review", ("POST",))
def api_wrong_link(wb: Workbench, request: Request, auth: Auth, body: bytes) -> Response:
    return _split(wb, request, auth, body, wrong_link=True)


@route("/api/stats/reviewers", "review")
def api_throughput(wb: Workbench, _request: Request, _auth: Auth, _body: bytes) -> Response:
    return JSONResponse({"reviewers": reviewer_throughput(wb.store)})


@route("/api/users", "admin")
def api_users(wb: Workbench, _request: Request, _auth: Auth, _body: bytes) -> Response:
    return JSONResponse({"users": [{"name": u.name, "role": u.role} for u in list_users(wb.store)]})


@route("/api/users", "admin", ("POST",))
def api_add_user(wb: Workbench, _request: Request, _auth: Auth, body: bytes) -> Response:
    data = _json(body)
    user = add_user(wb.store, str(data.get("name") or ""), str(data.get("role") or ""),
                    str(data.get("password") or ""))
    return JSONResponse({"name": user.name, "role": user.role}, status_code=201)


# -- pages -------------------------------------------------------------------------------------------------
def _client(request: Request) -> str:
    return request.client.host if request.client else "-"


def _safe_next(target: str | None) -> str:
    """Only local paths: a login link must not send the user to another site."""
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@route("/login", None, page=True)
def login_form(wb: Workbench, request: Request, _auth: Auth | None, _body: bytes) -> Response:
    return _login_page(wb, request.query_params.get("next"), None, 200)


def _login_page(wb: Workbench, next_path: str | None, message: str | None, status: int) -> Response:
    token = secrets.token_urlsafe(24)
    response = wb.page("login.html.j2", status, csrf=token, next_path=_safe_next(next_path), message=message,
                       user=None)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/login")
    return response


@route("/login", None, ("POST",), page=True)
def login(wb: Workbench, request: Request, _auth: Auth | None, body: bytes) -> Response:
    form = _form(body)
    name, next_path = form.get("name", ""), form.get("next")
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie, form.get("csrf", "")):
        return _login_page(wb, next_path, "The form expired; please try again.", 403)
    client = _client(request)
    if wb.throttle.blocked(client, name):
        log.warning("login throttled for %r from %s", name, client)
        return _login_page(wb, next_path, "Too many failed attempts; wait ten minutes.", 429)
    user = check_password(wb.store, name, form.get("password", ""))
    if user is None:
        wb.throttle.failed(client, name)
        log.info("login failed for %r from %s", name, client)
        return _login_page(wb, next_path, "Wrong user name or password.", 401)
    wb.throttle.succeeded(client, name)
    session_id, _csrf = new_session(wb.store, user)
    response = RedirectResponse(_safe_next(next_path), status_code=303)
    response.set_cookie(SESSION_COOKIE, session_id, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@route("/logout", "read", ("POST",), page=True)
def logout(wb: Workbench, request: Request, _auth: Auth, _body: bytes) -> Response:
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        end_session(wb.store, session_id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@route("/", "read", page=True)
def queue_page(wb: Workbench, request: Request, auth: Auth, _body: bytes) -> Response:
    params = dict(request.query_params)
    try:
        status, limit, offset, filters = _queue_args(params)
        rows, total = _queue(wb, status, limit, offset, filters)
        key = ("points", status, tuple(sorted(filters.items())))
        points, months = wb.read(key, lambda: event_points(wb.store, status=status, **filters))
        blind = _blind(wb, auth.user.name)
        rows = [mask_event(r, blind.get(r["event_id"], [])) for r in rows]
        points = [[*p[:3], None] if "killed_best" in blind.get(p[0], []) else p for p in points]
        message = None
    except (BadRequest, ValueError) as exc:
        rows, total, points, months, message = [], 0, [], [], str(exc)
        limit, offset = 50, 0
    months = _every_month(months)
    peak = max((n for _, n in months), default=0)
    paging = {k: v for k, v in params.items() if k != "offset"}
    return wb.page("queue.html.j2", user=auth.user, csrf=auth.csrf, events=rows, total=total, params=params,
                   paging=paging,
                   limit=limit, offset=offset, message=message, points=points, months=months, peak=peak,
                   statuses=QUEUE_STATUSES, filters=QUEUE_FILTERS)


def _every_month(counts: list[list[Any]]) -> list[list[Any]]:
    """Monthly counts with the empty months between the first and last filled in, so the timeline's x is time."""
    if not counts:
        return []
    known = {str(m): n for m, n in counts}
    year, month = (int(p) for p in str(counts[0][0]).split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= str(counts[-1][0]):
        key = f"{year:04d}-{month:02d}"
        out.append([key, known.get(key, 0)])
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


@route("/events/{event_id}", "read", page=True)
def event_page(wb: Workbench, request: Request, auth: Auth, _body: bytes) -> Response:
    try:
        detail = _event(wb, request.path_params["event_id"])
    except EventNotFound as exc:
        return wb.page("missing.html.j2", 404, user=auth.user, csrf=auth.csrf, message=str(exc))
    blind = _blind(wb, auth.user.name).get(detail["event_id"], [])
    detail = mask_event(detail, blind)
    claims_by_field: dict[str, list[dict[str, Any]]] = {}
    for claim in detail["claims"]:
        claims_by_field.setdefault(claim["field"], []).append(claim)
    texts = [{**doc, "segments": segments(doc["text"], detail["claims"], doc["doc_id"])}
             for doc in detail["documents"]]
    return wb.page("event.html.j2", user=auth.user, csrf=auth.csrf, event=detail, texts=texts,
                   fields=[c for c in EVENT_COLUMNS if c.name in CODED_FIELDS], claims=claims_by_field,
                   history=mask_history(wb.read(("history", detail["event_id"]),
                                                lambda: audit_trail(wb.store, detail["event_id"])), blind),
                   may_edit=auth.user.may("edit"),
                   may_review=auth.user.may("review"), roles=ROLES)


@route("/boundaries.geojson", "read")
def boundaries(_wb: Workbench, request: Request, _auth: Auth, _body: bytes) -> Response:
    """The shipped district polygons, the map's only basemap (sent still gzipped, as shipped, when allowed)."""
    data = resources.files("tacitus.data.geo").joinpath(BOUNDARIES_FILE).read_bytes()
    headers = {"Cache-Control": "private, max-age=86400", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
    else:
        data = gzip.decompress(data)
    return Response(data, media_type="application/geo+json", headers=headers)


async def favicon(_request: Request) -> Response:
    return Response(status_code=204)


class SecurityHeaders:
    """Adds a strict content security policy and friends to every response (no inline script can run)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


ROUTES: Final = [
    Route("/api/health", health),
    Route("/favicon.ico", favicon),
    api_events, api_event, api_correct, api_history, api_review, api_merge, api_split, api_wrong_link,
    api_throughput, api_users, api_add_user,
    login_form, login, logout, queue_page, event_page, boundaries,
]


def create_app(db: str | None, store: Store | None = None) -> Starlette:
    """The ASGI app over the store at `db` (opened here and kept open for the server's life)."""
    from tacitus.resolve.config import load_config

    if not logging.getLogger().handlers and not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    store = store or open_store(db)
    static = resources.files("tacitus.web").joinpath("static")

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    from tacitus.web import double_coding, stats  # they import this module's `route`: registered here

    app = Starlette(routes=[*ROUTES, *double_coding.ROUTES, *stats.ROUTES,
                            Mount("/static", app=StaticFiles(directory=str(static)), name="static")],
                    lifespan=lifespan)
    app.state.workbench = Workbench(store, load_config().threshold_match_weight)
    app.state.store = store
    app.add_middleware(SecurityHeaders)
    return app


__all__ = ["create_app"]
