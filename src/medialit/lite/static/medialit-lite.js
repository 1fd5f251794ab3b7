// "Run in your browser" on notebook pages (medialit.lite.sphinx). A JupyterLite app cannot start
// from a page opened as a file (file://): there the button shows how to serve the book instead.
(function () {
  "use strict";
  function setUp() {
    if (window.location.protocol !== "file:") return;
    document.querySelectorAll("[data-medialit-live]").forEach(function (button) {
      var help = document.getElementById(button.getAttribute("aria-controls"));
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function (event) {
        event.preventDefault();
        if (!help) return;
        help.hidden = false;
        button.setAttribute("aria-expanded", "true");
        help.focus();
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
