// tearsheet embed: a chart's embedded view tells the page that frames it
// how tall it is, so that the frame can fit it without a scroll bar. The
// snippet on the chart's page sets the frame's height to what arrives
// from that frame (it checks the sender is the frame's own window). It
// posts again whenever the view's height changes: a narrower frame wraps
// the title and note onto more lines, and the drawing changes from wide
// to narrow. Without this script, or where the host page blocks the
// snippet's, the frame keeps the snippet's height and scrolls.
(function () {
  "use strict";
  if (window.parent === window || !window.parent.postMessage) return;
  var last = 0;
  function post() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    window.parent.postMessage({ tearsheetEmbed: 1, height: h }, "*");
  }
  if (window.ResizeObserver) {
    new ResizeObserver(post).observe(document.documentElement);
  } else {
    window.addEventListener("resize", post);
  }
  window.addEventListener("load", post);
  post();
})();
