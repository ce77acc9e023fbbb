/* Wending web page: stories, timeline (Chart.js), network (Cytoscape.js), alerts.
 * Text from the API goes into the page as text only (see app.js). */
"use strict";

(function () {
  const W = window.Wending;
  const h = W.h;
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
    "#17becf", "#bcbd22", "#7f7f7f", "#d62728"];
  const SIGN_COLOR = { "-1": "#c0392b", "0": "#888888", "1": "#2e8b57" };
  const get = (params, k) => params.get(k) || "";

  function codes(list) {
    return (list || []).join(", ");
  }

  function storyRow(s) {
    return h("tr", { class: "story-row" },
      h("td", { class: "nowrap" }, s.date || s.first_reported || ""),
      h("td", {}, h("a", { href: "#/story/" + encodeURIComponent(s.id), class: "story-link" },
        s.event)),
      h("td", {}, codes(s.actors)), h("td", {}, codes(s.recipients)),
      h("td", {}, h("span", { class: "modality m-" + s.modality }, s.modality || "")),
      h("td", {}, String(s.outlet_count != null ? s.outlet_count : (s.outlets || []).length)),
      h("td", {}, codes(s.languages)));
  }

  function storyTable(items) {
    if (!items.length) return h("p", { class: "empty" }, "No stories match.");
    return h("table", { class: "stories", id: "stories-table" },
      h("thead", {}, h("tr", {}, ["date", "event", "actors", "recipients", "modality",
        "outlets", "languages"].map((c) => h("th", {}, c)))),
      h("tbody", {}, items.map(storyRow)));
  }

  async function storiesView(view, params) {
    const limit = 50;
    const offset = Math.max(0, parseInt(get(params, "offset") || "0", 10) || 0);
    view.append(h("h1", {}, "Stories"),
      h("p", { class: "hint" }, "One real-world event, merged from every article that told it."),
      W.filterForm("stories", [
        W.input("actor", get(params, "actor"), { size: 5, placeholder: "RUS" }),
        W.select("type", get(params, "type"), W.EVENT_TYPES),
        W.input("since", get(params, "since"), { type: "date" }),
        W.input("until", get(params, "until"), { type: "date" }),
      ]));
    const page = await W.api("stories", {
      actor: get(params, "actor"), type: get(params, "type"), since: get(params, "since"),
      until: get(params, "until"), limit, offset,
    });
    view.append(storyTable(page.items));
    const qs = new URLSearchParams(params);
    const nav = h("div", { class: "pager" });
    if (offset > 0) {
      qs.set("offset", String(Math.max(0, offset - limit)));
      nav.append(h("a", { href: "#/stories?" + qs, rel: "prev" }, "« previous"));
    }
    if (page.items.length === limit) {
      qs.set("offset", String(offset + limit));
      nav.append(h("a", { href: "#/stories?" + qs, rel: "next" }, "next »"));
    }
    view.append(nav);
  }

  async function storyView(view, params, id) {
    const s = await W.api("stories/" + encodeURIComponent(id));
    const articles = s.articles || [];
    view.append(h("p", {}, h("a", { href: "#/stories" }, "« stories")),
      h("h1", {}, s.event + ": " + codes(s.actors) + (s.recipients && s.recipients.length
        ? " → " + codes(s.recipients) : "")),
      h("dl", { class: "facts" },
        [["date", s.date], ["first reported", s.first_reported],
          ["last reported", s.last_reported], ["modality", s.modality],
          ["modalities told", codes(s.modalities)], ["places", codes(s.places)],
          ["languages", codes(s.languages)]]
          .filter((r) => r[1]).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
      h("h2", {}, "Told by " + (s.outlets || []).length + " outlet(s)"),
      h("ul", { class: "outlets", id: "story-outlets" }, articles.map((a) => {
        const url = W.safeUrl(a.url);
        return h("li", {}, h("strong", {}, a.outlet || "unknown outlet"), " ",
          [a.published, a.lang].filter(Boolean).join(" · "), " ",
          url ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank" },
            a.name || url) : a.name || a.id);
      })),
      h("h2", {}, "Events (open one to see its evidence in the article)"),
      W.eventTable(s.events || []));
  }

  async function listStories(box, ids, title, total) {
    box.replaceChildren(h("h2", {}, title));
    const shown = ids.slice(0, 30);
    const found = await Promise.all(shown.map((id) =>
      W.api("stories/" + encodeURIComponent(id)).catch(() => null)));
    box.append(storyTable(found.filter(Boolean)));
    const all = Math.max(total || 0, ids.length);
    if (all > shown.length) box.append(h("p", {}, `(the first ${shown.length} of ${all})`));
  }

  async function timelineView(view, params) {
    view.append(h("h1", {}, "Timeline"),
      h("p", { class: "hint" }, "Stories per period for an actor, or a pair of actors "
        + "(two codes: RUS,UKR). Click a bar to list its stories."),
      W.filterForm("timeline", [
        W.input("actor", get(params, "actor"), { size: 5, placeholder: "RUS" }),
        W.input("pair", get(params, "pair"), { size: 9, placeholder: "RUS,UKR" }),
        W.select("type", get(params, "type"), W.EVENT_TYPES),
        W.select("interval", get(params, "interval") || "week", ["day", "week", "month"]),
        W.input("since", get(params, "since"), { type: "date" }),
        W.input("until", get(params, "until"), { type: "date" }),
      ]));
    const keys = ["actor", "pair", "type", "interval", "since", "until"];
    const t = await W.api("timeline", Object.fromEntries(keys.map((k) => [k, get(params, k)])));
    const points = t.points || [];
    if (!points.length) {
      view.append(h("p", { class: "empty" }, "No dated stories match."));
      return;
    }
    const canvas = h("canvas", { id: "timeline-chart", role: "img",
      "aria-label": "stories per " + t.interval });
    const below = h("div", { id: "timeline-stories" });
    view.append(h("div", { class: "chart-box" }, canvas), below);
    const other = points.map((p) => Math.max(0, p.count - p.conflict - p.cooperation));
    W.chart = new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: points.map((p) => p.start),
        datasets: [
          { label: "conflict", data: points.map((p) => p.conflict), backgroundColor: "#c0392b" },
          { label: "cooperation", data: points.map((p) => p.cooperation),
            backgroundColor: "#2e8b57" },
          { label: "other", data: other, backgroundColor: "#999999" },
        ],
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, maxBarThickness: 48,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true,
          ticks: { precision: 0 } } },
        onClick: (evt, elements) => {
          if (!elements.length) return;
          const p = points[elements[0].index];
          listStories(below, p.stories || [], `Stories ${p.start} – ${p.end}`, p.count);
        },
      },
    });
  }

  // The network lists counts only: an edge's events come from
  // /api/network/edge, for the same period and actors as the network.
  async function showEdge(box, edge, filters) {
    box.replaceChildren(h("h2", {}, `Events ${edge.source} → ${edge.target}`));
    const page = await W.api("network/edge", Object.assign(
      { source: edge.source, target: edge.target, limit: 500 }, filters));
    box.append(W.eventTable(page.items));
    if (page.total > page.items.length) {
      box.append(h("p", {}, `(the first ${page.items.length} of ${page.total})`));
    }
  }

  async function networkView(view, params) {
    view.append(h("h1", {}, "Network"),
      h("p", { class: "hint" }, "Actors coloured by bloc; edges green for cooperation, red for "
        + "conflict, wider with more stories. Click an edge to list its events."),
      W.filterForm("network", [
        W.input("since", get(params, "since"), { type: "date" }),
        W.input("until", get(params, "until"), { type: "date" }),
        W.input("actors", get(params, "actors"), { size: 14, placeholder: "RUS,UKR,USA" }),
      ]));
    const filters = { since: get(params, "since"), until: get(params, "until"),
      actors: get(params, "actors") };
    const net = await W.api("network", filters);
    if (!net.nodes.length) {
      view.append(h("p", { class: "empty" }, "No interactions in this period."));
      return;
    }
    const color = (c) => (c >= 0 ? PALETTE[c % PALETTE.length] : "#cccccc");
    view.append(h("p", { class: "blocs" }, "Blocs: ", (net.communities || []).map((c, i) =>
      h("span", { class: "bloc bloc-" + (i % PALETTE.length) }, c.join(" ")))));
    const box = h("div", { id: "network", class: "network" });
    const below = h("div", { id: "edge-events" });
    view.append(box);
    const max = Math.max(...net.nodes.map((n) => n.centrality || 0), 0.0001);
    const elements = net.nodes.map((n) => ({ group: "nodes", data: {
      id: n.id, label: n.label && n.label !== n.code ? n.code + " " + n.label : n.code,
      color: color(n.community), size: 18 + 40 * ((n.centrality || 0) / max) } }));
    net.edges.forEach((e, i) => elements.push({ group: "edges", data: {
      id: "e" + i, source: e.source, target: e.target, weight: e.weight,
      color: SIGN_COLOR[String(e.sign)] || "#888888",
      width: 1.5 + 2 * Math.log2(1 + (e.weight || 1)) } }));
    W.cy = window.cytoscape({
      container: box, elements,
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000 },
      style: [
        { selector: "node", style: { "background-color": "data(color)", label: "data(label)",
          width: "data(size)", height: "data(size)", "font-size": 11, color: "#222" } },
        { selector: "edge", style: { width: "data(width)", "line-color": "data(color)",
          "target-arrow-color": "data(color)", "target-arrow-shape": "triangle",
          "curve-style": "bezier", opacity: 0.8 } },
        { selector: "edge:selected", style: { "line-color": "#000", "target-arrow-color": "#000" } },
      ],
    });
    W.cy.on("tap", "edge", (evt) => showEdge(below, evt.target.data(), filters));
    const rows = net.edges.map((e) => h("tr", {},
      h("td", {}, e.source), h("td", {}, e.target), h("td", {}, String(e.weight)),
      h("td", {}, e.sign > 0 ? "cooperation" : e.sign < 0 ? "conflict" : "mixed"),
      h("td", {}, h("button", { type: "button", class: "edge-button",
        onclick: () => showEdge(below, e, filters) }, "events"))));
    view.append(below, h("details", { class: "edges" }, h("summary", {}, "All edges"),
      h("table", {}, h("thead", {}, h("tr", {}, ["from", "to", "stories", "sign", ""]
        .map((c) => h("th", {}, c)))), h("tbody", {}, rows))));
  }

  async function alertsView(view, params) {
    view.append(h("h1", {}, "Alerts"),
      h("p", { class: "hint" }, "New turns and escalations."),
      W.filterForm("alerts", [
        W.input("since", get(params, "since"), { type: "date" }),
        W.input("until", get(params, "until"), { type: "date" }),
      ]));
    const res = await W.api("alerts", { since: get(params, "since"),
      until: get(params, "until") });
    const items = res.items || [];
    if (!items.length) {
      view.append(h("p", { class: "empty" }, "No alerts."));
      return;
    }
    view.append(h("ul", { class: "alerts", id: "alerts-list" }, items.map(alertItem)));
  }

  function alertItem(a) {
    const links = (a.stories || []).slice(0, 10).map((id, i) =>
      [i ? ", " : "", h("a", { href: "#/story/" + encodeURIComponent(id), class: "story-link" },
        "story " + (i + 1))]);
    const quotes = (a.evidence || []).slice(0, 3).map((e) => h("li", {},
      h("q", {}, e.text), " — ", h("a", { href: "#/event/" + encodeURIComponent(e.event_id) },
        e.article || e.article_id)));
    return h("li", { class: "alert alert-" + String(a.kind).replace(/[^a-z_-]/gi, "") },
      h("p", {}, h("strong", { class: "kind" }, a.kind), " ", a.date || "", " ",
        h("span", { class: "title" }, a.title)),
      a.summary ? h("p", { class: "summary" }, a.summary) : "",
      h("p", { class: "meta" }, [codes(a.actors), codes(a.event_types), codes(a.places),
        a.modality].filter(Boolean).join(" · "), links.length ? [" · ", links] : ""),
      quotes.length ? h("ul", { class: "quotes" }, quotes) : "");
  }

  Object.assign(W.routes, {
    stories: storiesView, story: storyView, timeline: timelineView, network: networkView,
    alerts: alertsView,
  });
})();
