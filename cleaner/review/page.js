"use strict";
// The review page of a cleaner run: everything it shows is in the JSON of #data (see cleaner/review/page.py).
// Only what is on screen is built: the samples and one page of the file list; a file's view when it is opened.
const DATA = JSON.parse(document.getElementById("data").textContent);
const PAGE_SIZE = 50;
const SAMPLES_PER_RULE = 3;  // samples shown per rule while no rule is chosen
const state = { rule: "", action: "", file: "", page: 0 };
const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function add(parent, ...children) {
  for (const child of children) parent.append(child);
  return parent;
}

function codeLink(code) {
  const link = el("a", "code", code);
  link.href = "#doc-" + code;
  link.dataset.code = code;
  return link;
}

function fileLink(place, text) {
  const link = el("a", "file-link", text);
  link.href = "#file-" + place;
  link.dataset.file = place;
  return link;
}

function matches(code, action, name) {
  return (!state.rule || code === state.rule) && (!state.action || action === state.action)
    && (!state.file || name.includes(state.file));
}

function renderSummary() {
  const s = DATA.summary;
  $("summary").textContent = (s ? `${s.files_seen} files seen, ${s.files_changed} changed, `
    + `${s.lines_dropped} lines dropped, ${s.files_failed} failed; ` : "")
    + `${DATA.files.length} documents with changes, ${DATA.rules.length} rules.`;
}

function renderFilters() {
  for (const [code, name] of DATA.rules) {
    const option = el("option", null, `${code} ${name}`);
    option.value = code;
    $("rule-filter").append(option);
  }
  for (const action of DATA.actions) {
    const option = el("option", null, action);
    option.value = action;
    $("action-filter").append(option);
  }
}

function renderRules() {
  const body = $("rule-table").tBodies[0];
  body.replaceChildren();
  for (const [code, name, counts, documents] of DATA.rules) {
    const row = el("tr", code === state.rule ? "selected" : "");
    row.dataset.code = code;
    add(row, add(el("td"), codeLink(code)), el("td", null, name));
    for (const count of counts) add(row, el("td", "n", count));
    add(row, el("td", "n", documents));
    body.append(row);
  }
}

function changeText(action, text, after) {
  const pre = el("pre", "removed");
  if (action === "drop") add(pre, el("del", null, text === "" ? "(blank line)" : text));
  else if (action === "fix") add(pre, el("del", null, visible(text)), " → ", el("ins", null, visible(after)));
  else add(pre, text);
  return pre;
}

function renderSamples() {
  const shown = [];
  const perRule = {};
  for (const sample of DATA.samples) {
    const [code, action, place] = sample;
    if (!matches(code, action, DATA.files[place][0])) continue;
    perRule[code] = (perRule[code] || 0) + 1;
    if (state.rule || perRule[code] <= SAMPLES_PER_RULE) shown.push(sample);
  }
  const box = $("samples");
  box.replaceChildren();
  for (const [code, action, place, line, above, text, after, below, reason] of shown) {
    const card = el("div", "sample");
    card.dataset.code = code;
    card.dataset.action = action;
    const where = add(el("div", "where"), codeLink(code), " ", el("span", "action " + action, action), " ",
      fileLink(place, `${DATA.files[place][0]}:${line}`), " ", el("span", "reason", DATA.reasons[reason]));
    add(card, where);
    if (above !== null) add(card, el("pre", "context", above));
    add(card, changeText(action, text, after));
    if (below !== null) add(card, el("pre", "context", below));
    box.append(card);
  }
  $("samples-note").textContent = state.rule
    ? `${shown.length} sampled changes of ${state.rule}, with the line above and below.`
    : `Up to ${SAMPLES_PER_RULE} sampled changes per rule (choose a rule for more), with the line above and below.`;
}

function matchingFiles() {
  const found = [];
  DATA.files.forEach(([name, keys], place) => {
    if (state.file && !name.includes(state.file)) return;
    if (keys.some((key) => { const [code, action] = key.split(":"); return matches(code, action, name); })) {
      found.push(place);
    }
  });
  return found;
}

