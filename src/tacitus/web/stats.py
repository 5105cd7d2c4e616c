"""The statistics page: agreement per field from double coding, and reviewer throughput from the audit trail.

Both are also in the JSON API (`GET /api/stats/agreement`, `GET /api/stats/reviewers`); the page shows the same
numbers, for the reviewer role and up, like the routes behind it.
"""

from __future__ import annotations

from typing import Final

from starlette.requests import Request
from starlette.responses import Response

from tacitus.store.coding import agreement, list_samples
from tacitus.store.review import EventNotFound, reviewer_throughput
from tacitus.web.app import Workbench, route
from tacitus.web.auth import Auth


@route("/stats", "review", page=True)
def stats_page(wb: Workbench, request: Request, auth: Auth, _body: bytes) -> Response:
    sample_id = request.query_params.get("sample") or None
    try:
        fields = agreement(wb.store, sample_id)
    except EventNotFound as exc:
        return wb.page("missing.html.j2", 404, user=auth.user, csrf=auth.csrf, message=str(exc))
    return wb.page("stats.html.j2", user=auth.user, csrf=auth.csrf, fields=fields, sample=sample_id,
                   samples=list_samples(wb.store), reviewers=reviewer_throughput(wb.store))


ROUTES: Final = [stats_page]
