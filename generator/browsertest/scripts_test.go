package browsertest

// The JavaScript the tests evaluate in the page. Each is an expression whose
// value is JSON, decoded into the Go type named beside it.

// chartsJS lists every chart (figure .figure__chart) with the drawing it
// shows (of the wide and narrow ones, the one not display: none): how many
// it shows, its box, whether it is rendered, and the text of its <desc>.
// → []chartInfo
const chartsJS = `[...document.querySelectorAll("figure .figure__chart")].map((box) => {
  const shown = [...box.querySelectorAll(":scope > svg")].filter((s) => s.getClientRects().length > 0);
  const svg = shown[0] || box.querySelector("svg");
  const r = svg.getBoundingClientRect();
  const desc = svg.querySelector(":scope > desc");
  const labelled = (svg.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
  const vb = svg.viewBox && svg.viewBox.baseVal;
  const scale = vb && vb.width ? r.width / vb.width : 1;
  const sizes = [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
  const rb = box.getBoundingClientRect();
  return {
    id: svg.closest("figure").id, shown: shown.length,
    boxLeft: rb.left, boxRight: rb.right,
    labelPx: sizes.length ? Math.min(...sizes) : 0,
    width: r.width, height: r.height,
    visible: svg.checkVisibility({visibilityProperty: true, opacityProperty: true}),
    desc: desc ? desc.textContent.trim() : "",
    role: svg.getAttribute("role") || "",
    missingLabels: labelled.filter((id) => !document.getElementById(id)),
  };
})`

// overflowJS measures horizontal scrolling and names the elements that
// reach past the right edge of the viewport outside any box that scrolls
// sideways (overflow-x auto or scroll; a box that hides or clips its
// overflow does not count: it would cut content off silently). → overflowInfo
const overflowJS = `(() => {
  const vw = window.innerWidth;
  const scrolls = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if (o === "auto" || o === "scroll") return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 0.5 && !scrolls(el)) {
      wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && el.className.baseVal === undefined ? "." + String(el.className).trim().split(/\s+/).join(".") : "") + " right=" + Math.round(r.right));
      if (wide.length >= 8) break;
    }
  }
  return {innerWidth: vw, scrollWidth: document.scrollingElement.scrollWidth, wide};
})()`

// headerJS counts the lines the site header's text takes: the line boxes
// of its text, merged where they overlap vertically (the title and the
// Subscribe button side by side are one line). → headerInfo
const headerJS = `(() => {
  const header = document.querySelector(".site-header");
  if (!header) return {lines: 0, rows: []};
  const rects = [];
  const walker = document.createTreeWalker(header, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim() || n.parentElement.closest(".visually-hidden")) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && r.height > 0) rects.push({top: r.top, bottom: r.bottom, text: n.textContent.trim()});
    }
  }
  rects.sort((a, b) => a.top - b.top);
  const rows = [];
  for (const r of rects) {
    const last = rows[rows.length - 1];
    if (last && r.top < last.bottom - 2) {
      last.bottom = Math.max(last.bottom, r.bottom);
      if (!last.texts.includes(r.text)) last.texts.push(r.text);
    } else {
      rows.push({top: r.top, bottom: r.bottom, texts: [r.text]});
    }
  }
  return {lines: rows.length, rows: rows.map((r) => r.texts.join(", "))};
})()`

// tablesJS describes every rendered table and the nearest box (itself or
// an ancestor) that does not let it overflow: whether the box's content
// is wider than the box, whether it scrolls sideways, whether its
// background scrolls with its content (the edge-shadow cue) and whether
// the keyboard can reach it. → []tableInfo
const tablesJS = `(() => {
  const name = (el) => el.tagName.toLowerCase() + (el.getAttribute("class") ? "." + el.getAttribute("class").trim().split(/\s+/).join(".") : "");
  const out = [];
  document.querySelectorAll("table").forEach((tb, i) => {
    if (!tb.getClientRects().length) return;
    const r = tb.getBoundingClientRect();
    const fig = tb.closest("figure");
    const info = {where: "#" + (i + 1) + (fig ? " of figure " + fig.id : ""), width: r.width, right: r.right,
      box: "", boxRight: 0, scrolls: false, scrollable: false, cue: false, focusable: false};
    for (let e = tb; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.overflowX === "visible") continue;
      info.box = name(e);
      info.boxRight = e.getBoundingClientRect().right;
      info.scrolls = e.scrollWidth > e.clientWidth + 1;
      info.scrollable = s.overflowX === "auto" || s.overflowX === "scroll";
      info.cue = s.backgroundAttachment.split(",").some((a) => a.trim() === "local") && s.backgroundImage.includes("gradient");
      info.focusable = e.tabIndex >= 0;
      break;
    }
    out.push(info);
  });
  return out;
})()`

// openDetailsJS opens every closed <details> (a figure's summary and data
// table) and returns how many it opened. → int
const openDetailsJS = `(() => {
  const closed = [...document.querySelectorAll("details:not([open])")];
  closed.forEach((d) => { d.open = true; });
  return closed.length;
})()`

