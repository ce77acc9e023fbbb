"""Watch rules: what someone follows, read from a YAML file.

```yaml
watch:
  - name: Libya
    actors: [TUR, LBY]          # any of these takes part
    kinds: [new_turn, new_actor]
  - name: Thai-Cambodian border
    pairs: [[THA, KHM]]         # these two, with each other
    types: [ASSAULT, SANCTION]  # any of these PLOVER types
    places: [Sisaket]
    min_modality: alleged       # at least this firm
```

A rule matches an alert when every field it sets matches (any value of a
list will do); an alert is kept when some rule matches it. Errors name the
file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from wending.analyze.alert_types import ALERT_KINDS, Alert
from wending.analyze.facts import MODALITY_STRENGTH
from wending.errors import WatchError
from wending.model import EVENT_TYPES, MODALITIES, normalize_event_type

FIELDS = ("name", "actors", "pairs", "types", "places", "kinds", "min_modality")
_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class WatchRule:
    name: str
    actors: frozenset[str] = frozenset()
    pairs: tuple[tuple[str, str], ...] = ()
    types: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()
    kinds: frozenset[str] = frozenset()
    min_modality: str | None = None
    line: int | None = None

    def matches(self, alert: Alert) -> bool:
        involved = set(alert.actors)
        if self.kinds and alert.kind not in self.kinds:
            return False
        if self.actors and not self.actors & involved:
            return False
        if self.pairs and not any(a in involved and b in involved for a, b in self.pairs):
            return False
        if self.types and not self.types & set(alert.event_types):
            return False
        if self.places:
            where = [p.casefold() for p in alert.places]
            if not any(w.casefold() in p for w in self.places for p in where):
                return False
        return self.min_modality is None or (
            MODALITY_STRENGTH[alert.modality] >= MODALITY_STRENGTH[self.min_modality]
        )


@dataclass(frozen=True, slots=True)
class WatchList:
    source: str
    rules: tuple[WatchRule, ...]

    def apply(self, alerts: Iterable[Alert]) -> list[Alert]:
        """The alerts some rule matches, each with the names of its rules."""
        out: list[Alert] = []
        for alert in alerts:
            names = tuple(r.name for r in self.rules if r.matches(alert))
            if names:
                out.append(replace(alert, watch=names))
        return out


def load_watch(path: str | Path) -> WatchList:
    """Read a watch file; :class:`WatchError` names the file and line of a
    mistake."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WatchError(str(p), None, "no such watch file; give the path of a YAML file "
                         "(see examples/watch.yaml)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise WatchError(str(p), None, f"cannot read the watch file: {exc}") from exc
    return parse_watch(text, source=str(p))


def parse_watch(text: str, *, source: str = "<watch>") -> WatchList:
    """Parse watch rules from YAML text."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise WatchError(source, line, f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if root is None:
        raise WatchError(source, None, "the watch file is empty; add a list of rules under watch:")
    if isinstance(root, yaml.MappingNode):
        found = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
        extra = [k for k in found if k != "watch"]
        if extra or "watch" not in found:
            raise WatchError(source, _line(root), "the top level must hold only watch: "
                             "(a list of rules)")
        root = found["watch"]
    if not isinstance(root, yaml.SequenceNode) or not root.value:
        raise WatchError(source, _line(root), "watch: must be a non-empty list of rules")
    rules = [_rule(node, i, source) for i, node in enumerate(root.value, start=1)]
    named: set[str] = set()
    for r in rules:
        if r.name in named:
            raise WatchError(source, r.line, f"two rules are named {r.name!r}; rename one")
        named.add(r.name)
    return WatchList(source=source, rules=tuple(rules))


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _rule(node: yaml.Node, index: int, source: str) -> WatchRule:
    if not isinstance(node, yaml.MappingNode):
        raise WatchError(source, _line(node), "a rule must be a mapping (name:, actors:, ...)")
    values: dict[str, yaml.Node] = {}
    for key, value in node.value:
        k = key.value if isinstance(key, yaml.ScalarNode) else None
        if k not in FIELDS:
            raise WatchError(source, _line(key), f"unknown field {k!r}; use {', '.join(FIELDS)}")
        values[str(k)] = value
    if len(values) == ("name" in values):
        raise WatchError(source, _line(node), "the rule sets nothing to follow; add actors:, "
                         "pairs:, types:, places:, kinds: or min_modality:")
    name = _scalar(values["name"], source) if "name" in values else f"rule {index}"
    pairs = _pairs(values.get("pairs"), source)
    types: set[str] = set()
    for t in _strings(values.get("types"), source):
        name_t = normalize_event_type(t)
        if name_t not in EVENT_TYPES:
            raise WatchError(source, _line(values["types"]), f"unknown event type {t!r}; "
                             f"use one of {', '.join(EVENT_TYPES)}")
        types.add(name_t)
    kinds = set(_strings(values.get("kinds"), source))
    if kinds - set(ALERT_KINDS):
        raise WatchError(source, _line(values["kinds"]), f"unknown alert kind "
                         f"{sorted(kinds - set(ALERT_KINDS))[0]!r}; use {', '.join(ALERT_KINDS)}")
    modality = _scalar(values["min_modality"], source) if "min_modality" in values else None
    if modality is not None and modality not in MODALITIES:
        raise WatchError(source, _line(values["min_modality"]), f"unknown modality "
                         f"{modality!r}; use one of {', '.join(MODALITIES)}")
    return WatchRule(
        name=name,
        actors=frozenset(_code(a, values["actors"], source)
                         for a in _strings(values.get("actors"), source)),
        pairs=tuple(pairs),
        types=frozenset(types),
        places=tuple(_strings(values.get("places"), source)),
        kinds=frozenset(kinds),
        min_modality=modality,
        line=_line(node),
    )


def _scalar(node: yaml.Node, source: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise WatchError(source, _line(node), "expected a single non-empty value here")
    return str(node.value).strip()


def _pairs(node: yaml.Node | None, source: str) -> list[tuple[str, str]]:
    """Pairs as ``[[RUS, UKR], ...]`` or ``[RUS-UKR, ...]`` (or one such)."""
    if node is None:
        return []
    entries: Sequence[yaml.Node] = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out: list[tuple[str, str]] = []
    for entry in entries:
        if isinstance(entry, yaml.SequenceNode):
            parts = [_scalar(n, source) for n in entry.value]
        elif isinstance(entry, yaml.ScalarNode):
            parts = [p for p in re.split(r"[,\s/–-]+", str(entry.value)) if p]
        else:
            parts = []
        if len(parts) != 2:
            raise WatchError(source, _line(entry), "a pair is two actor codes, written "
                             "[RUS, UKR] or RUS-UKR; pairs: takes a list of them")
        out.append((_code(parts[0], entry, source), _code(parts[1], entry, source)))
    return out


def _strings(node: yaml.Node | None, source: str) -> list[str]:
    if node is None:
        return []
    if isinstance(node, yaml.ScalarNode):
        return [p.strip() for p in str(node.value).split(",") if p.strip()]
    if not isinstance(node, yaml.SequenceNode):
        raise WatchError(source, _line(node), "expected a list of values here")
    return [_scalar(n, source) for n in node.value]


def _code(value: str, node: yaml.Node, source: str) -> str:
    code = value.strip().upper()
    if not _CODE.match(code):
        raise WatchError(source, _line(node), f"{value!r} is not an actor code; use a "
                         "three-letter PLOVER code such as RUS, UKR, IGO or UNO")
    return code
