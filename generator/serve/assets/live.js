// tearsheet serve's live preview client. serve adds it to every HTML page
// it serves as <script src=".../_tearsheet/live.js" defer> (a file of the
// site's own origin, so the site's Content-Security-Policy, script-src
// 'self', allows it); a build's public/ never contains it. It listens to
// serve's build events (see generator/serve/http.go) and:
//   - when a build changed the page, fetches it and puts it in place of
//     the shown one without a navigation (faster than a reload; the window
//     keeps its scroll position); a page that runs scripts of
//     its own, or one whose image or script changed, is reloaded instead
//     (and the browser restores the reader's place);
//   - swaps the stylesheets without a reload when the page changed only in
//     their fingerprinted names (a CSS-only edit);
//   - shows every error of a failed build in an overlay at the top of the
//     window (styled by live.css, no inline style), which Escape or its
//     button dismisses and the next good build removes;
//   - shows a good build's warnings (stale data, a figure that changed
//     since it was locked, a tag spelt two ways) folded in a corner of the
//     window, "2 warnings", which opens on a click to list them; its button
//     dismisses them until they change, and a build without any removes it;
//   - goes to the page's new address when a build moved it (a new date or
//     slug, a renamed file, a new base path in site.yaml's baseURL),
//     keeping the reader's place;
//   - stops listening while its tab is in the background (a browser opens
//     at most six connections to serve, which listening tabs would take),
//     and catches up when the tab is shown again;
//   - on the page serve shows while no build has succeeded yet (which
//     lists the errors itself), reloads it when the errors change and
//     loads the site as soon as a build succeeds.
// No inline script, no innerHTML: the overlay is built with DOM methods,
// so error text is never parsed as HTML.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.EventSource || me.getAttribute("data-started")) return;
  me.setAttribute("data-started", "");
  var page = me.getAttribute("data-page"); // this page's output file, e.g. "2026/10/x/index.html"
  var sum = me.getAttribute("data-sum"); // hash of the page with its stylesheet URLs left out
  var version = me.getAttribute("data-version"); // the version of the page shown
  var root = new URL("../", me.src); // the site's base URL
  var dismissKey = "tearsheet-dismissed";
  var warnKey = "tearsheet-warnings-dismissed";
  var placeKey = "tearsheet-place"; // the reader's place on a page that moved, for its new address
  var leaving = false;
  var box = null; // the overlay while shown
  var pending = document.getElementById("tearsheet-pending-errors"); // the list of the page shown before any good build
  var shown = ""; // the errors it shows, one a line
  var notes = null, noted = ""; // the warnings' box while shown, and its warnings, one a line

  // store reads, sets or removes a key of sessionStorage, which a private
  // window may refuse.
  function store(op, key, value) {
    try {
      if (op === "get") return sessionStorage.getItem(key);
      if (op === "set") sessionStorage.setItem(key, value);
      else sessionStorage.removeItem(key);
    } catch (e) {
      // storage refused (a private window): a dismissed overlay may show again
    }
    return null;
  }

  // reload reloads the page; the browser keeps the reader's place, as it
  // does in replace. The place is kept for a reload that serve redirects
  // too (the site moved to a new base path), where the browser does not
  // keep it (see follow).
  function reload() {
    if (leaving) return;
    leaving = true;
    if (events) events.close();
    keep(null);
    location.reload();
  }

  // go goes to url in place of this page in the history: where the page
  // moved. The block the reader is at is kept for the page there (the
  // browser restores a place on a reload, not at another address), which
  // puts it where it was in the window (see follow).
  function go(url) {
    if (leaving) return;
    leaving = true;
    if (events) events.close();
    keep(new URL(url, location.href).pathname);
    location.replace(url);
  }

  // keep keeps the block the reader is at for the page at the path to
  // (null: wherever a reload of this page lands), which follow puts it
  // back on.
  function keep(to) {
    var was = place();
    if (was) store("set", placeKey, JSON.stringify({ to: to, from: location.pathname, place: was }));
  }

  // loads tells whether this page loads the output file name: an image,
  // script, stylesheet or icon, or data a script of the page fetches. A
  // link the page only names (its feeds, rel="alternate"; its canonical
  // URL) is not loaded: a feed that changed leaves the page as it is.
  function loads(name) {
    var url = new URL(name, root).href;
    var els = document.querySelectorAll('[src], link[href][rel~="stylesheet"], link[href][rel~="icon"], link[href][rel~="preload"], link[href][rel~="modulepreload"], link[href][rel~="manifest"], object[data]');
    for (var i = 0; i < els.length; i++) {
      var u = els[i].src || els[i].href || els[i].data;
      if (u && u.split(/[?#]/)[0] === url) return true;
    }
    return /\.(js|json)$/.test(name) && scripted(document);
  }

  // scripted tells whether a page runs a script of its own (JSON data
  // blocks are not run).
  function scripted(doc) {
    return doc.querySelector('script:not(#tearsheet-live):not([type="application/ld+json"]):not([type="application/json"])') !== null;
  }

  function stylesheets(doc) {
    return Array.prototype.slice.call(doc.querySelectorAll('link[rel~="stylesheet"]:not(#tearsheet-live-css)'));
  }

  // restyle swaps each stylesheet for its new version; the old one goes
  // once the new one has loaded, so nothing flashes unstyled.
  function restyle(olds, news) {
    olds.forEach(function (old, i) {
      var href = news[i].getAttribute("href");
      if (old.getAttribute("href") === href) return;
      var link = old.cloneNode(false);
      link.setAttribute("href", href);
      link.addEventListener("load", function () { old.remove(); });
      link.addEventListener("error", reload);
      old.after(link);
    });
  }

  // blocks are the elements the reader's place is kept by.
  var blocks = "main p, main h1, main h2, main h3, main h4, main li, main figure, main table, main pre, main blockquote, main dt";

  // pinned tells whether el stays put as the page scrolls (in a sticky or
  // fixed box, such as the contents beside an article).
  function pinned(el) {
    for (; el && el !== document.body; el = el.parentElement) {
      var pos = getComputedStyle(el).position;
      if (pos === "sticky" || pos === "fixed") return true;
    }
    return false;
  }

  // place returns the block the reader is at (the first that starts in
  // the window, else the last that reaches into it, outside pinned
  // boxes): its tag, its first words, its index among the blocks and its
  // distance from the window's top; null on a page without one.
  function place() {
    var els = document.querySelectorAll(blocks), at = -1;
    for (var i = 0; i < els.length; i++) {
      var r = els[i].getBoundingClientRect();
      if (r.height === 0 || r.bottom <= 0 || pinned(els[i])) continue;
      at = i;
      if (r.top >= 0) break;
    }
    if (at < 0) return null;
    var el = els[at];
    return { tag: el.tagName, text: el.textContent.trim().slice(0, 160), i: at, top: el.getBoundingClientRect().top };
  }

  // keepPlace scrolls the new page so the block the reader was at, found
  // by its words nearest its old index (else at that index: the edited
  // block itself), is where it was in the window, whatever was added or
  // removed above it.
  function keepPlace(was) {
    if (!was) return;
    var els = document.querySelectorAll(blocks), best = null, far = Infinity;
    for (var i = 0; i < els.length; i++) {
      var d = Math.abs(i - was.i);
      if (els[i].tagName === was.tag && d < far && els[i].textContent.trim().slice(0, 160) === was.text) {
        best = els[i];
        far = d;
      }
    }
    if (!best && els[was.i] && els[was.i].tagName === was.tag) best = els[was.i];
    if (best) window.scrollBy({ top: best.getBoundingClientRect().top - was.top, behavior: "instant" });
  }

  // follow puts the reader at the place kept (keep) on the page this one
  // moved from, once the page has loaded (its images take their room): a
  // page that go went to, or a reload that landed elsewhere. A reload
  // that stayed is left to the browser, which keeps the place itself.
  function follow() {
    var kept = store("get", placeKey);
    if (!kept) return;
    store("remove", placeKey);
    var was;
    try {
      was = JSON.parse(kept);
    } catch (e) {
      return;
    }
    if (!was || (was.to === null ? was.from === location.pathname : was.to !== location.pathname)) return;
    if (document.readyState === "complete") keepPlace(was.place);
    else window.addEventListener("load", function () { keepPlace(was.place); }, { once: true });
  }

  // noted tells whether this is the not-found page at the address of a
  // page the build left out (an article just marked draft: true, say), on
  // which serve puts a note at the top that says why (see left.go). The
  // author is shown it, not the place of the page that was there, which
  // the browser restores once the page has loaded.
  var noted = page === "404.html" && document.getElementById("tearsheet-left") !== null;
  if (page === "404.html") {
    // A page that found itself gone reloaded into this one with the
    // browser's restoring of the place turned off (see update); later
    // reloads restore it again.
    history.scrollRestoration = "auto";
  }
  if (noted) {
    store("remove", placeKey);
    window.scrollTo(0, 0);
    // A reload serve asked for (the page changed as it loaded) has the
    // browser restore the place the page at this address had, smoothly,
    // once this one has loaded: a few pixels down a page just taller than
    // the window, the note's top out of view. The note is read from the
    // top: until the author scrolls or types, a scroll goes back there.
    var touched = false;
    ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
      window.addEventListener(type, function () { touched = true; }, { once: true, passive: true, capture: true });
    });
    window.addEventListener("scroll", function () {
      if (!touched && window.scrollY !== 0) window.scrollTo({ top: 0, behavior: "instant" });
    }, { passive: true });
  } else {
    follow();
  }

  // replace puts the new version of the page in place of the shown one,
  // without a navigation: its <head> (but the policy, the stylesheets and
  // the preview's own tags, which stay) and its <body>. The block of text
  // the reader is at stays where it is in the window, though text was
  // added above it (keepPlace). An overlay shown stays.
  function replace(doc) {
    var was = place();
    var keep = 'meta[http-equiv], link[rel~="stylesheet"], #tearsheet-live, #tearsheet-live-css';
    Array.prototype.slice.call(document.head.children).forEach(function (el) {
      if (!el.matches(keep)) el.remove();
    });
    var mark = document.getElementById("tearsheet-live-css");
    Array.prototype.slice.call(doc.head.children).forEach(function (el) {
      if (!el.matches(keep)) document.head.insertBefore(document.adoptNode(el), mark);
    });
    var body = document.adoptNode(doc.body);
    if (box) body.prepend(box);
    if (notes) body.append(notes);
    document.body.replaceWith(body);
    keepPlace(was);
  }

  // noteOf returns the text of serve's note on doc, "" for none.
  function noteOf(doc) {
    var n = doc.getElementById("tearsheet-left");
    return n ? n.textContent : "";
  }

  // update brings the page up to date after a build changed it or its
  // stylesheets. It asks serve for the page as it is now: when only the
  // stylesheets' names changed (the same sum), it swaps the stylesheets;
  // otherwise it replaces the page in place, or reloads it when either
  // version runs scripts of its own (they would not run again) or the
  // page is gone. One update runs at a time; events during it make one
  // more.
  var updating = false, again = false;

  function update() {
    if (updating) {
      again = true;
      return;
    }
    updating = true;
    // The not-found page, shown at an address that has no page, is
    // fetched at its own, but with serve's note, which the address has.
    var at = page === "404.html" && !noted ? new URL(page, root).href : location.href;
    fetch(at, { cache: "no-store", credentials: "same-origin" })
      .then(function (resp) {
        // serve redirects the base path the site had (site.yaml's
        // baseURL changed): the page is now at the new address.
        if (resp.redirected) return go(resp.url);
        if (!resp.ok && !(noted && resp.status === 404)) {
          // The page is gone: the reload shows the not-found page (with
          // serve's note when the build left the page out), from its top,
          // not at the place the reader had, which the browser would
          // restore on the reload.
          if (resp.status === 404) history.scrollRestoration = "manual";
          throw new Error("HTTP " + resp.status);
        }
        return resp.text();
      })
      .then(function (html) {
        if (leaving) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var next = doc.getElementById("tearsheet-live");
        var olds = stylesheets(document), news = stylesheets(doc);
        var same = next && next.getAttribute("data-sum") === sum;
        if (!next || next.getAttribute("data-page") !== page || olds.length !== news.length || (!same && (scripted(document) || scripted(doc)))) return reload();
        restyle(olds, news);
        if (!same || noteOf(doc) !== noteOf(document)) replace(doc);
        sum = next.getAttribute("data-sum");
        version = next.getAttribute("data-version");
        updating = false;
        if (again) {
          again = false;
          update();
        }
      })
      .catch(reload);
  }

  // asked is the output file of the address shown: on the not-found page,
  // the page the reader asked for, which a build may make; "" at an
  // address outside the site.
  var asked = "";
  if (location.pathname.indexOf(root.pathname) === 0) {
    asked = location.pathname.slice(root.pathname.length);
    try {
      asked = decodeURIComponent(asked);
    } catch (e) {
      // a malformed escape: compared as it is
    }
    if (asked === "" || asked.slice(-1) === "/") asked += "index.html";
  }

  function onReload(changed) {
    if (leaving) return;
    var mine = false, css = false;
    for (var i = 0; i < changed.length; i++) {
      var n = changed[i];
      if (page === "404.html" && asked && asked !== page && (n === asked || n === asked + "/index.html")) return reload();
      if (n === page) mine = true;
      else if (/\.css$/.test(n)) css = true;
      else if (!/\.html$/.test(n) && loads(n)) return reload();
    }
    if (mine || css) update();
  }

  // The overlay.
  function hide() {
    if (!box) return;
    if (box.contains(document.activeElement)) document.activeElement.blur();
    box.remove();
    box = null;
    shown = "";
  }

  function dismiss() {
    store("set", dismissKey, shown);
    hide();
  }

  function el(tag, cls, txt) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (txt) e.textContent = txt;
    return e;
  }

  // where splits "content/x.md:14: chart: ..." (or a place without a
  // line, "content/x.md: tag ...": a file's name, with its extension)
  // into its place and message.
  var where = /^([^\s:][^:]*:\d+(?::\d+)?|[^\s:]*[^\s:\/]\.[A-Za-z0-9]+): ([\s\S]*)$/;

  // list returns the list of msgs, each one's place ("content/x.md:14")
  // set apart from what it says.
  function list(msgs) {
    var ol = el("ol", "tearsheet-error__list");
    msgs.forEach(function (m) {
      var li = el("li", "tearsheet-error__item");
      var w = where.exec(m);
      if (w) {
        li.appendChild(el("code", "tearsheet-error__where", w[1]));
        li.appendChild(document.createTextNode(": " + w[2]));
      } else {
        li.textContent = m;
      }
      ol.appendChild(li);
    });
    return ol;
  }

  function button(cls, txt, onClick) {
    var b = el("button", cls, txt);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // show shows the errors msgs of a failed build, count being the line
  // that counts them as the terminal does.
  function show(msgs, count) {
    var key = msgs.join("\n");
    if (key === shown || key === store("get", dismissKey)) return;
    hide();
    box = el("div", "tearsheet-error");
    box.id = "tearsheet-error";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "tearsheet-error-title");
    var head = el("div", "tearsheet-error__head");
    head.appendChild(el("p", "tearsheet-error__title",
      "Build failed: " + count + ". Showing the last good build."));
    head.firstChild.id = "tearsheet-error-title";
    var close = button("tearsheet-error__close", "Dismiss", dismiss);
    close.setAttribute("aria-keyshortcuts", "Escape");
    close.title = "Dismiss (Escape)";
    head.appendChild(close);
    box.appendChild(head);
    box.appendChild(list(msgs));
    document.body.prepend(box);
    shown = key;
  }

  // The warnings of a good build, in a box folded in a corner of the
  // window: its summary counts them, opened it lists them. Built anew
  // when they change, open if it was; gone when a build has none, or
  // dismissed (until they change).
  function hideWarnings() {
    if (!notes) return;
    if (notes.contains(document.activeElement)) document.activeElement.blur();
    notes.remove();
    notes = null;
    noted = "";
  }

  function showWarnings(msgs, count) {
    var key = msgs.join("\n");
    if (key === noted) return;
    if (key === store("get", warnKey)) return hideWarnings();
    var open = !!(notes && notes.open);
    hideWarnings();
    notes = el("details", "tearsheet-warnings");
    notes.id = "tearsheet-warnings";
    notes.open = open;
    notes.appendChild(el("summary", "tearsheet-warnings__summary", count));
    var body = el("div", "tearsheet-warnings__body");
    body.appendChild(el("p", "tearsheet-warnings__title", "The site builds, with " + count + ":"));
    body.appendChild(list(msgs));
    body.appendChild(button("tearsheet-error__close", "Dismiss", function () {
      store("set", warnKey, noted);
      hideWarnings();
    }));
    notes.appendChild(body);
    document.body.append(notes);
    noted = key;
  }

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    if (box) dismiss();
    else if (notes && notes.open) {
      notes.open = false;
      notes.querySelector("summary").focus();
    }
  });

  var opened = false, stale = 0, events = null;

  // connect listens to serve's events. Naming the page and the version
  // shown makes serve send "reload" at once when a build changed the page
  // while it loaded, or while the tab was in the background ("moved"
  // first, when a build moved it). The not-found page names the page
  // asked for too: serve sends "reload" with it at once when a build made
  // it before the not-found page subscribed.
  function connect() {
    var url = new URL("events", me.src);
    url.searchParams.set("page", page);
    url.searchParams.set("version", version);
    if (page === "404.html" && asked && asked !== page) url.searchParams.set("asked", asked);
    events = new EventSource(url.href);
    listen(events);
  }

  // A tab in the background does not listen: a browser opens at most six
  // connections to a server, each listening tab holds one, and tabs of the
  // preview left open would stall every other page of it. Brought back, a
  // tab listens again; the not-found page, which names no page it could
  // be told of, is loaded again (a build may have made the page asked).
  document.addEventListener("visibilitychange", function () {
    if (leaving) return;
    if (document.hidden && events) {
      events.close();
      events = null;
      me.setAttribute("data-state", "closed");
    } else if (!document.hidden && !events) {
      if (page === "404.html") return reload();
      connect();
    }
  });

  function listen(source) {
    source.addEventListener("open", function () {
      me.setAttribute("data-state", "open");
      // Back after a lost connection: the server repeats a standing error
      // at once, so an overlay it does not repeat is stale.
      if (opened) stale = setTimeout(function () { hide(); store("remove", dismissKey); }, 500);
      opened = true;
    });
    source.addEventListener("error", function () { me.setAttribute("data-state", "closed"); });
    source.addEventListener("builderror", function (e) {
      clearTimeout(stale);
      var data = JSON.parse(e.data), msgs = data.errors;
      if (!pending) return show(msgs, data.count);
      var listed = Array.prototype.map.call(pending.children, function (li) { return li.textContent; });
      if (listed.join("\n") !== msgs.join("\n")) reload();
    });
    source.addEventListener("ok", function (e) {
      if (pending) return reload();
      clearTimeout(stale);
      store("remove", dismissKey);
      hide();
      var data = JSON.parse(e.data);
      if (data.warnings && data.warnings.length) return showWarnings(data.warnings, data.count);
      store("remove", warnKey);
      hideWarnings();
    });
    // The page moved (a new date or slug, a renamed file): go to its new
    // address, in place of this one in the history.
    source.addEventListener("moved", function (e) {
      var to = JSON.parse(e.data)[page];
      if (to) go(new URL(to.replace(/(^|\/)index\.html$/, "$1"), root).href);
    });
    source.addEventListener("reload", function (e) { onReload(JSON.parse(e.data)); });
  }

  if (!document.hidden) connect();
})();
