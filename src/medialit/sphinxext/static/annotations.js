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
      if (open) { closeNotes(); }  // one note at a time: notes float over the text
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        note.removeAttribute("hidden");
        place(button, note);
      } else {
        note.setAttribute("hidden", "");
      }
    }

    /* Float the note under its marker (over the text, so the sentence is not split), or above
       it when there is no room below; then make sure it is on screen. */
    function place(button, note) {
      var box = note.offsetParent || article;
      var boxRect = box.getBoundingClientRect();
      var para = note.closest ? note.closest("p") : null;
      var left = para ? para.getBoundingClientRect().left - boxRect.left : 0;
      note.style.left = Math.max(0, left) + "px";
      note.style.top = "0px";
      var mark = button.getBoundingClientRect();
      var height = note.getBoundingClientRect().height;
      var gap = 4;
      var below = mark.bottom + gap;
      var top = below - boxRect.top;
      if (below + height > window.innerHeight && mark.top - gap - height >= 0) {
        top = mark.top - gap - height - boxRect.top;  // no room below, room above
      }
      note.style.top = top + "px";
      var rect = note.getBoundingClientRect();
      if (rect.bottom > window.innerHeight || rect.top < 0) {
        note.scrollIntoView({ block: "nearest" });
      }
    }

    function markerFor(id) {
      return article.querySelector(".ann-marker[aria-controls='ann-note-" + id + "']");
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
      if (!event.target.closest) { return; }
      var button = event.target.closest(".ann-marker");
      if (!button) {
        // The marked words open their note too: the first of their annotations whose layer
        // is on. A click that ends a text selection selects; it does not open a note.
        var words = event.target.closest(".ann");
        var selected = window.getSelection ? String(window.getSelection()) : "";
        if (!words || selected) {
          if (!event.target.closest(".ann-note")) { closeNotes(); }
          return;
        }
        var on = (article.getAttribute("data-on") || "").split(" ");
        var ids = (words.getAttribute("data-ann") || "").split(" ");
        for (var i = 0; i < ids.length && !button; i++) {
          var candidate = markerFor(ids[i]);
          if (candidate && on.indexOf(candidate.getAttribute("data-layer")) !== -1) { button = candidate; }
        }
        if (!button) { return; }
      }
      if (!article.contains(button)) { return; }
      setOpen(button, button.getAttribute("aria-expanded") !== "true");
    });
    window.addEventListener("resize", function () {
      var open = article.querySelector(".ann-marker[aria-expanded='true']");
      if (open) { place(open, document.getElementById(open.getAttribute("aria-controls"))); }
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

  /* The op-ed's paragraph and sentence links (about 60) are one Tab stop: Tab reaches the
     first (or the last one used); the arrow keys, Home and End move between them; Enter
     follows one. Without this script each stays a Tab stop of its own. */
  function roveLinks(oped) {
    var links = Array.prototype.slice.call(oped.querySelectorAll("a.oped-pnum, a.oped-sid"));
    if (links.length < 2) { return; }
    var hint = document.createElement("span");
    hint.id = "oped-links-hint";
    hint.className = "oped-hint";
    hint.textContent = "Arrow keys move between paragraph and sentence links.";
    oped.insertBefore(hint, oped.firstChild);
    links.forEach(function (link, i) {
      link.setAttribute("tabindex", i === 0 ? "0" : "-1");
      link.setAttribute("aria-describedby", hint.id);
    });
    oped.addEventListener("keydown", function (event) {
      var index = links.indexOf(event.target);
      if (index === -1) { return; }
      var next = { ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1,
                   ArrowLeft: index - 1, Home: 0, End: links.length - 1 }[event.key];
      if (next === undefined) { return; }
      next = Math.max(0, Math.min(links.length - 1, next));
      event.preventDefault();
      links[index].setAttribute("tabindex", "-1");
      links[next].setAttribute("tabindex", "0");
      links[next].focus();
    });
    oped.addEventListener("focusin", function (event) {
      if (links.indexOf(event.target) === -1) { return; }
      links.forEach(function (link) { link.setAttribute("tabindex", link === event.target ? "0" : "-1"); });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".oped-annotated"), setup);
    Array.prototype.forEach.call(document.querySelectorAll("article.oped"), roveLinks);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
