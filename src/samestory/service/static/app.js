// samestory's page. Every piece of article text goes into the DOM through textContent or a text
// node, never as HTML: an article is data, whatever tags it contains.
"use strict";

const DIMENSIONS = ["Overall", "Geography", "Entities", "Time", "Narrative", "Style", "Tone"];
const EVIDENCE = ["people", "organisations", "places", "dates", "numbers", "quotes"];
const COLOURS = 8;
const SIDES = ["a", "b"];
const OTHER = { a: "b", b: "a" };
const $ = (id) => document.getElementById(id);

// An element with attributes and children (strings become text nodes).
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  return node;
}

async function api(path, body) {
  const opts = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const resp = await fetch(path, opts);
  let data = null;
  try { data = await resp.json(); } catch (_) { /* not JSON: reported below */ }
  if (!resp.ok) {
    const msg = data && data.message ? data.message : `${resp.status} ${resp.statusText}`;
    throw new Error(`${path.split("?")[0]}: ${msg}`);
  }
  return data;
}

function showError(msg) {
  const box = $("error");
  box.textContent = msg;
  box.hidden = !msg;
}

// -- choosing the two articles ---------------------------------------------------------------------
// Each side is what the user touched last: pasted text, an uploaded file, or a stored article.
const chosen = { a: null, b: null };

function choose(side, article, note) {
  chosen[side] = article;
  $(`chosen-${side}`).textContent = note;
}

function bytesToBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function setUpInputs() {
  for (const side of SIDES) {
    const paste = $(`paste-${side}`), file = $(`file-${side}`), pick = $(`pick-${side}`);
    paste.addEventListener("input", () => {
      file.value = ""; pick.value = "";
      if (paste.value.trim()) choose(side, { raw: paste.value }, `Pasted text, ${paste.value.length.toLocaleString()} characters.`);
      else choose(side, null, "Paste, upload or pick an article.");
    });
    file.addEventListener("change", async () => {
      const f = file.files[0];
      if (!f) return;
      paste.value = ""; pick.value = "";
      // the bytes, not text decoded here: the server detects legacy encodings as for a file on disk
      choose(side, { raw_base64: bytesToBase64(await f.arrayBuffer()), name: f.name },
        `Uploaded file ${f.name} (${f.size.toLocaleString()} bytes).`);
    });
    pick.addEventListener("change", () => {
      if (!pick.value) return;
      paste.value = ""; file.value = "";
      const label = pick.options[pick.selectedIndex].textContent;
      choose(side, { article_id: Number(pick.value) }, `Stored article ${label}`);
    });
  }
  $("compare-form").addEventListener("submit", (ev) => { ev.preventDefault(); runCompare(); });
}

function articleLabel(a) {
  return `#${a.id} ${a.title || "(no title)"}${a.outlet ? " — " + a.outlet : ""}${a.published ? " · " + a.published.slice(0, 10) : ""}`;
}

async function loadPickers() {
  let data;
  try { data = await api("/articles?limit=500"); } catch (_) { return; }
  for (const side of SIDES) {
    const pick = $(`pick-${side}`);
    pick.replaceChildren(el("option", { value: "", text: data.total ? "(none)" : "(the store is empty)" }));
    for (const a of data.articles) pick.append(el("option", { value: a.id, text: articleLabel(a) }));
  }
}

function pickStored(side, summary) {
  const pick = $(`pick-${side}`);
  if (![...pick.options].some((o) => o.value === String(summary.id))) {
    pick.append(el("option", { value: summary.id, text: articleLabel(summary) }));
  }
  pick.value = String(summary.id);
  pick.dispatchEvent(new Event("change"));
}

// -- comparing ----------------------------------------------------------------------------------------
async function runCompare() {
  showError("");
  if (!chosen.a || !chosen.b) { showError("Choose two articles: paste, upload or pick one on each side."); return; }
  const body = { a: chosen.a, b: chosen.b };
  $("compare-btn").disabled = true;
  $("busy").hidden = false;
  try {
    const [cmp, aln] = await Promise.all([api("/compare?texts=true", body), api("/align", body)]);
    renderResult(cmp, aln);
  } catch (err) {
    showError(err.message);
  } finally {
    $("compare-btn").disabled = false;
    $("busy").hidden = true;
  }
}