function renderFiles() {
  const found = matchingFiles();
  const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  state.page = Math.min(state.page, pages - 1);
  const list = $("files");
  list.replaceChildren();
  list.start = state.page * PAGE_SIZE + 1;
  for (const place of found.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE)) {
    const [name, keys, counts] = DATA.files[place];
    const item = add(el("li", "file-row"), fileLink(place, name),
      el("span", "counts", DATA.actions.map((action, i) => `${counts[i]} ${action}`).join(", ")));
    item.dataset.codes = [...new Set(keys.map((key) => key.split(":")[0]))].join(" ");
    list.append(item);
  }
  $("files-note").textContent = `${found.length} of ${DATA.files.length} documents match; page size ${PAGE_SIZE}.`;
  $("page-no").textContent = `page ${state.page + 1} of ${pages}`;
  $("prev").disabled = state.page === 0;
  $("next").disabled = state.page >= pages - 1;
}

function visible(text) {
  // what a fix replaced, with its white space made visible (a fix of spacing is otherwise invisible)
  return text === "" ? "(nothing)" : text.replace(/ /g, "␣").replace(/\t/g, "⇥").replace(/\n/g, "⏎");
}

function labelOf(change, inline = true) {
  const [code, action, , col, before, after, reason] = change;
  const label = add(el("span", "label"), codeLink(code), " ", el("span", "action " + action, action), " ");
  if (inline && action === "report") add(label, `col ${col}: `, el("mark", null, visible(before)), " ");
  else if (inline) add(label, `col ${col}: `, el("del", null, visible(before)), " → ", el("ins", null, visible(after)), " ");
  return add(label, el("span", "reason", DATA.reasons[reason]));
}

function viewRow(kind, line, text, notes, changes) {
  const row = el("tr", { d: "dropped", n: "noted", k: "kept" }[kind]);
  const cell = el("td", "text");
  if (kind === "d") {
    const drop = changes[notes[0]];
    row.dataset.code = drop[0];
    add(cell, add(el("pre"), el("del", null, text === "" ? "(blank line)" : text)), labelOf(drop, false));
    notes = notes.slice(1);
  } else {
    add(cell, el("pre", null, text === null ? "(text not available)" : text));
  }
  for (const index of notes) add(cell, labelOf(changes[index]));
  return add(row, el("td", "ln", line), cell);
}

async function unpack(packed) {
  // a view as page.py packed it: JSON, gzipped, in base64
  const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}

async function renderView(place) {
  const [name] = DATA.files[place];
  const [rows, changes] = await unpack(DATA.views[place]);
  const table = $("view");
  table.replaceChildren();
  for (const [kind, line, text, notes] of rows) {
    if (kind === "g") {
      const gap = add(el("tr", "gap"), el("td", "ln", "…"),
        el("td", null, `${text} unchanged line${text === 1 ? "" : "s"} (${line}–${line + text - 1}) not shown`));
      table.append(gap);
    } else {
      table.append(viewRow(kind, line, text, notes, changes));
    }
  }
  $("view-title").textContent = name;
  $("view-section").hidden = false;
  $("view-section").scrollIntoView();
  $("view-section").dataset.file = place;  // tells a test (or a bench) the view is drawn
}

function showDoc(code) {
  $("doc").textContent = DATA.docs[code] || `No documentation for ${code}.`;
  $("doc-panel").hidden = false;
}

function refresh() {
  renderRules();
  renderSamples();
  renderFiles();
}

function onFilter() {
  // "input" and "change" both come here (a select may send either); only a new choice redraws, so the
  // "change" a text box sends when it loses focus does not redraw the list under a click
  const chosen = { rule: $("rule-filter").value, action: $("action-filter").value, file: $("file-filter").value.trim() };
  if (chosen.rule === state.rule && chosen.action === state.action && chosen.file === state.file) return;
  Object.assign(state, chosen, { page: 0 });
  refresh();
}

document.addEventListener("click", (event) => {
  const target = event.target.closest("a.code, a.file-link, #rule-table tbody tr");
  if (!target) return;
  event.preventDefault();
  if (target.matches("a.code")) showDoc(target.dataset.code);
  else if (target.matches("a.file-link")) renderView(Number(target.dataset.file));
  else {
    $("rule-filter").value = target.dataset.code === state.rule ? "" : target.dataset.code;
    onFilter();
  }
});
$("filters").addEventListener("input", onFilter);
$("filters").addEventListener("change", onFilter);
$("filters").addEventListener("submit", (event) => event.preventDefault());
$("prev").addEventListener("click", () => { state.page -= 1; renderFiles(); });
$("next").addEventListener("click", () => { state.page += 1; renderFiles(); });
$("doc-close").addEventListener("click", () => { $("doc-panel").hidden = true; });
renderSummary();
renderFilters();
refresh();
