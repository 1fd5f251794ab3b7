/* medialit: switch the op-ed's annotation layers on and off, and open each note.
 *
 * No framework and no network. The page's HTML already holds every highlight and note (built
 * by medialit.oped_html); this script only sets the article's data-on attribute from the
 * layer checkboxes and toggles the hidden notes. Text is never inserted as HTML.
 */
(function () {
  "use strict";

  function setup(container) {
    var article = container.querySelector("article.oped[data-annotated]");
    var toolbar = container.querySelector(".ann-toolbar");
    if (!article || !toolbar) { return; }
    var toggles = Array.prototype.slice.call(toolbar.querySelectorAll("input.ann-toggle"));

    function closeNotes(layer) {
      var buttons = article.querySelectorAll(".ann-marker[aria-expanded='true']");
      Array.prototype.forEach.call(buttons, function (button) {
        if (!layer || button.getAttribute("data-layer") === layer) { setOpen(button, false); }
      });
    }

    function apply() {
      var on = toggles.filter(function (t) { return t.checked; }).map(function (t) { return t.value; });
      article.setAttribute("data-on", on.join(" "));
      toggles.forEach(function (t) { if (!t.checked) { closeNotes(t.value); } });
    }

    function setOpen(button, open) {
      var note = document.getElementById(button.getAttribute("aria-controls"));
      if (!note) { return; }
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { note.removeAttribute("hidden"); } else { note.setAttribute("hidden", ""); }
    }

    toggles.forEach(function (toggle) {
      toggle.checked = false;  // plain text first, also after the browser restores a form
      toggle.addEventListener("change", apply);
    });
    Array.prototype.forEach.call(toolbar.querySelectorAll("button.ann-all"), function (button) {
      button.addEventListener("click", function () {
        var all = button.getAttribute("data-action") === "all";
        toggles.forEach(function (t) { t.checked = all; });
        apply();
      });
    });

    article.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest(".ann-marker") : null;
      if (!button || !article.contains(button)) { return; }
      setOpen(button, button.getAttribute("aria-expanded") !== "true");
    });
    article.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var note = event.target.closest ? event.target.closest(".ann-note") : null;
      var button = event.target.classList && event.target.classList.contains("ann-marker")
        ? event.target
        : note && article.querySelector(".ann-marker[aria-controls='" + note.id + "']");
      if (button && button.getAttribute("aria-expanded") === "true") {
        setOpen(button, false);
        button.focus();
        event.preventDefault();
      }
    });

    toolbar.removeAttribute("hidden");
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".oped-annotated"), setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