function renderResult(cmp, aln) {
  $("result").hidden = false;
  const overall = cmp.dimensions.Overall;
  const verdict = $("verdict");
  verdict.className = `verdict ${cmp.same_story ? "same" : "different"}`;
  verdict.replaceChildren(
    el("strong", { text: cmp.same_story ? "Same story" : "Different stories" }),
    ` — Overall ${overall.toFixed(2)} on the 1–4 scale (1 = most similar), ${cmp.passages.length} shared passage${cmp.passages.length === 1 ? "" : "s"}, `,
    `A ${Math.round(cmp.reuse.a_coverage * 100)}% and B ${Math.round(cmp.reuse.b_coverage * 100)}% of their words in them.`,
  );
  renderDimensions(cmp.dimensions);
  renderProvenance(aln);
  for (const side of SIDES) renderSide(side, cmp);
  renderEvidence(cmp.evidence);
}

function renderDimensions(dims) {
  const box = $("dimensions");
  box.replaceChildren();
  for (const name of DIMENSIONS) {
    const v = dims[name];
    const bar = el("div", { class: "bar" });
    bar.style.width = `${Math.max(0, Math.min(1, (4 - v) / 3)) * 100}%`;
    box.append(el("div", { class: `dim${name === "Overall" ? " overall" : ""}`, title: `${name}: ${v.toFixed(2)} (1 = most similar, 4 = least)` },
      el("span", { class: "name", text: name }), el("div", { class: "track" }, bar), el("span", { class: "score", text: v.toFixed(2) })));
  }
}

const DERIVED = { wholly: "wholly derived from", partially: "partially derived from", none: "not derived from" };

function renderProvenance(aln) {
  const d = aln.derivation, p = aln.provenance;
  const line = (side) => el("li", {},
    el("strong", { text: side.toUpperCase() }),
    ` is ${DERIVED[d[side].class] || d[side].class} ${OTHER[side].toUpperCase()}: ${Math.round(d[side].coverage * 100)}% of its ${d[side].words} words in shared passages, the longest ${d[side].longest_passage_words} words.`);
  const reasons = el("ul", { class: "reasons" });
  for (const r of p.reasons) {
    reasons.append(el("li", {}, el("span", { class: "tag", text: `${r.kind} → ${r.favours === "common" ? "common source" : r.favours.toUpperCase()} · ${r.weight}` }), r.detail));
  }
  $("provenance").replaceChildren(
    el("ul", { class: "reasons" }, line("a"), line("b")),
    el("p", {}, el("strong", { text: "Likely source: " }), p.summary),
    reasons,
  );
}

// The text of one side cut at every passage, edit and unshared-sentence boundary; each piece is a
// text node in an element carrying what covers it.
function renderSide(side, cmp) {
  const info = cmp[side], text = cmp.texts[side], view = $(`view-${side}`);
  const box = $(`side-${side}`);
  box.querySelector(".side-title").textContent = `${side.toUpperCase()}: ${info.title || "(no title)"}`;
  box.querySelector(".side-meta").textContent = [info.outlet, info.published, info.byline, info.language,
    info.credits.length ? "credits " + info.credits.join(", ") : null, `${info.words} words`,
    // a scraped cookie wall or captcha is not an article: say so beside the scores (as the CLI report does)
    info.furniture >= 0.3 ? `${Math.round(info.furniture * 100)}% site notices (cookie wall, captcha, paywall), not an article` : null,
  ].filter(Boolean).join(" · ");

  const spans = [];   // [start, end, what]
  const gaps = [];    // zero-width edits: [offset, title]
  const other = OTHER[side].toUpperCase();
  cmp.passages.forEach((p, i) => {
    spans.push([p[`${side}_start`], p[`${side}_end`], { passage: i }]);
    for (const e of p.edits) {
      const s = e[`${side}_start`], t = e[`${side}_end`], mine = e[`${side}_text`], theirs = e[`${OTHER[side]}_text`];
      if (t > s) {
        const title = theirs ? `${e.kind}: ${other} has “${theirs}”` : `${e.kind}: not in ${other}`;
        spans.push([s, t, { edit: e.kind, title }]);
      } else if (mine === "" && theirs) {
        gaps.push([s, `${e.kind}: ${other} adds “${theirs}” here`]);
      }
    }
  });
  for (const o of cmp[`only_${side}`]) spans.push([o.start, o.end, { only: true }]);

  const cuts = new Set([0, text.length]);
  for (const [s, t] of spans) { cuts.add(Math.max(0, Math.min(s, text.length))); cuts.add(Math.max(0, Math.min(t, text.length))); }
  for (const [g] of gaps) cuts.add(g);
  const points = [...cuts].sort((x, y) => x - y);
  const gapAt = new Map(gaps.map(([g, title]) => [g, title]));
  const started = new Set();
  const out = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k], t = points[k + 1];
    if (gapAt.has(s)) out.push(el("span", { class: "gap", title: gapAt.get(s) }));
    let passage = null, edit = null, only = false;
    for (const [a, b, what] of spans) {
      if (a <= s && t <= b) {
        if (what.passage !== undefined) passage = what.passage;
        else if (what.edit) edit = what;
        else if (what.only) only = true;
      }
    }
    const piece = text.slice(s, t);
    if (passage === null) {
      out.push(only || edit ? el("span", { class: only ? "only" : `edit kind-${edit.edit}`, title: only ? `only in ${side.toUpperCase()}` : edit.title }, piece) : document.createTextNode(piece));
      continue;
    }
    if (!started.has(passage)) {
      started.add(passage);
      out.push(el("span", { class: "badge", dataset: { p: passage }, title: `passage ${passage + 1}: click to see it in ${other}`, text: String(passage + 1) }));
    }
    out.push(el("mark", {
      class: `passage c${passage % COLOURS}${edit ? ` edit kind-${edit.edit}` : ""}`,
      dataset: { p: passage, side },
      title: edit ? edit.title : `passage ${passage + 1} (similarity ${cmp.passages[passage].similarity.toFixed(2)}): click to see it in ${other}`,
    }, piece));
  }
  if (gapAt.has(text.length)) out.push(el("span", { class: "gap", title: gapAt.get(text.length) }));
  view.replaceChildren(...out);
}

