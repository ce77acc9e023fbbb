"""The actor network (wending.analyze.network) on hand-built fixture events."""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pytest

from test_analyze_fixtures import D, ev, everything, fixture_articles, libya, thkh
from wending.analyze.network import betweenness, build_network, stories_between, top_actors
from wending.analyze.stories import merge

ARTICLES = fixture_articles()


def test_edges_are_signed_weighted_and_count_stories_not_articles() -> None:
    net = build_network(merge([], everything(), articles=ARTICLES))
    g = net.graph
    # the Sumy strike is told by three articles but is one story
    assert g.edges["RUS", "UKR"]["quad"][4] >= 1
    strike_stories = g.edges["RUS", "UKR"]["stories"]
    assert len(strike_stories) == len(set(strike_stories))
    tha_khm = g.edges["THA", "KHM"]
    assert tha_khm["sign"] == -1
    assert tha_khm["weight"] == sum(tha_khm["quad"].values())
    assert tha_khm["net"] < 0
    # joint talks (THA and KHM, no target) link the pair in code order, as cooperation
    assert g.edges["KHM", "THA"]["quad"][1] == 1
    assert all(isinstance(e, str) for e in tha_khm["events"])


def test_cooperation_makes_a_positive_edge() -> None:
    events = [
        ev("st-drones-01", 1, "AID", ("IRN",), ("RUS",), day=D(2022, 7, 11)),
        ev("st-drones-02", 1, "COOPERATE", ("IRN",), ("RUS",), day=D(2022, 9, 1)),
        ev("st-drones-03", 1, "ACCUSE", ("IRN",), ("RUS",), day=D(2022, 10, 1)),
    ]
    net = build_network(merge([], events, articles=ARTICLES))
    edge = net.graph.edges["IRN", "RUS"]
    assert edge["weight"] == 3 and edge["sign"] == 1 and edge["net"] == 1


def test_blocs_follow_cooperation_and_are_stable() -> None:
    events = [
        ev("st-thkh-01", 1, "AID", ("USA",), ("UKR",), day=D(2025, 6, 1)),
        ev("st-thkh-02", 1, "CONSULT", ("GBR",), ("UKR",), day=D(2025, 6, 2)),
        ev("st-thkh-03", 1, "SUPPORT", ("GBR",), ("USA",), day=D(2025, 6, 3)),
        ev("st-thkh-04", 1, "AID", ("PRK",), ("RUS",), day=D(2025, 6, 4)),
        ev("st-thkh-05", 1, "AGREE", ("RUS", "PRK"), (), day=D(2025, 6, 5)),
        ev("st-thkh-06", 1, "ASSAULT", ("RUS",), ("UKR",), day=D(2025, 6, 6)),
        ev("st-thkh-07", 1, "ASSAULT", ("UKR",), ("RUS",), day=D(2025, 6, 7)),
    ]
    stories = merge([], events, articles=ARTICLES)
    net = build_network(stories)
    blocs = {frozenset(c) for c in net.communities}
    assert frozenset({"USA", "UKR", "GBR"}) in blocs
    assert frozenset({"RUS", "PRK"}) in blocs
    assert net.communities == build_network(stories).communities
    g = net.graph
    assert g.nodes["UKR"]["community"] == g.nodes["USA"]["community"]
    assert g.nodes["UKR"]["community"] != g.nodes["RUS"]["community"]
    # UKR and RUS sit on the most edges
    top = [code for code, _ in top_actors(net, 2)]
    assert set(top) == {"UKR", "RUS"}
    assert abs(sum(g.nodes[n]["centrality"] for n in g.nodes) - 1) < 0.01
    # grouping by all interactions instead puts the fighting parties together
    together = build_network(stories, blocs="interaction")
    assert len(together.communities) <= len(net.communities)


def test_to_dict_is_json_safe_and_complete() -> None:
    net = build_network(merge([], libya(), articles=ARTICLES), labels={"TUR": "Turkey"})
    data = net.to_dict()
    assert json.loads(json.dumps(data)) == data
    node = next(n for n in data["nodes"] if n["id"] == "TUR")
    assert node["label"] == "Turkey"
    assert set(node) >= {"id", "code", "label", "community", "centrality", "degree"}
    edge = next(e for e in data["edges"] if (e["source"], e["target"]) == ("TUR", "LBY"))
    assert set(edge) >= {"source", "target", "weight", "sign", "quad", "events"}
    assert edge["quad"]["4"] == 1 and edge["events"] == ["st-libya-05-1"]
    assert stories_between(net, "LBY", "TUR")


def test_graphml_and_gexf_open_in_networkx(tmp_path: Path) -> None:
    net = build_network(merge([], thkh(), articles=ARTICLES))
    graphml = net.write_graphml(tmp_path / "thkh.graphml")
    back = nx.read_graphml(graphml)
    assert set(back.nodes) == {"THA", "KHM"}
    assert back.edges["THA", "KHM"]["sign"] == -1
    assert back.edges["THA", "KHM"]["weight"] == net.graph.edges["THA", "KHM"]["weight"]
    assert "st-thkh-03-1" in back.edges["THA", "KHM"]["events"].split()
    gexf = net.write_gexf(tmp_path / "thkh.gexf")
    again = nx.read_gexf(gexf)
    assert set(again.nodes) == {"THA", "KHM"}
    assert "gexf" in gexf.read_text(encoding="utf-8")[:400]


def test_an_empty_network() -> None:
    net = build_network([])
    assert net.to_dict() == {"nodes": [], "edges": [], "communities": []}


@pytest.mark.parametrize("seed", range(60))
def test_betweenness_equals_networkx(seed: int) -> None:
    """The matrix Brandes gives networkx's values on random graphs, sparse
    to complete, connected or not, with self-loops (which it ignores)."""
    rng = random.Random(seed)
    nodes = [f"N{i:02d}" for i in range(rng.randrange(0, 45))]
    p = rng.random()
    links = [(a, b) for a in nodes for b in nodes if a < b and rng.random() < p]
    links += [(a, a) for a in nodes[:2]]
    und = nx.Graph()
    und.add_nodes_from(nodes)
    und.add_edges_from((a, b) for a, b in links if a != b)
    want = nx.betweenness_centrality(und) if len(nodes) > 2 else {}
    got = betweenness(nodes, links)
    assert set(got) == set(want)
    assert all(abs(got[k] - want[k]) < 1e-12 for k in want)
