"""The actor network: actors as nodes, their interactions as signed,
weighted edges, with blocs (communities) and central actors.

Edges are directed (source -> target) and count stories, so an event told by
five outlets counts once. Joint acts (several actors, no target) link each
pair of actors in code order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import numpy as np

from wending.analyze.facts import pair, quad, sign, story_facts, top_name
from wending.model import Story

Blocs = Literal["cooperation", "interaction"]
QUADS = (1, 2, 3, 4)


@dataclass(frozen=True, slots=True)
class Network:
    """A directed actor graph and what was computed on it.

    ``graph`` is a :class:`networkx.DiGraph`. Node attributes: ``code``,
    ``label``, ``community``, ``centrality`` (weighted degree share),
    ``betweenness``, ``degree`` (stories). Edge attributes: ``weight``
    (stories), ``sign`` (+1 cooperation, -1 conflict, 0 balanced), ``net``
    (cooperation minus conflict stories), ``quad`` (stories per PLOVER
    quad), ``event_count`` (events), ``events`` and ``stories`` (ids: all of
    them, or the first ones in story order when the network was asked for a
    sample).
    """

    graph: Any
    communities: tuple[tuple[str, ...], ...]

    def to_dict(self) -> dict[str, Any]:
        g = self.graph
        nodes = [
            {
                "id": n,
                "code": g.nodes[n]["code"],
                "label": g.nodes[n]["label"],
                "community": g.nodes[n]["community"],
                "centrality": g.nodes[n]["centrality"],
                "betweenness": g.nodes[n]["betweenness"],
                "degree": g.nodes[n]["degree"],
            }
            for n in sorted(g.nodes)
        ]
        edges = [
            {
                "source": u,
                "target": v,
                "weight": d["weight"],
                "sign": d["sign"],
                "net": d["net"],
                "quad": {str(q): d["quad"][q] for q in QUADS},
                "event_count": d["event_count"],
                "events": list(d["events"]),
                "stories": list(d["stories"]),
            }
            for u, v, d in sorted(g.edges(data=True), key=lambda x: (x[0], x[1]))
        ]
        return {"nodes": nodes, "edges": edges,
                "communities": [list(c) for c in self.communities]}

    def flat(self) -> Any:
        """A copy with only string and number attributes (GraphML and GEXF
        hold no lists)."""
        g = nx.DiGraph()
        for n, d in self.graph.nodes(data=True):
            g.add_node(n, **{k: v for k, v in d.items() if isinstance(v, (str, int, float))})
        for u, v, d in self.graph.edges(data=True):
            attrs: dict[str, Any] = {"weight": d["weight"], "sign": d["sign"], "net": d["net"],
                                     "event_count": d["event_count"]}
            for q in QUADS:
                attrs[f"quad{q}"] = d["quad"][q]
            attrs["events"] = " ".join(d["events"])
            attrs["stories"] = " ".join(d["stories"])
            g.add_edge(u, v, **attrs)
        return g

    def write_graphml(self, path: str | Path) -> Path:
        """Write GraphML (Gephi, yEd, Cytoscape); the path written."""
        out = Path(path)
        nx.write_graphml(self.flat(), out, encoding="utf-8")
        return out

    def write_gexf(self, path: str | Path) -> Path:
        """Write GEXF 1.2 (Gephi); the path written."""
        out = Path(path)
        nx.write_gexf(self.flat(), out, encoding="utf-8")
        return out


@dataclass(frozen=True, slots=True)
class Edge:
    """What the network knows of one directed link: ``weight`` stories,
    per ``quad``, of which some ``stories`` and ``events`` ids (all, or a
    sample, in story order), and ``event_count`` events on it in all."""

    source: str
    target: str
    weight: int
    quad: dict[int, int]
    event_count: int
    stories: tuple[str, ...] = ()
    events: tuple[str, ...] = ()


def build_network(
    stories: Iterable[Story],
    *,
    labels: dict[str, str] | None = None,
    blocs: Blocs = "cooperation",
    seed: int = 0,
) -> Network:
    """The network of some stories (the reference the store's aggregate in
    :func:`wending.library.graph` reproduces).

    ``labels`` names actors by code (else the name their stories give them
    most often, else the code; see :func:`network`).
    """
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    parties: dict[str, Counter[str]] = {}
    for story in stories:
        q = quad(story.event)
        for f in story_facts(story):
            if f.kind == "party":
                counts = parties.setdefault(f.source, Counter())
                if f.name:
                    counts[f.name] += f.n
            elif f.kind == "link":
                d = edges.setdefault(
                    (f.source, f.target),
                    {"weight": 0, "quad": dict.fromkeys(QUADS, 0), "events": [], "stories": []},
                )
                d["weight"] += 1
                if q in d["quad"]:
                    d["quad"][q] += 1
                d["stories"].append(story.id)
                d["events"].extend(f.events)
    found = [
        Edge(u, v, d["weight"], d["quad"], len(d["events"]), tuple(d["stories"]),
             tuple(d["events"]))
        for (u, v), d in edges.items()
    ]
    names = {code: top_name(counts)[0] for code, counts in parties.items()}
    return network(names, found, labels=labels, blocs=blocs, seed=seed)


def network(
    names: dict[str, str],
    edges: Iterable[Edge],
    *,
    labels: dict[str, str] | None = None,
    blocs: Blocs = "cooperation",
    seed: int = 0,
) -> Network:
    """The network of actors (``names``: code -> the name their stories give
    them most often, or ``""``) and their directed links.

    ``labels`` names actors by code (else ``names``, else the code).
    Communities come from Louvain (fixed ``seed``, nodes and edges in code
    order, so the same counts give the same blocs) on the undirected graph
    weighted by cooperation stories (``blocs="cooperation"``: allies form a
    bloc, enemies do not) or by all interactions (``"interaction"``).
    """
    g = nx.DiGraph()
    listed = sorted(edges, key=lambda e: (e.source, e.target))
    g.add_nodes_from(sorted({*names, *(e.source for e in listed), *(e.target for e in listed)}))
    for e in listed:
        coop, conflict = e.quad.get(1, 0) + e.quad.get(2, 0), e.quad.get(3, 0) + e.quad.get(4, 0)
        g.add_edge(
            e.source, e.target, weight=e.weight, quad={q: e.quad.get(q, 0) for q in QUADS},
            events=list(e.events), stories=list(e.stories), event_count=e.event_count,
            net=coop - conflict,
            sign=sign(1) if coop > conflict else sign(4) if conflict > coop else 0,
        )
    communities = _communities(g, blocs=blocs, seed=seed)
    member = {n: i for i, c in enumerate(communities) for n in c}
    _centrality(g)
    for n in g.nodes:
        g.nodes[n]["code"] = n
        g.nodes[n]["label"] = (labels or {}).get(n) or names.get(n) or n
        g.nodes[n]["community"] = member.get(n, -1)
    return Network(graph=g, communities=communities)


def _communities(g: Any, *, blocs: Blocs, seed: int) -> tuple[tuple[str, ...], ...]:
    weights: dict[tuple[str, str], int] = {}
    for u, v, d in g.edges(data=True):
        if u == v:
            continue
        w = d["quad"][1] + d["quad"][2] if blocs == "cooperation" else d["weight"]
        if w > 0:
            key = pair(u, v)
            weights[key] = weights.get(key, 0) + w
    und = nx.Graph()
    und.add_nodes_from(g.nodes)
    und.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items())
    if und.number_of_nodes() == 0:
        return ()
    found = nx.algorithms.community.louvain_communities(und, weight="weight", seed=seed)
    ordered = sorted((tuple(sorted(c)) for c in found), key=lambda c: (-len(c), c))
    return tuple(ordered)


def _centrality(g: Any) -> None:
    """Weighted degree share (a node's stories over twice all edge stories,
    so shares add up to 1) and betweenness on the undirected graph."""
    total = sum(d["weight"] for _, _, d in g.edges(data=True))
    between = betweenness(list(g.nodes), [(u, v) for u, v in g.edges if u != v])
    for n in g.nodes:
        strength = g.in_degree(n, weight="weight") + g.out_degree(n, weight="weight")
        g.nodes[n]["degree"] = int(strength)
        g.nodes[n]["centrality"] = round(strength / (2 * total), 4) if total else 0.0
        g.nodes[n]["betweenness"] = round(float(between.get(n, 0.0)), 4)


#: Largest graph whose betweenness is computed with dense matrices (above
#: it, networkx's Brandes on the sparse graph).
DENSE_NODES = 1500


def betweenness(nodes: Sequence[str], links: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Betweenness centrality of the undirected, unweighted graph of these
    nodes and links, normalized as networkx's ``betweenness_centrality``
    (by ``(n-1)(n-2)``; empty below 3 nodes).

    Brandes' algorithm from every source at once with matrices: one
    breadth-first level per step (shortest-path counts), then the
    dependencies back from the farthest level. The same values as networkx
    (up to float rounding), in a few milliseconds for a few hundred actors.
    """
    n = len(nodes)
    if n <= 2:
        return {}
    index = {c: i for i, c in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in links if u != v}
    if n > DENSE_NODES:
        und = nx.Graph()
        und.add_nodes_from(range(n))
        und.add_edges_from(pairs)
        found = nx.betweenness_centrality(und)
        return {nodes[i]: float(b) for i, b in found.items()}
    adj = np.zeros((n, n))
    for i, j in pairs:
        adj[i, j] = adj[j, i] = 1.0
    # row s: the graph as seen from source s
    sigma = np.eye(n)  # shortest paths from s
    seen = np.eye(n, dtype=bool)
    levels = [np.eye(n, dtype=bool)]
    while True:
        reach = (sigma * levels[-1]) @ adj
        nxt = (reach > 0) & ~seen
        if not nxt.any():
            break
        sigma += np.where(nxt, reach, 0.0)
        seen |= nxt
        levels.append(nxt)
    delta = np.zeros((n, n))
    safe = np.where(sigma > 0, sigma, 1.0)
    for k in range(len(levels) - 1, 0, -1):
        coeff = np.where(levels[k], (1.0 + delta) / safe, 0.0)
        delta += np.where(levels[k - 1], sigma * (coeff @ adj), 0.0)
    np.fill_diagonal(delta, 0.0)
    scores = delta.sum(axis=0) / ((n - 1) * (n - 2))
    return {c: float(scores[i]) for i, c in enumerate(nodes)}


def top_actors(network: Network, n: int = 10) -> list[tuple[str, float]]:
    """The ``n`` most central actors with their centrality."""
    g = network.graph
    ranked = sorted(g.nodes, key=lambda x: (-g.nodes[x]["centrality"], x))
    return [(x, float(g.nodes[x]["centrality"])) for x in ranked[:n]]


def stories_between(network: Network, a: str, b: str) -> Sequence[str]:
    """Ids of the stories on the edges between two actors (both ways)."""
    g = network.graph
    out: list[str] = []
    for u, v in ((a, b), (b, a)):
        if g.has_edge(u, v):
            out.extend(g.edges[u, v]["stories"])
    return list(dict.fromkeys(out))