// colorsJS collects the colors that must stay legible: every rendered
// element that holds text of its own (a field's placeholder too), every
// chart's SVG text, every chart series line, and every text field's edge,
// each with the stack of background colors behind it
// (innermost first) so Go can composite and compute contrast. → colorInfo
const colorsJS = `(() => {
  const stack = (el) => {
    const out = [];
    for (let e = el; e; e = e.parentElement) out.push(getComputedStyle(e).backgroundColor);
    return out;
  };
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    const c = el.getAttribute("class");
    if (c) s += "." + c.trim().split(/\s+/).join(".");
    const p = el.parentElement;
    if (p && p !== document.body) {
      const pc = p.getAttribute("class");
      s = p.tagName.toLowerCase() + (pc ? "." + pc.trim().split(/\s+/)[0] : "") + " > " + s;
    }
    return s;
  };
  const shown = (el) => el.getClientRects().length > 0 && el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const hidden = (el) => el.closest(".visually-hidden, .hp, .skip-link");
  const text = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg") || hidden(el) || !shown(el)) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== "");
    if (!own) continue;
    const s = getComputedStyle(el);
    text.push({what: name(el), text: el.textContent.trim().slice(0, 40), color: s.color, bg: stack(el),
      size: parseFloat(s.fontSize), weight: parseFloat(s.fontWeight) || 400});
  }
  const svgText = [];
  for (const el of document.querySelectorAll("figure .figure__chart svg text")) {
    if (!shown(el)) continue;
    const s = getComputedStyle(el);
    // A heatmap's value is drawn on its cell, the element before it.
    const prev = el.previousElementSibling;
    const cell = el.classList.contains("ts-cell-value") && prev && prev.classList.contains("ts-cell") ? [getComputedStyle(prev).fill] : [];
    svgText.push({what: "svg text." + (el.getAttribute("class") || ""), text: el.textContent.trim().slice(0, 40),
      color: s.fill, bg: cell.concat(stack(el.closest("svg").parentElement)),
      size: el.getBoundingClientRect().height, weight: parseFloat(s.fontWeight) || 400});
  }
  const series = [];
  for (const el of document.querySelectorAll("figure .figure__chart svg .ts-series")) {
    const s = getComputedStyle(el);
    const paint = s.stroke !== "none" ? s.stroke : s.fill;
    series.push({what: "svg ." + (el.getAttribute("class") || "").trim().split(/\s+/).join("."), color: paint,
      bg: stack(el.closest("svg").parentElement)});
  }
  // A text field's edge (its border, else its own background) against
  // what is around it, and its placeholder as text on the field.
  const fields = [];
  for (const el of document.body.querySelectorAll("input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea")) {
    if (hidden(el) || !shown(el)) continue;
    const s = getComputedStyle(el);
    fields.push({what: name(el), color: parseFloat(s.borderTopWidth) >= 1 ? s.borderTopColor : s.backgroundColor, bg: stack(el.parentElement)});
    if (el.placeholder) {
      const p = getComputedStyle(el, "::placeholder");
      text.push({what: name(el) + "::placeholder", text: el.placeholder, color: p.color, bg: stack(el),
        size: parseFloat(p.fontSize), weight: parseFloat(p.fontWeight) || 400});
    }
  }
  const body = getComputedStyle(document.body);
  return {body: {what: "body", color: body.color, bg: stack(document.body), size: parseFloat(body.fontSize), weight: 400},
    text, svgText, series, fields};
})()`

// focusJS describes the focused element and how it looks focused and
// unfocused: it blurs the element to read its plain style, then focuses it
// again. → focusInfo
const focusJS = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: "body"};
  const look = () => {
    const s = getComputedStyle(el);
    return {outline: s.outlineStyle + " " + s.outlineWidth + " " + s.outlineColor, outlineWidth: parseFloat(s.outlineWidth) || 0,
      outlineStyle: s.outlineStyle, outlineColor: s.outlineColor, shadow: s.boxShadow, bg: s.backgroundColor, color: s.color};
  };
  const focused = look();
  const r = el.getBoundingClientRect();
  const around = [];
  for (let e = el.parentElement; e; e = e.parentElement) around.push(getComputedStyle(e).backgroundColor);
  el.blur();
  const plain = look();
  el.focus({focusVisible: true});
  return {tag: el.tagName.toLowerCase(), text: (el.textContent || el.getAttribute("aria-label") || el.id || "").trim().slice(0, 40),
    focused, plain, bg: around,
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth};
})()`

// axeRunJS runs axe-core on the document (once axe.min.js is injected) with
// the options object that %s stands for, and keeps what the test reports:
// the violations, and the results axe-core could not decide ("incomplete",
// marked review) but color-contrast's, whose text checkColors measures
// itself over the backgrounds axe-core gives up on (SVG text, gradients).
// → []axeViolation
const axeRunJS = `axe.run(document, %s).then((r) => {
  const keep = (review) => (v) => ({
    id: v.id, impact: v.impact || "", help: v.help, review,
    nodes: v.nodes.slice(0, 5).map((n) => ({target: n.target.join(" "), summary: (n.failureSummary || "").replace(/\s+/g, " ")})),
    count: v.nodes.length,
  });
  return r.violations.map(keep(false)).concat(r.incomplete.filter((v) => v.id !== "color-contrast").map(keep(true)));
})`

// Options of axe.run: every rule, or only the rules a color scheme changes.
// Every rule is axe-core's default set and two of its experimental table
// rules, off by default, which the figures' data tables and the prose's
// tables must pass: a data cell of a large table has a header
// (td-has-header), and a caption is a <caption>, not a first row that
// spans the table (table-fake-caption).
const (
	axeAll    = `{resultTypes: ["violations"], rules: {"td-has-header": {enabled: true}, "table-fake-caption": {enabled: true}}}`
	axeColors = `{resultTypes: ["violations"], runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block"]}}`
)
