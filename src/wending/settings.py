"""All options, in one frozen settings object.

Values come from keyword arguments, then ``WENDING_*`` environment variables,
then the defaults below. Functions take a ``Settings`` instead of flags.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from wending.errors import SettingsError

#: Languages the default engine extracts events from.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("nl", "en")


@dataclass(frozen=True, slots=True)
class Settings:
    #: Database URL or path: a SQLite file path, ``sqlite:///path``,
    #: ``:memory:``, or ``postgresql://...``.
    db: str = "wending.db"
    #: Extra knowledge-base files (TSV/YAML) that extend or override the
    #: built-in ones.
    kb_files: tuple[Path, ...] = ()
    #: Languages to detect and extract.
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    #: Largest input accepted, in bytes (files, URLs, request bodies).
    max_bytes: int = 10 * 1024 * 1024
    #: Timeout for fetching a URL, in seconds.
    fetch_timeout: float = 20.0
    #: Allow fetching private, loopback and link-local addresses.
    allow_private: bool = False
    #: Most redirects followed when fetching a URL.
    max_redirects: int = 5
    #: User agent sent when fetching.
    user_agent: str = "Wending/0.1 (+https://example.org/wending)"
    #: Extraction engine: ``rules`` (default) or ``none``.
    engine: str = "rules"
    #: Events the rule engine is less sure of than this are not coded (they
    #: stay visible in ``wending explain``). Chosen by measurement on the
    #: project's gold fixtures.
    min_confidence: float = 0.5
    #: Token that write routes of the REST API require (empty: writes refused).
    api_token: str = ""
    #: Require the token for reading too.
    api_read_protected: bool = False
    #: Options of engines and other plug-ins.
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``WENDING_*`` variables, then ``overrides``."""
        env = dict(os.environ) if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            key = "WENDING_" + f.name.upper()
            if key not in env or f.name == "extra":
                continue
            raw = env[key]
            values[f.name] = _parse(f.name, raw, getattr(cls(), f.name))
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "kb_files" in values:
            values["kb_files"] = tuple(Path(p) for p in values["kb_files"])
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def _parse(name: str, raw: str, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, tuple):
            return tuple(p for p in raw.replace(",", os.pathsep).split(os.pathsep) if p)
    except ValueError as exc:
        raise SettingsError(
            f"WENDING_{name.upper()}={raw!r} is not a valid {type(default).__name__}"
        ) from exc
    return raw
