// tearsheet search: progressive enhancement of the /search/ page.
// Without JavaScript the page shows a plain message and links to the
// archive. With it, this script fetches the search index (its URL is the
// data-index attribute, under the site's base path), shows the form, and
// lists the articles whose title, summary or topics contain every word
// typed. No framework, no inline script, no innerHTML: results are built
// with DOM methods, so index text is never parsed as HTML.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.fetch) return;
  var form = root.querySelector(".search__form");
  var input = root.querySelector(".search__input");
  var status = root.querySelector(".search__status");
  var list = root.querySelector(".search__results");
  var nojs = root.querySelector(".search__nojs");
  var entries = [];

  // fold lower-cases and strips accents, so "Resume" finds "Résumé".
  function fold(s) {
    s = String(s || "").toLowerCase();
    return s.normalize ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
  }

  function words(q) {
    return fold(q).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  function render(q) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var ws = words(q);
    if (ws.length === 0) {
      status.textContent = entries.length + " articles. Type to search.";
      return;
    }
    var hits = [];
    entries.forEach(function (e, i) {
      var ok = ws.every(function (w) { return e.hay.indexOf(w) >= 0; });
      if (!ok) return;
      var score = ws.reduce(function (s, w) { return s + (e.title.indexOf(w) >= 0 ? 2 : 0); }, 0);
      hits.push({ e: e, score: score, i: i });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
    status.textContent = hits.length === 1 ? "1 article found." : hits.length + " articles found.";
    hits.slice(0, 50).forEach(function (h) {
      var li = document.createElement("li");
      li.className = "archive-list__item";
      var time = document.createElement("time");
      time.dateTime = h.e.raw.date;
      time.textContent = h.e.raw.date;
      var a = document.createElement("a");
      a.href = h.e.raw.url;
      a.textContent = h.e.raw.title;
      li.appendChild(time);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      if (h.e.raw.summary) {
        var p = document.createElement("p");
        p.className = "search__summary";
        p.textContent = h.e.raw.summary;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  function update() {
    var q = input.value;
    render(q);
    var url = new URL(window.location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  }

  status.textContent = "Loading the index…";
  fetch(root.getAttribute("data-index"), { credentials: "same-origin" })
    .then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + r.statusText);
      return r.json();
    })
    .then(function (data) {
      entries = data.map(function (d) {
        return {
          raw: d,
          title: fold(d.title),
          hay: fold([d.title, d.summary, (d.tags || []).join(" ")].join(" "))
        };
      });
      if (nojs) nojs.hidden = true;
      form.hidden = false;
      input.value = new URLSearchParams(window.location.search).get("q") || "";
      input.addEventListener("input", update);
      form.addEventListener("submit", function (ev) { ev.preventDefault(); update(); });
      render(input.value);
      input.focus();
    })
    .catch(function (err) {
      status.textContent = "The search index could not be loaded (" + err.message + "). Browse the archive instead.";
    });
})();
