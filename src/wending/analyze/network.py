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

from wending.analyze.facts import directed, pair, quad, sign
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
    quad), ``events`` and ``stories`` (ids).
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
            attrs: dict[str, Any] = {"weight": d["weight"], "sign": d["sign"], "net": d["net"]}
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


def build_network(
    stories: Iterable[Story],
    *,
    labels: dict[str, str] | None = None,
    blocs: Blocs = "cooperation",
    seed: int = 0,
) -> Network:
    """The network of some stories.

    ``labels`` names actors by code (else the most common name the events
    give, else the code). Communities come from Louvain (fixed ``seed``, so
    the same stories give the same blocs) on the undirected graph weighted
    by cooperation stories (``blocs="cooperation"``: allies form a bloc,
    enemies do not) or by all interactions (``"interaction"``).
    """
    g = nx.DiGraph()
    names: dict[str, Counter[str]] = {}
    for story in stories:
        q = quad(story.event)
        links: set[tuple[str, str]] = set()
        for e in story.events:
            for ent in (*e.actor, *e.recipient):
                if ent.code:
                    names.setdefault(ent.code, Counter())
                    if ent.name:
                        names[ent.code][ent.name] += 1
            links |= directed(e)
        for code in {*story.actor_codes, *story.recipient_codes}:
            if code not in g:
                g.add_node(code)
        for u, v in sorted(links):
            if not g.has_edge(u, v):
                g.add_edge(u, v, weight=0, quad=dict.fromkeys(QUADS, 0), events=[], stories=[])
            d = g.edges[u, v]
            d["weight"] += 1
            if q in d["quad"]:
                d["quad"][q] += 1
            d["stories"].append(story.id)
            d["events"].extend(e.id for e in story.events if (u, v) in directed(e))
    for _, _, d in g.edges(data=True):
        coop, conflict = d["quad"][1] + d["quad"][2], d["quad"][3] + d["quad"][4]
        d["net"] = coop - conflict
        d["sign"] = sign(1) if coop > conflict else sign(4) if conflict > coop else 0
    communities = _communities(g, blocs=blocs, seed=seed)
    member = {n: i for i, c in enumerate(communities) for n in c}
    _centrality(g)
    for n in g.nodes:
        given = (labels or {}).get(n)
        common = names.get(n, Counter()).most_common(1)
        g.nodes[n]["code"] = n
        g.nodes[n]["label"] = given or (common[0][0] if common else n)
        g.nodes[n]["community"] = member.get(n, -1)
    return Network(graph=g, communities=communities)


def _communities(g: Any, *, blocs: Blocs, seed: int) -> tuple[tuple[str, ...], ...]:
    und = nx.Graph()
    und.add_nodes_from(g.nodes)
    for u, v, d in g.edges(data=True):
        if u == v:
            continue
        w = d["quad"][1] + d["quad"][2] if blocs == "cooperation" else d["weight"]
        if w > 0:
            a, b = pair(u, v)
            prev = und.edges[a, b]["weight"] if und.has_edge(a, b) else 0
            und.add_edge(a, b, weight=prev + w)
    if und.number_of_nodes() == 0:
        return ()
    found = nx.algorithms.community.louvain_communities(und, weight="weight", seed=seed)
    ordered = sorted((tuple(sorted(c)) for c in found), key=lambda c: (-len(c), c))
    return tuple(ordered)


def _centrality(g: Any) -> None:
    """Weighted degree share (a node's stories over twice all edge stories,
    so shares add up to 1) and betweenness on the undirected graph."""
    total = sum(d["weight"] for _, _, d in g.edges(data=True))
    und = nx.Graph()
    und.add_nodes_from(g.nodes)
    und.add_edges_from((u, v) for u, v in g.edges if u != v)
    between = nx.betweenness_centrality(und) if und.number_of_nodes() > 2 else {}
    for n in g.nodes:
        strength = g.in_degree(n, weight="weight") + g.out_degree(n, weight="weight")
        g.nodes[n]["degree"] = int(strength)
        g.nodes[n]["centrality"] = round(strength / (2 * total), 4) if total else 0.0
        g.nodes[n]["betweenness"] = round(float(between.get(n, 0.0)), 4)


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
