// tearsheet serve's live preview client. serve adds it to every HTML page
// it serves as <script src=".../_tearsheet/live.js" defer> (a file of the
// site's own origin, so the site's Content-Security-Policy, script-src
// 'self', allows it); a build's public/ never contains it. It listens to
// serve's build events (see generator/serve/http.go) and:
//   - reloads the page when a build changed it or a file it loads, keeping
//     the reader's place (the block at the top of the window stays there);
//   - swaps the stylesheets without a reload when the page changed only in
//     their fingerprinted names (a CSS-only edit);
//   - shows every error of a failed build in an overlay at the top of the
//     window (styled by live.css, no inline style), which Escape or its
//     button dismisses and the next good build removes.
// No inline script, no innerHTML: the overlay is built with DOM methods,
// so error text is never parsed as HTML.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.EventSource || me.getAttribute("data-started")) return;
  me.setAttribute("data-started", "");
  var page = me.getAttribute("data-page"); // this page's output file, e.g. "2026/10/x/index.html"
  var sum = me.getAttribute("data-sum"); // hash of the page with its stylesheet URLs left out
  var root = new URL("../", me.src); // the site's base URL
  var scrollKey = "tearsheet-scroll:" + location.pathname;
  var dismissKey = "tearsheet-dismissed";
  var leaving = false;
  var box = null; // the overlay while shown
  var shown = ""; // the errors it shows, one a line

  function store(op, key, value) {
    try {
      if (op === "get") return sessionStorage.getItem(key);
      if (op === "set") sessionStorage.setItem(key, value);
      else sessionStorage.removeItem(key);
    } catch (e) {
      // storage refused (a private window): no place kept, no harm
    }
    return null;
  }

  // The reader's place: the first block of the content whose box reaches
  // into the window, by id, position among the blocks and text, and how
  // far from the window's top it is.
  var blocks = "main :is(h1, h2, h3, h4, h5, h6, p, li, dt, dd, figure, pre, blockquote, table, details, hr)";

  function text(el) {
    return (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 80);
  }

  function anchor() {
    var els = document.querySelectorAll(blocks);
    for (var i = 0; i < els.length; i++) {
      var r = els[i].getBoundingClientRect();
      if (r.bottom > 0 && r.height > 0) return { i: i, id: els[i].id, text: text(els[i]), top: r.top };
    }
    return null;
  }

  function find(a) {
    var el = a.id && document.getElementById(a.id);
    if (el) return el;
    var els = document.querySelectorAll(blocks);
    for (var d = 0; d <= 3; d++) {
      var near = [els[a.i - d], els[a.i + d]];
      for (var k = 0; k < 2; k++) if (near[k] && text(near[k]) === a.text) return near[k];
    }
    return els[a.i] || null;
  }

  function restore() {
    var saved = store("get", scrollKey);
    if (!saved) return;
    store("remove", scrollKey);
    var s;
    try {
      s = JSON.parse(saved);
    } catch (e) {
      return;
    }
    var place = function () {
      var y = s.y;
      var el = s.a && find(s.a);
      if (el) y = window.scrollY + el.getBoundingClientRect().top - s.a.top;
      window.scrollTo({ left: s.x, top: y, behavior: "instant" }); // not the site's smooth scrolling
    };
    place();
    // Images and fonts may still move things: place again once loaded,
    // then let the browser keep places itself again.
    window.addEventListener("load", function () {
      place();
      history.scrollRestoration = "auto";
    }, { once: true });
  }

  function reload() {
    if (leaving) return;
    leaving = true;
    store("set", scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY, a: anchor() }));
    history.scrollRestoration = "manual"; // restore() places the page, not the browser
    events.close();
    location.reload();
  }

  // loads tells whether this page loads the output file name: an image,
  // script, stylesheet or icon, or data a script of the page fetches.
  function loads(name) {
    var url = new URL(name, root).href;
    var els = document.querySelectorAll("[src], link[href], object[data]");
    for (var i = 0; i < els.length; i++) {
      var u = els[i].src || els[i].href || els[i].data;
      if (u && u.split(/[?#]/)[0] === url) return true;
    }
    return /\.(js|json)$/.test(name) && document.querySelectorAll("script[src]:not(#tearsheet-live)").length > 0;
  }

  function stylesheets(doc) {
    return Array.prototype.slice.call(doc.querySelectorAll('link[rel~="stylesheet"]:not(#tearsheet-live-css)'));
  }

  // restyle asks for the page as it is now: when it differs only in its
  // stylesheets' names, it swaps each stylesheet for its new one (the
  // old one goes once the new one has loaded, so nothing flashes
  // unstyled); otherwise it reloads.
  function restyle() {
    fetch(location.href, { cache: "no-store", credentials: "same-origin" })
      .then(function (resp) {
        if (!resp.ok) throw new Error(resp.status);
        return resp.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var next = doc.getElementById("tearsheet-live");
        var olds = stylesheets(document), news = stylesheets(doc);
        if (!next || next.getAttribute("data-sum") !== sum || olds.length !== news.length) return reload();
        olds.forEach(function (old, i) {
          var href = news[i].getAttribute("href");
          if (old.getAttribute("href") === href) return;
          var link = old.cloneNode(false);
          link.setAttribute("href", href);
          link.addEventListener("load", function () { old.remove(); });
          link.addEventListener("error", reload);
          old.after(link);
        });
      })
      .catch(reload);
  }

  function onReload(changed) {
    if (leaving) return;
    var mine = page === "404.html", css = false;
    for (var i = 0; i < changed.length; i++) {
      var n = changed[i];
      if (n === page) mine = true;
      else if (/\.css$/.test(n)) css = true;
      else if (!/\.html$/.test(n) && loads(n)) return reload();
    }
    if (css) restyle(); // with fingerprinted names the page changed too
    else if (mine) reload();
  }

  // The overlay.
  function hide() {
    if (!box) return;
    if (box.contains(document.activeElement)) {
      var main = document.querySelector("main") || document.body;
      if (main.tabIndex < 0 && !main.hasAttribute("tabindex")) main = document.body;
      main.focus({ preventScroll: true });
    }
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

  // where splits "content/x.md:14: chart: ..." into its place and message.
  var where = /^([^\s:][^:]*:\d+(?::\d+)?): ([\s\S]*)$/;

  function show(msgs) {
    var key = msgs.join("\n");
    if (key === shown || key === store("get", dismissKey)) return;
    hide();
    box = el("div", "tearsheet-error");
    box.id = "tearsheet-error";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "tearsheet-error-title");
    var head = el("div", "tearsheet-error__head");
    var n = msgs.length;
    head.appendChild(el("p", "tearsheet-error__title",
      "Build failed (" + n + (n === 1 ? " error" : " errors") + "). Showing the last good build."));
    head.firstChild.id = "tearsheet-error-title";
    var close = el("button", "tearsheet-error__close", "Dismiss");
    close.type = "button";
    close.setAttribute("aria-keyshortcuts", "Escape");
    close.title = "Dismiss (Escape)";
    close.addEventListener("click", dismiss);
    head.appendChild(close);
    box.appendChild(head);
    var list = el("ol", "tearsheet-error__list");
    msgs.forEach(function (m) {
      var li = el("li", "tearsheet-error__item");
      var w = where.exec(m);
      if (w) {
        li.appendChild(el("code", "tearsheet-error__where", w[1]));
        li.appendChild(document.createTextNode(": " + w[2]));
      } else {
        li.textContent = m;
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    document.body.prepend(box);
    shown = key;
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && box) dismiss();
  });

  restore();

  var opened = false, stale = 0;
  // Naming the page and its version makes serve send "reload" at once when
  // a build changed the page while it loaded, before this subscribed.
  var url = new URL("events", me.src);
  url.searchParams.set("page", page);
  url.searchParams.set("version", me.getAttribute("data-version"));
  var events = new EventSource(url.href);
  events.addEventListener("open", function () {
    me.setAttribute("data-state", "open");
    // Back after a lost connection: the server repeats a standing error
    // at once, so an overlay it does not repeat is stale.
    if (opened) stale = setTimeout(function () { hide(); store("remove", dismissKey); }, 500);
    opened = true;
  });
  events.addEventListener("error", function () { me.setAttribute("data-state", "closed"); });
  events.addEventListener("builderror", function (e) {
    clearTimeout(stale);
    show(JSON.parse(e.data));
  });
  events.addEventListener("ok", function () {
    clearTimeout(stale);
    store("remove", dismissKey);
    hide();
  });
  events.addEventListener("reload", function (e) { onReload(JSON.parse(e.data)); });
})();
