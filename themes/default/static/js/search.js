// tearsheet search: progressive enhancement of the /search/ page.
// Without JavaScript the page shows a plain message and links to the
// archive and the topics. With it, this script fetches the manifest of the
// full-text index (its URL is the data-index attribute; see package
// generator/search), then for each query only the term shards that can
// hold its words, the article lists of the results shown and their
// fragments, from which it cuts an excerpt with the matched words marked.
// Every word typed must match (the last letters of a word of three or
// more may be missing). No framework, no inline script or style, no
// innerHTML: results are built with DOM methods, so index text is never
// parsed as HTML. Keyboard: type, then the down and up arrows move between
// the results and the field.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.fetch) return;
  var form = root.querySelector(".search__form");
  var input = root.querySelector(".search__input");
  var status = root.querySelector(".search__status");
  var list = root.querySelector(".search__results");
  var more = root.querySelector(".search__more");
  var nojs = root.querySelector(".search__nojs");
  var indexURL = new URL(root.getAttribute("data-index"), window.location.href);
  var manifest = null;
  var files = {};
  var PAGE = 10;
  var shown = 0;
  var ranked = [];
  var current = 0; // the query being answered; older answers are dropped

  // The script runs: the message for readers without JavaScript would
  // contradict the status while the index loads.
  if (nojs) nojs.hidden = true;

  // fold lower-cases and strips accents, so "Resume" finds "Résumé"
  // (the Go side: search.Fold).
  function fold(s) {
    s = String(s || "").toLowerCase();
    return s.normalize ? s.normalize("NFD").replace(/\p{M}/gu, "") : s;
  }

  function words(q) {
    var seen = {};
    return fold(q).split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      if (!w || seen[w]) return false;
      seen[w] = true;
      return true;
    });
  }

  // matches reports whether folded token t matches query word w.
  function matches(t, w) {
    return w.length >= 3 ? t.indexOf(w) === 0 : t === w;
  }

  function get(name) {
    if (!files[name]) {
      files[name] = fetch(new URL(name, indexURL), { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + r.statusText);
        return r.json();
      });
    }
    return files[name];
  }

  // shardsOf returns the shards that can hold the terms word w matches.
  function shardsOf(w) {
    var first = manifest.first;
    var lo = 0, hi = first.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (first[mid] <= w) lo = mid + 1; else hi = mid;
    }
    var out = [Math.max(lo - 1, 0)];
    if (w.length >= 3) {
      for (var j = lo; j < first.length && first[j].indexOf(w) === 0 && out.length < 4; j++) out.push(j);
    }
    return out.filter(function (i) { return i < manifest.shards.length; });
  }

  // parts splits a word where letters meet digits ("p500": "p", "500").
  // The index keeps a word whole, as the text writes it: parts let
  // "S&P500" find the text's "S&P 500".
  function parts(w) {
    return w.match(/\p{L}+|\p{N}+/gu) || [w];
  }

  // lookup returns, for word w, a map from article to {score, secs}: the
  // articles with w, else, for a word of letters and digits no article
  // has whole, those with every one of its parts (secs the first part's).
  function lookup(w) {
    return lookupWhole(w).then(function (hits) {
      var ps = parts(w);
      if (ps.length < 2 || Object.keys(hits).length > 0) return hits;
      return Promise.all(ps.map(lookupWhole)).then(function (per) {
        var out = {};
        Object.keys(per[0]).forEach(function (d) {
          if (!per.every(function (h) { return h[d]; })) return;
          out[d] = { score: per.reduce(function (s, h) { return s + h[d].score; }, 0), secs: per[0][d].secs };
        });
        return out;
      });
    });
  }

  // lookupWhole returns, for word w, a map from article to {score, secs}.
  function lookupWhole(w) {
    return Promise.all(shardsOf(w).map(function (i) { return get(manifest.shards[i]); })).then(function (shards) {
      var hits = {};
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (term) {
          if (!matches(term, w)) return;
          var f = term === w ? 1 : 0.5;
          shard[term].forEach(function (p) {
            var s = p[1] * f;
            var h = hits[p[0]];
            if (!h || s > h.score) hits[p[0]] = { score: s, secs: p.slice(2) };
          });
        });
      });
      return hits;
    });
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  // marked appends text to el with the words that match ws in <mark>;
  // with window, only about 30 words around a match: the first whose
  // window holds the most of the query's words, so "S&P 500" shows where
  // the text says S&P 500 rather than the S of an earlier "U.S.".
  function marked(el, text, ws, window) {
    var re = /[\p{L}\p{N}]+/gu;
    var toks = [], m;
    while ((m = re.exec(text)) !== null) {
      var f = fold(m[0]);
      var w = -1; // the index in ws of the first word the token matches
      for (var j = 0; j < ws.length && w < 0; j++) {
        if (matches(f, ws[j]) || parts(ws[j]).length > 1 && parts(ws[j]).some(function (p) { return matches(f, p); })) w = j;
      }
      toks.push({ at: m.index, end: m.index + m[0].length, hit: w >= 0, w: w });
    }
    var from = 0, to = text.length;
    if (window && toks.length > 30) {
      var k = 0, most = 0;
      for (var i = 0; i < toks.length; i++) {
        if (!toks[i].hit) continue;
        var seen = {}, n = 0;
        for (var e = Math.max(i - 8, 0), end = Math.min(e + 30, toks.length); e < end; e++) {
          if (toks[e].hit && !seen[toks[e].w]) { seen[toks[e].w] = true; n++; }
        }
        if (n > most) { most = n; k = i; }
        if (most === ws.length) break;
      }
      var a = Math.max(k - 8, 0), b = Math.min(a + 30, toks.length);
      from = a > 0 ? toks[a].at : 0;
      to = b < toks.length ? toks[b - 1].end : text.length;
    }
    if (from > 0) el.appendChild(document.createTextNode("… "));
    var pos = from;
    toks.forEach(function (t) {
      if (!t.hit || t.at < from || t.end > to) return;
      if (t.at > pos) el.appendChild(document.createTextNode(text.slice(pos, t.at)));
      var mk = document.createElement("mark");
      mk.textContent = text.slice(t.at, t.end);
      el.appendChild(mk);
      pos = t.end;
    });
    if (to > pos) el.appendChild(document.createTextNode(text.slice(pos, to)));
    if (to < text.length) el.appendChild(document.createTextNode(" …"));
  }

  // section picks the section most of the words point to.
  function section(r) {
    var best = -1, votes = -1;
    r.secs.forEach(function (secs) {
      secs.forEach(function (s) {
        var n = r.secs.filter(function (o) { return o.indexOf(s) >= 0; }).length;
        if (n > votes) { best = s; votes = n; }
      });
    });
    return best;
  }

  // The archive's lists show a date as 2 Jan 2006 (partials/archive-item):
  // a result, in the same list style, shows it the same way, from the
  // index's ISO date, with English month names as the theme's templates.
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function humanDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? Number(m[3]) + " " + MONTHS[Number(m[2]) - 1] + " " + m[1] : iso;
  }

  function item(r, meta, fragment, ws) {
    var frag = fragment.sections;
    var li = document.createElement("li");
    li.className = "archive-list__item search__result";
    var s = section(r);
    var sec = s >= 0 && frag[s] ? frag[s] : (frag[0] || ["", "", ""]);
    var time = document.createElement("time");
    time.dateTime = meta[2];
    time.textContent = humanDate(meta[2]);
    var a = document.createElement("a");
    a.href = meta[0] + (sec[0] ? "#" + encodeURIComponent(sec[0]) : "");
    a.className = "search__link";
    marked(a, meta[1], ws, false);
    li.appendChild(time);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(a);
    if (sec[1]) {
      var h = document.createElement("p");
      h.className = "search__where";
      marked(h, sec[1], ws, false);
      li.appendChild(h);
    }
    // A word no section holds was found in the article's terms (a tag,
    // an author, a ticker): show those it matches, so the result says why
    // it is here. ws and r.secs are in the same order.
    var unplaced = ws.filter(function (w, i) { return r.secs[i].length === 0; });
    var terms = (fragment.terms || []).filter(function (t) {
      return words(t).some(function (tw) {
        return unplaced.some(function (w) { return matches(tw, w); });
      });
    });
    if (terms.length) {
      var under = document.createElement("p");
      under.className = "search__where search__terms";
      under.appendChild(document.createTextNode("Filed under "));
      marked(under, terms.join(", "), ws, false);
      li.appendChild(under);
    }
    var p = document.createElement("p");
    p.className = "search__excerpt";
    marked(p, sec[2] || sec[1], ws, true);
    li.appendChild(p);
    return li;
  }

  function showMore(q, ws) {
    var page = ranked.slice(shown, shown + PAGE);
    shown += page.length;
    more.hidden = shown >= ranked.length;
    return Promise.all(page.map(function (r) {
      var li = Math.floor(r.doc / manifest.perList);
      return get(manifest.lists[li]).then(function (docs) {
        var meta = docs[r.doc % manifest.perList];
        return get(meta[3]).then(function (frag) { return item(r, meta, frag, ws); });
      });
    })).then(function (items) {
      if (q !== current) return;
      items.forEach(function (el) { list.appendChild(el); });
    });
  }

  function run(qs) {
    var q = ++current;
    var ws = words(qs);
    clear(list);
    more.hidden = true;
    ranked = [];
    shown = 0;
    if (ws.length === 0) {
      // A query of signs alone ("€", "-") has no word to look up: say
      // so, rather than ask the reader to type what they just typed.
      var typed = qs.trim();
      status.textContent = typed ?
        "Nothing to search for in “" + typed + "”: the search looks up words and numbers. Type a word or a number." :
        manifest.docs + " articles. Type to search.";
      return Promise.resolve();
    }
    status.textContent = "Searching…";
    return Promise.all(ws.map(lookup)).then(function (per) {
      if (q !== current) return;
      var docs = Object.keys(per[0]).filter(function (d) {
        return per.every(function (h) { return h[d]; });
      });
      ranked = docs.map(function (d) {
        return {
          doc: +d,
          score: per.reduce(function (s, h) { return s + h[d].score; }, 0),
          secs: per.map(function (h) { return h[d].secs; })
        };
      });
      ranked.sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
      if (ranked.length === 0) {
        elsewhere("No article has every word of “" + qs.trim() + "”. Try fewer or other words.");
        return;
      }
      status.textContent = ranked.length === 1 ? "1 article found." : ranked.length + " articles found.";
      return showMore(q, ws);
    }).catch(function (err) {
      if (q === current) elsewhere("The search index could not be read (" + err.message + ").");
    });
  }

  var timer = 0;
  function update() {
    var qs = input.value;
    var url = new URL(window.location.href);
    if (qs) url.searchParams.set("q", qs); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    clearTimeout(timer);
    timer = setTimeout(function () { run(qs); }, 120);
  }

  // elsewhere says msg in the status (no result, or no index), and links
  // the archive the page names for readers without JavaScript.
  function elsewhere(msg) {
    clear(status);
    var a = nojs && nojs.querySelector("a");
    status.appendChild(document.createTextNode(msg + (a ? " Find an article in the " : "")));
    if (a) {
      status.appendChild(a.cloneNode(true));
      status.appendChild(document.createTextNode(" instead."));
    }
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".search__link"));
  }

  root.addEventListener("keydown", function (ev) {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    var ls = links();
    var at = ls.indexOf(document.activeElement);
    if (document.activeElement !== input && at < 0) return;
    ev.preventDefault();
    if (ev.key === "ArrowDown") {
      if (at + 1 < ls.length) ls[at + 1].focus();
    } else if (at <= 0) {
      input.focus();
    } else {
      ls[at - 1].focus();
    }
  });

  status.textContent = "Loading the index…";
  get(indexURL.href).then(function (m) {
    manifest = m;
    form.hidden = false;
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    input.addEventListener("input", update);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      run(input.value).then(function () {
        var ls = links();
        if (ls.length) ls[0].focus();
      });
    });
    // The new results come before the button, which hides after the
    // last: the focus goes to the first new one, where reading goes on,
    // rather than stay on the button below them or fall to the page.
    more.addEventListener("click", function () {
      var before = links().length;
      showMore(current, words(input.value)).then(function () {
        var ls = links();
        if (ls.length > before) ls[before].focus();
      });
    });
    run(input.value);
    input.focus();
  }).catch(function (err) {
    elsewhere("The search index could not be loaded (" + err.message + ").");
  });
})();