// A click on a passage (or its number) scrolls its twin on the other side into view and flashes it.
function jumpToTwin(ev) {
  const target = ev.target.closest("mark.passage, .badge");
  if (!target) return;
  const side = ev.currentTarget.id === "view-a" ? "a" : "b";
  const p = target.dataset.p;
  const twins = $(`view-${OTHER[side]}`).querySelectorAll(`mark.passage[data-p="${p}"]`);
  if (!twins.length) return;
  twins[0].scrollIntoView({ block: "center", behavior: "auto" });
  for (const node of [...twins, ...$(`view-${side}`).querySelectorAll(`mark.passage[data-p="${p}"]`)]) {
    node.classList.remove("flash");
    void node.offsetWidth; // restart the animation
    node.classList.add("flash");
  }
}

function renderEvidence(evidence) {
  const grid = el("div", { class: "evidence" },
    el("div", { class: "head", text: "" }), el("div", { class: "head", text: "shared" }),
    el("div", { class: "head", text: "only in A" }), el("div", { class: "head", text: "only in B" }));
  const item = (i) => el("li", { title: `${i.label}: ${i.key}` }, i.name, i.b_name ? ` ≈ ${i.b_name}` : "");
  for (const kind of EVIDENCE) {
    const g = evidence[kind];
    grid.append(el("div", { class: "kind", text: kind }));
    for (const part of ["shared", "only_a", "only_b"]) {
      grid.append(g[part].length ? el("ul", { dataset: { kind, part } }, g[part].map(item)) : el("div", { class: "muted", text: "—" }));
    }
  }
  $("evidence").replaceChildren(grid);
}

// -- stories -----------------------------------------------------------------------------------------
function dayNumber(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / 86400000); }

// Articles a day as bars, from the first day seen to the last (weeks when that is over 120 days).
function timeline(points, width, height) {
  const chart = svg("svg", { class: "timeline", width, height, viewBox: `0 0 ${width} ${height}`, role: "img" });
  if (!points.length) return chart;
  const first = dayNumber(points[0].day), last = dayNumber(points[points.length - 1].day);
  const step = last - first + 1 > 120 ? 7 : 1;
  const n = Math.floor((last - first) / step) + 1;
  const counts = new Array(n).fill(0);
  for (const p of points) counts[Math.floor((dayNumber(p.day) - first) / step)] += p.articles;
  const top = Math.max(...counts), w = width / n, h = height - 12;
  const title = svg("title");
  title.textContent = points.map((p) => `${p.day}: ${p.articles}`).join("\n");
  chart.append(title, svg("line", { x1: 0, y1: h + 0.5, x2: width, y2: h + 0.5 }));
  counts.forEach((c, i) => {
    if (!c) return;
    const bh = Math.max(2, (c / top) * (h - 2));
    chart.append(svg("rect", { x: i * w + w * 0.1, y: h - bh, width: Math.max(1, w * 0.8), height: bh }));
  });
  const label = (x, anchor, txt) => { const t = svg("text", { x, y: height - 1, "text-anchor": anchor }); t.textContent = txt; return t; };
  chart.append(label(0, "start", points[0].day));
  if (n > 1) chart.append(label(width, "end", points[points.length - 1].day));
  return chart;
}

