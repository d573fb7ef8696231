// tearsheet search: progressive enhancement of the /search/ page.
// Without JavaScript the page shows a plain message and links to the
// archive and the topics. With it, this script fetches the manifest of the
// full-text index (its URL is the data-index attribute; see package
// generator/search), then for each query only the term shards that can
// hold its words, the article lists of the results shown and their
// fragments, from which it cuts an excerpt with the matched words marked.
// Every word typed must match (the last letters of a word of three or
// more may be missing, and a plural finds its singular), and the pieces of an abbreviation or ticker
// ("S&P 500": s, p, 500) must stand together as the query has them. No framework, no inline script or style, no
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

  // tokens returns the folded words of q in order: its runs of letters
  // and its runs of digits, so "S&P500" is s, p and 500, as "S&P 500"
  // is (the Go side: search.Words).
  function tokens(q) {
    return fold(q).match(/\p{L}+|\p{N}+/gu) || [];
  }

  function unique(ws) {
    var seen = {};
    return ws.filter(function (w) {
      if (seen[w]) return false;
      seen[w] = true;
      return true;
    });
  }

  function words(q) {
    return unique(tokens(q));
  }

  // joined reports whether words a and b side by side are indexed as
  // the pair "a b" too: one a single letter, the other a word of at most
  // two characters or a number (the Go side: search.Joined).
  function joined(a, b) {
    function letter1(w) { return Array.from(w).length === 1 && /^\p{L}$/u.test(w); }
    function short(w) { return Array.from(w).length <= 2 || /^\p{N}/u.test(w); }
    return letter1(a) && short(b) || letter1(b) && short(a);
  }

  // pairs returns the pairs of q's words side by side that the index
  // holds together ("S&P 500": "s p" and "p 500"): an article must have
  // each, so the words stand together there as in the query.
  function pairs(q) {
    var ts = tokens(q), out = [];
    for (var i = 1; i < ts.length; i++) {
      if (joined(ts[i - 1], ts[i])) out.push(ts[i - 1] + " " + ts[i]);
    }
    return unique(out);
  }

  // singulars returns the singular forms a plural query word w may
  // stand for: a reader who types "recoveries", "cuts" or "indexes" is
  // after the text that writes "recovery", "cut" or "index" too, which
  // the prefix match cannot find (the index keeps words as written).
  // Only words of four letters or more ending in one s, and only the
  // forms themselves, not words they begin: "rates" finds "rate", not
  // "ratio" by way of "rat".
  function singulars(w) {
    if (w.length < 4 || !/^\p{L}+$/u.test(w) || !/[^s]s$/.test(w)) return [];
    var out = [w.slice(0, -1)];
    if (/ies$/.test(w)) out.push(w.slice(0, -3) + "y");
    else if (/(?:[sxz]|[cs]h)es$/.test(w)) out.push(w.slice(0, -2));
    return out;
  }

  // loose returns a note for the status when q quotes words as a phrase
  // that the search cannot hold together: it finds the articles with
  // every word, and keeps side by side only the pieces of a ticker
  // ("S&P 500"), so a reader who quoted "real returns" is told that the
  // articles found may have the words apart. Else "".
  function loose(q) {
    if (!/["“”„«»]/.test(q)) return "";
    var ts = tokens(q);
    for (var i = 1; i < ts.length; i++) {
      if (!joined(ts[i - 1], ts[i])) {
        return " Quotes do not make a phrase search here: these have every word, not always side by side.";
      }
    }
    return "";
  }

  // typing returns the last word of q when it is one or two letters
  // that end q, stand in none of its pairs and are looked up whole (see
  // matches): the word the reader is likely typing still. Else "".
  function typing(q) {
    var ts = tokens(q), last = ts[ts.length - 1];
    if (!last || !/^\p{L}{1,2}$/u.test(last) || !/\p{L}$/u.test(q)) return "";
    if (ts.length > 1 && joined(ts[ts.length - 2], last)) return "";
    return last;
  }

  // matches reports whether folded token t matches query word w: t
  // begins with w (w of three letters or more; else t is w), or is one
  // of w's singular forms. A term of the index with a space is a pair,
  // which only pairs match.
  function matches(t, w) {
    if (t.indexOf(" ") >= 0) return false;
    if (w.length >= 3 ? t.indexOf(w) === 0 : t === w) return true;
    return singulars(w).indexOf(t) >= 0;
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

  // shardOf returns the shard that holds term t, if any does.
  function shardOf(t) {
    var first = manifest.first;
    var lo = 0, hi = first.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (first[mid] <= t) lo = mid + 1; else hi = mid;
    }
    return Math.max(lo - 1, 0);
  }

  // shardsOf returns the shards that can hold the terms word w matches:
  // those beginning with w, and w's singular forms.
  function shardsOf(w) {
    var first = manifest.first;
    var at = shardOf(w);
    var out = [at];
    if (w.length >= 3) {
      for (var j = at + 1; j < first.length && first[j].indexOf(w) === 0 && out.length < 4; j++) out.push(j);
    }
    singulars(w).forEach(function (s) {
      var i = shardOf(s);
      if (out.indexOf(i) < 0) out.push(i);
    });
    return out.filter(function (i) { return i < manifest.shards.length; });
  }

  // lookup returns, for word w, a map from article to {score, secs}; for
  // a pair ("s p"), the articles with that pair.
  function lookup(w) {
    var pair = w.indexOf(" ") >= 0;
    return Promise.all(shardsOf(w).map(function (i) { return get(manifest.shards[i]); })).then(function (shards) {
      var hits = {};
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (term) {
          if (pair ? term !== w : !matches(term, w)) return;
          // The word as typed, or its singular, counts in full; a
          // longer word it begins, half.
          var f = term === w || !pair && singulars(w).indexOf(term) >= 0 ? 1 : 0.5;
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
  // the text says S&P 500 rather than the S of an earlier "U.S.". A
  // word of one of the query's pairs ps is marked only beside the other
  // word of a pair, as the search found it: "S&P 500" marks the S and P
  // of "S&P", not every s of "month's" or the P of "P/E".
  function marked(el, text, ws, ps, window) {
    var re = /\p{L}+|\p{N}+/gu;
    var toks = [], m;
    while ((m = re.exec(text)) !== null) {
      var f = fold(m[0]);
      var w = -1; // the index in ws of the first word the token matches
      for (var j = 0; j < ws.length && w < 0; j++) {
        if (matches(f, ws[j])) w = j;
      }
      toks.push({ at: m.index, end: m.index + m[0].length, hit: w >= 0, w: w, f: f });
    }
    var paired = {};
    ps.forEach(function (p) {
      p.split(" ").forEach(function (w) { paired[w] = true; });
    });
    var inPair = toks.map(function (t, i) {
      return i > 0 && ps.indexOf(toks[i - 1].f + " " + t.f) >= 0 ||
        i + 1 < toks.length && ps.indexOf(t.f + " " + toks[i + 1].f) >= 0;
    });
    toks.forEach(function (t, i) {
      if (t.hit && paired[ws[t.w]] && !inPair[i]) t.hit = false;
    });
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

  // section picks the section most of the words and pairs point to.
  function section(r) {
    var best = -1, votes = -1, all = r.secs.concat(r.pairSecs);
    all.forEach(function (secs) {
      secs.forEach(function (s) {
        var n = all.filter(function (o) { return o.indexOf(s) >= 0; }).length;
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

  function item(r, meta, fragment, ws, ps) {
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
    marked(a, meta[1], ws, ps, false);
    li.appendChild(time);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(a);
    if (sec[1]) {
      var h = document.createElement("p");
      h.className = "search__where";
      marked(h, sec[1], ws, ps, false);
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
      marked(under, terms.join(", "), ws, ps, false);
      li.appendChild(under);
    }
    var p = document.createElement("p");
    p.className = "search__excerpt";
    marked(p, sec[2] || sec[1], ws, ps, true);
    li.appendChild(p);
    return li;
  }

  function showMore(q, ws, ps) {
    var page = ranked.slice(shown, shown + PAGE);
    shown += page.length;
    more.hidden = shown >= ranked.length;
    return Promise.all(page.map(function (r) {
      var li = Math.floor(r.doc / manifest.perList);
      return get(manifest.lists[li]).then(function (docs) {
        var meta = docs[r.doc % manifest.perList];
        return get(meta[3]).then(function (frag) { return item(r, meta, frag, ws, ps); });
      });
    })).then(function (items) {
      if (q !== current) return;
      items.forEach(function (el) { list.appendChild(el); });
    });
  }

  function run(qs) {
    var q = ++current;
    var ws = words(qs), ps = pairs(qs);
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
    return Promise.all(ws.concat(ps).map(lookup)).then(function (all) {
      if (q !== current) return;
      var per = all.slice(0, ws.length), perPair = all.slice(ws.length);
      var docs = Object.keys(per[0]).filter(function (d) {
        return all.every(function (h) { return h[d]; });
      });
      ranked = docs.map(function (d) {
        return {
          doc: +d,
          score: all.reduce(function (s, h) { return s + h[d].score; }, 0),
          secs: per.map(function (h) { return h[d].secs; }),
          pairSecs: perPair.map(function (h) { return h[d].secs; })
        };
      });
      ranked.sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
      if (ranked.length === 0) {
        // The reader is most likely still typing the last word ("dr" on
        // the way to "drawdown"), when the words before it are found
        // together: say why nothing shows yet, rather than that the
        // site has nothing.
        var part = typing(qs), at = ws.indexOf(part);
        var rest = all.filter(function (h, i) { return i !== at; });
        if (part && (rest.length === 0 || Object.keys(rest[0]).some(function (d) {
          return rest.every(function (h) { return h[d]; });
        }))) {
          status.textContent = "No article has the word “" + part + "” as typed: a word is looked up by its beginning once it has three letters. Type more of it.";
          return;
        }
        elsewhere((ps.length ? "No article has the words of “" + qs.trim() + "” together." : "No article has every word of “" + qs.trim() + "”.") + " Try fewer or other words.");
        return;
      }
      status.textContent = (ranked.length === 1 ? "1 article found." : ranked.length + " articles found.") + loose(qs);
      return showMore(q, ws, ps);
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
      showMore(current, words(input.value), pairs(input.value)).then(function () {
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
