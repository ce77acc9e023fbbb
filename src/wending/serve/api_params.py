"""Parameters the REST routes share: types of query values, the settings and
token dependencies, and the route class. Parsing only; no domain logic."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Depends, Query, Request
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BeforeValidator

from wending.library import QueryError
from wending.model import EVENT_TYPES, MODALITIES, OLD_EVENT_NAMES
from wending.serve import api_models as m
from wending.serve.api_edge import DESCRIPTIONS, check_token
from wending.settings import Settings

if TYPE_CHECKING:
    EventType = str
    ModalityName = str
else:
    EventType = Literal[(*EVENT_TYPES, *OLD_EVENT_NAMES)]
    ModalityName = Literal[MODALITIES]

Interval = Literal["day", "week", "month"]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CODES = r"^\s*[A-Za-z0-9]{2,8}\s*(,\s*[A-Za-z0-9]{2,8}\s*)*$"


def _iso_day(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` (pydantic alone would read ``0`` as 1970-01-01)."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("use a date as YYYY-MM-DD")
    return value


Day = Annotated[dt.date, BeforeValidator(_iso_day)]
Since = Annotated[Day | None, Query(description="From this date (YYYY-MM-DD)")]
Until = Annotated[Day | None, Query(description="Until this date (YYYY-MM-DD)")]
Limit = Annotated[int, Query(ge=0, le=1000, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=2**31, description="Items to skip")]
Code = Annotated[
    str | None, Query(pattern=r"^\s*[A-Za-z0-9]{0,8}\s*$", description="Actor code, e.g. RUS")
]
Codes = Annotated[str | None, Query(pattern=_CODES, description="Actor codes: RUS,UKR")]
Pair = Annotated[
    str | None,
    Query(
        pattern=r"^\s*[A-Za-z0-9]{2,8}\s*[,-]\s*[A-Za-z0-9]{2,8}\s*$",
        description="Two actor codes: RUS,UKR (either direction)",
    ),
]
Id = Annotated[str, Query(min_length=1)]
#: How many ids to list per timeline point or network edge (the counts
#: always cover every story).
Ids = Annotated[
    int,
    Query(ge=0, le=1000, description="Story ids listed per point or edge (counts cover all)"),
]
EdgeCode = Annotated[
    str, Query(pattern=r"^\s*[A-Za-z0-9]{1,8}\s*$", description="Actor code, e.g. RUS")
]

bearer = HTTPBearer(auto_error=False, description="The token of settings.api_token")
Creds = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Conf = Annotated[Settings, Depends(settings_of)]


def read_guard(request: Request, creds: Creds) -> None:
    """Reading needs the token when ``settings.api_read_protected`` is set."""
    check_token(settings_of(request), creds, what="reading")


def period(since: Since = None, until: Until = None) -> tuple[dt.date | None, dt.date | None]:
    """``since``/``until`` in order (else a 400 that says to swap them)."""
    if since is not None and until is not None and since > until:
        raise QueryError(f"since ({since}) is after until ({until}); swap them")
    return since, until


Period = Annotated[tuple[dt.date | None, dt.date | None], Depends(period)]


def code_list(value: str | None) -> list[str] | None:
    """``"RUS, ukr"`` as ``["RUS", "UKR"]`` (``None`` when empty)."""
    found = [c.strip().upper() for c in (value or "").split(",") if c.strip()]
    return found or None


def blank(value: str | None) -> str | None:
    return value if value and value.strip() else None


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses."""
    return {c: {"model": m.ErrorBody, "description": DESCRIPTIONS.get(c, "Error")} for c in codes}


class JsonRoute(APIRoute):
    """A route that leaves out of its JSON the fields the library left out."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        kwargs["response_model_exclude_unset"] = True
        super().__init__(path, endpoint, **kwargs)