function chips(items, key, cls, max) {
  const shown = items.slice(0, max).map((x) => el("span", { class: `chip ${cls}`, text: `${x[key]} ${x.articles}` }));
  if (items.length > max) shown.push(el("span", { class: "muted small", text: `+${items.length - max} more` }));
  return shown;
}

async function loadStories() {
  const sort = $("story-sort").value, min = Math.max(1, Number($("story-min").value) || 1);
  let data;
  try { data = await api(`/stories?sort=${sort}&min_size=${min}&limit=100`); } catch (err) { showError(err.message); return; }
  const list = $("story-list");
  list.replaceChildren();
  $("story-empty").hidden = data.stories.length > 0;
  for (const s of data.stories) {
    const card = el("li", { class: "story-card", dataset: { id: s.id }, tabindex: 0 },
      el("div", { class: "label", text: s.label || `Story ${s.id}` }),
      el("div", { class: "line" },
        timeline(s.timeline, 180, 40),
        el("span", { class: "muted small", text: `${s.size} article${s.size === 1 ? "" : "s"} · ${s.first_seen || "?"} – ${s.last_seen || "?"}` })),
      el("div", {}, chips(s.outlets, "outlet", "", 5), chips(s.languages, "language", "lang", 6)));
    card.addEventListener("click", () => openStory(s.id, card));
    card.addEventListener("keydown", (ev) => { if (ev.key === "Enter") openStory(s.id, card); });
    list.append(card);
  }
}

async function openStory(id, card) {
  for (const c of document.querySelectorAll(".story-card.selected")) c.classList.remove("selected");
  if (card) card.classList.add("selected");
  let s;
  try { s = await api(`/stories/${id}`); } catch (err) { showError(err.message); return; }
  const rows = s.articles.map((a) => el("tr", {},
    el("td", { text: (a.published || a.day).slice(0, 10) }), el("td", { text: a.outlet || "" }),
    el("td", { text: a.language || "" }), el("td", { text: a.title || "(no title)" }),
    el("td", {}, el("button", { type: "button", title: "compare as article A", text: "A", onclick: () => pickAndGo("a", a) }),
      " ", el("button", { type: "button", title: "compare as article B", text: "B", onclick: () => pickAndGo("b", a) }))));
  const detail = $("story-detail");
  detail.hidden = false;
  detail.replaceChildren(
    el("h2", { text: s.label || `Story ${s.id}` }),
    el("p", { class: "muted small", text: `story ${s.id} · ${s.size} articles · ${s.first_seen || "?"} – ${s.last_seen || "?"}` }),
    timeline(s.timeline, 520, 90),
    el("p", {}, el("strong", { text: "Outlets " }), chips(s.outlets, "outlet", "", 50)),
    el("p", {}, el("strong", { text: "Languages " }), chips(s.languages, "language", "lang", 50)),
    el("table", { class: "articles" },
      el("thead", {}, el("tr", {}, ["day", "outlet", "language", "title", "compare"].map((h) => el("th", { text: h })))),
      el("tbody", {}, rows)));
}

function pickAndGo(side, summary) {
  pickStored(side, summary);
  if (chosen.a && chosen.b) showTab("compare");
}

// -- tabs and start -----------------------------------------------------------------------------------
function showTab(name) {
  for (const btn of document.querySelectorAll(".tab")) btn.setAttribute("aria-selected", String(btn.dataset.tab === name));
  $("tab-compare").hidden = name !== "compare";
  $("tab-stories").hidden = name !== "stories";
  if (name === "stories") loadStories();
}

async function loadStatus() {
  try {
    const h = await api("/health");
    $("status").textContent = `${h.articles.toLocaleString()} articles · ${h.stories.toLocaleString()} stories · models ${h.models}`;
  } catch (err) {
    $("status").textContent = err.message;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setUpInputs();
  for (const btn of document.querySelectorAll(".tab")) btn.addEventListener("click", () => showTab(btn.dataset.tab));
  for (const side of SIDES) $(`view-${side}`).addEventListener("click", jumpToTwin);
  $("story-sort").addEventListener("change", loadStories);
  $("story-min").addEventListener("change", loadStories);
  loadStatus();
  loadPickers();
});
