/* medialit reflection box and its read-only view. No framework, no network.
 * A box (div.mlr-box) saves its textarea in localStorage as it is typed, under
 * "medialit-reflection:<URL path of the box's page>:<name>" -> {text, saved} (the quiz engine's
 * convention: namespace, page path, id). A view (div.mlr-view) reads the same key, computed from
 * its link to the box's page, and shows the text with textContent. The box writes only when the
 * learner types, so a storage error never erases what is already saved; it says so instead.
 * Views re-read when another tab writes and when the page is shown again. */
(function () {
  "use strict";
  var NS = "medialit-reflection:";
  function keyOf(href, name) {
    try { return NS + new URL(href, location.href).pathname + ":" + name; } catch (e) { return null; }
  }
  function read(key) {
    try {
      var s = JSON.parse(localStorage.getItem(key) || "null");
      return s && typeof s.text === "string" ? s : null;
    } catch (e) { return null; }
  }
  function dataOf(root) { return JSON.parse(root.querySelector("script.mlr-data").textContent); }
  function hide(root, selector) { var n = root.querySelector(selector); if (n) n.hidden = true; }

  function Box(root) {
    var d = dataOf(root), key = keyOf(d.href, d.name);
    var area = root.querySelector("textarea.mlr-text"), status = root.querySelector(".mlr-status");
    var saved = read(key), timer = null;
    hide(root, ".mlr-noscript");
    if (saved) area.value = saved.text;
    area.disabled = false;
    function save() {
      timer = null;
      try {
        localStorage.setItem(key, JSON.stringify({ text: area.value, saved: new Date().toISOString() }));
        status.textContent = d.strings.saved;
      } catch (e) { status.textContent = d.strings.not_saved; }
    }
    area.addEventListener("input", function () { if (timer) clearTimeout(timer); timer = setTimeout(save, 300); });
    /* Leaving the field or the page saves at once: no keystroke is lost to the delay. */
    area.addEventListener("blur", function () { if (timer) { clearTimeout(timer); save(); } });
    window.addEventListener("pagehide", function () { if (timer) { clearTimeout(timer); save(); } });
    window.addEventListener("storage", function (e) {
      if (e.key === key && document.activeElement !== area) { var s = read(key); area.value = s ? s.text : ""; }
    });
    root.setAttribute("data-mlr-ready", "1");
  }

  function View(root) {
    var d = dataOf(root), key = keyOf(d.href, d.name);
    var quote = root.querySelector(".mlr-view-text");
    function render() {
      var s = read(key), p = document.createElement("p");
      if (s && s.text.trim()) { p.className = "mlr-view-own"; p.textContent = s.text; }
      else { p.className = "mlr-view-empty"; p.textContent = d.strings.view_empty; }
      quote.replaceChildren(p);
    }
    render();
    window.addEventListener("storage", function (e) { if (!e.key || e.key === key) render(); });
    window.addEventListener("pageshow", render);
    root.setAttribute("data-mlr-ready", "1");
  }

  function start() {
    [].forEach.call(document.querySelectorAll("div.mlr-box:not([data-mlr-ready])"), function (r) { new Box(r); });
    [].forEach.call(document.querySelectorAll("div.mlr-view:not([data-mlr-ready])"), function (r) { new View(r); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
