/* Wending web page: router, API calls, events table, event and story views.
 *
 * Every piece of text from the API (article text, titles, names) reaches the
 * page through textContent or createTextNode and is never parsed as HTML, so a
 * script in an article is shown as text and never runs.
 */
"use strict";

(function () {
  const W = (window.Wending = window.Wending || {});
  const TOKEN_KEY = "wending.token";
  W.EVENT_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
    "ASSAULT"];
  W.MODALITIES = ["asserted", "reported", "alleged", "denied", "planned", "predicted"];
  const KINDS = ["evidence", "actor", "recipient", "trigger", "date", "quantity", "modality",
    "location"];

  /* h("a", {href, class}, "text", child...): an element; strings become text nodes. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  /* Only http(s) links from data; anything else (javascript:, data:) is dropped. */
  function safeUrl(url) {
    try {
      const u = new URL(String(url), document.baseURI);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  async function api(path, params) {
    const url = new URL("api/" + path, document.baseURI);
    for (const [k, v] of Object.entries(params || {})) {
      for (const one of Array.isArray(v) ? v : [v]) {
        if (one !== "" && one !== null && one !== undefined) url.searchParams.append(k, one);
      }
    }
    const headers = { Accept: "application/json" };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = "Bearer " + token;
    const response = await fetch(url, { headers });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const err = new Error((body && body.error && body.error.message) || response.statusText);
      err.status = response.status;
      throw err;
    }
    return body;
  }

  function status(text) {
    document.getElementById("status").textContent = text || "";
  }

  function showError(view, err) {
    view.append(h("p", { class: "error", role: "alert" }, "Error: " + err.message));
    if (err.status === 401) {
      const input = h("input", { type: "password", name: "token", autocomplete: "off" });
      const form = h("form", { class: "token-form" }, h("label", {}, "API token ", input),
        h("button", { type: "submit" }, "Use token"));
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        sessionStorage.setItem(TOKEN_KEY, input.value);
        route();
      });
      view.append(form);
    }
  }

  /* Entities as "RUS GOV (Poetin)". */
  function parties(list) {
    return (list || []).map((e) => [e.code, e.sector].filter(Boolean).join(" ")
      + (e.entity_text ? " (" + e.entity_text + ")" : "")).join(", ");
  }

  function dateText(ev) {
    const d = ev.date;
    if (!d) return ev.date_detail && ev.date_detail.text ? "(" + ev.date_detail.text + ")" : "";
    return typeof d === "string" ? d : d.start + " – " + d.end;
  }

  function quantityText(q) {
    return q ? (q.approx ? "~" : "") + q.value + (q.high ? "–" + q.high : "") + " " + q.unit : "";
  }

  function input(name, value, attrs, label) {
    return h("label", {}, (label || name) + " ",
      h("input", Object.assign({ name, value: value || "" }, attrs || {})));
  }

  function select(name, value, options) {
    const el = h("select", { name }, h("option", { value: "" }, "any"));
    for (const o of options) el.append(h("option", { value: o, selected: o === value }, o));
    return h("label", {}, name + " ", el);
  }

  /* A form whose submit turns its fields into the hash's query. */
  function filterForm(routeName, fields, cls) {
    const form = h("form", { class: "filters " + (cls || "") }, fields,
      h("button", { type: "submit" }, "Apply"),
      h("a", { href: "#/" + routeName, class: "reset" }, "reset"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const qs = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (String(v).trim()) qs.set(k, String(v).trim());
      location.hash = "#/" + routeName + (qs.toString() ? "?" + qs : "");
    });
    return form;
  }

  async function eventsView(view, params) {
    const limit = 50;
    const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
    const get = (k) => params.get(k) || "";
    view.append(h("h1", {}, "Events"), filterForm("events", [
      input("q", get("q"), { type: "search", placeholder: "words in the article", id: "search" },
        "search"),
      input("actor", get("actor"), { size: 5, placeholder: "RUS" }),
      input("recipient", get("recipient"), { size: 5, placeholder: "UKR" }),
      select("type", get("type"), W.EVENT_TYPES),
      select("modality", get("modality"), W.MODALITIES),
      select("lang", get("lang"), ["nl", "en"]),
      input("since", get("since"), { type: "date" }),
      input("until", get("until"), { type: "date" }),
    ]));
    const filters = {};
    for (const k of ["q", "actor", "recipient", "type", "modality", "lang", "since", "until"]) {
      filters[k] = get(k);
    }
    const page = await api("events", Object.assign({ limit, offset }, filters));
    view.append(eventTable(page.items), pager(page, "events", params));
  }

  function eventTable(items) {
    const table = h("table", { class: "events", id: "events-table" },
      h("thead", {}, h("tr", {}, ["date", "event", "actor", "recipient", "modality",
        "quantity", "evidence", "outlet"].map((c) => h("th", {}, c)))));
    const body = h("tbody");
    for (const ev of items) {
      body.append(h("tr", { class: "event-row" },
        h("td", { class: "nowrap" }, dateText(ev)),
        h("td", {}, h("a", { href: "#/event/" + encodeURIComponent(ev.id), class: "event-link" },
          ev.event + (ev.mode ? " / " + ev.mode : ""))),
        h("td", {}, parties(ev.actor)),
        h("td", {}, parties(ev.recipient)),
        h("td", {}, h("span", { class: "modality m-" + ev.modality }, ev.modality)),
        h("td", {}, quantityText(ev.quantity)),
        h("td", { class: "evidence" }, (ev.evidence || []).map((s) => s.text).join(" … ")),
        h("td", {}, ev.attribution ? ev.attribution.outlet : "")));
    }
    table.append(body);
    if (!items.length) return h("p", { class: "empty" }, "No events match.");
    return table;
  }

  function pager(page, routeName, params) {
    const go = (offset) => {
      const qs = new URLSearchParams(params);
      qs.set("offset", String(Math.max(0, offset)));
      return "#/" + routeName + "?" + qs;
    };
    const last = Math.min(page.total, page.offset + page.items.length);
    return h("div", { class: "pager" },
      page.offset > 0 ? h("a", { href: go(page.offset - page.limit), rel: "prev" }, "« previous") : "",
      h("span", { class: "count" }, `${page.total ? page.offset + 1 : 0}–${last} of ${page.total}`),
      last < page.total ? h("a", { href: go(page.offset + page.limit), rel: "next" }, "next »") : "");
  }

  /* The article text with every highlight as a <mark class="hl hl-KIND">.
   * Offsets count Unicode code points (Python's str), hence Array.from. */
  function markedText(text, highlights) {
    const chars = Array.from(text);
    const clamp = (n) => Math.max(0, Math.min(chars.length, n));
    const cuts = new Set([0, chars.length]);
    for (const m of highlights) { cuts.add(clamp(m.start)); cuts.add(clamp(m.end)); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const box = h("div", { class: "article-text", lang: "" });
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = chars.slice(a, b).join("");
      const on = highlights.filter((m) => m.start <= a && m.end >= b);
      if (!on.length) { box.append(document.createTextNode(piece)); continue; }
      const kinds = KINDS.filter((k) => on.some((m) => m.kind === k));
      const title = on.map((m) => m.kind + (m.label ? ": " + m.label : "")).join("; ");
      box.append(h("mark", { class: "hl " + kinds.map((k) => "hl-" + k).join(" "), title }, piece));
    }
    return box;
  }

  function legend() {
    return h("p", { class: "legend" }, "Marked: ",
      KINDS.map((k) => h("mark", { class: "hl hl-" + k }, k)));
  }

  function facts(rows) {
    return h("dl", { class: "facts" }, rows.filter((r) => r[1] !== "" && r[1] != null)
      .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
  }

  function articleHeader(a) {
    const url = safeUrl(a.url);
    return h("div", { class: "article-head" },
      h("h2", { class: "article-title" }, a.title || a.name),
      h("p", { class: "meta" }, [a.outlet, a.published, a.lang].filter(Boolean).join(" · "),
        url ? [" · ", h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "source")] : ""));
  }

  /* The outlets that told the event's story. */
  function toldBy(story) {
    if (!story) return h("p", { class: "meta" }, "Not merged into a story yet.");
    return h("div", { class: "told-by", id: "told-by" },
      h("strong", {}, "Told by " + story.outlet_count + " outlet(s): "),
      (story.articles || []).map((a, i) => [i ? "; " : "", a.outlet || a.name || a.id,
        a.published ? " (" + a.published + ")" : ""]),
      " · ", h("a", { href: "#/story/" + encodeURIComponent(story.id) }, "story"));
  }

  async function eventView(view, params, id) {
    const data = await api("events/" + encodeURIComponent(id));
    const ev = data.event;
    const att = ev.attribution || {};
    const title = ev.event + (ev.mode ? " / " + ev.mode : "") + ": " + parties(ev.actor)
      + (ev.recipient && ev.recipient.length ? " → " + parties(ev.recipient) : "");
    view.append(h("p", {}, h("a", { href: "#/events" }, "« events")), h("h1", {}, title),
      h("div", { class: "event-layout" },
        h("section", { class: "article-col" }, articleHeader(data.article),
          markedText(data.article.text || "", data.highlights || [])),
        h("aside", { class: "facts-col" }, legend(), facts([
          ["actor", parties(ev.actor)], ["recipient", parties(ev.recipient)],
          ["trigger", ev.event_text], ["date", dateText(ev)],
          ["quantity", quantityText(ev.quantity)], ["place", ev.event_loc],
          ["modality", ev.modality], ["speaker", att.speaker ? parties([att.speaker]) : ""],
          ["source", att.source_text], ["outlet", att.outlet],
          ["confidence", ev.confidence], ["rules", (ev.rules || []).join(", ")],
          ["id", ev.id],
        ]), toldBy(data.story))));
    const first = view.querySelector(".hl-evidence");
    if (first) first.scrollIntoView({ block: "center" });
    const told = await api("articles/" + encodeURIComponent(data.article.id));
    const others = told.events.filter((e) => e.id !== ev.id);
    if (others.length) view.append(h("h2", {}, "Other events in this article"), eventTable(others));
  }

  const routes = {};
  W.h = h; W.api = api; W.safeUrl = safeUrl; W.parties = parties; W.dateText = dateText;
  W.eventTable = eventTable; W.filterForm = filterForm; W.input = input; W.select = select;
  W.markedText = markedText; W.routes = routes; W.status = status; W.pager = pager;
  routes.events = eventsView;
  routes.event = eventView;

  let current = 0;
  async function route() {
    const hash = location.hash.replace(/^#\/?/, "");
    const [path, query] = hash.split("?", 2);
    const [name, ...rest] = path.split("/");
    const key = routes[name] ? name : "events";
    const view = document.getElementById("view");
    const ticket = ++current;
    delete document.body.dataset.ready;
    view.replaceChildren();
    for (const a of document.querySelectorAll("#nav a")) {
      a.classList.toggle("active", a.dataset.route === key || a.dataset.route === key + "s");
    }
    status("loading…");
    try {
      await routes[key](view, new URLSearchParams(query || ""),
        decodeURIComponent(rest.join("/")));
      if (ticket === current) status("");
    } catch (err) {
      if (ticket !== current) return;
      status("");
      showError(view, err);
    }
    if (ticket === current) {  // for tests and tools: which view is done, for which hash
      document.body.dataset.hash = location.hash;
      document.body.dataset.ready = key;
    }
  }
  W.route = route;
  window.addEventListener("hashchange", route);
  window.addEventListener("DOMContentLoaded", () => setTimeout(route, 0));
})();
