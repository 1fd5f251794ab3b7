// Notebook pages of the book (medialit.lite.sphinx), opened as files (file://):
// - a JupyterLite app cannot start from a file, so "Run in your browser" shows how to serve the
//   book instead;
// - Chromium ignores a link's `download` between file URLs and shows the notebook's JSON, so the
//   .ipynb link saves the copy embedded in the page (a blob, which the browser does save).
(function () {
  "use strict";
  function explainServe(button) {
    var help = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function (event) {
      event.preventDefault();
      if (!help) return;
      help.hidden = false;
      button.setAttribute("aria-expanded", "true");
      help.focus();
    });
  }
  function saveEmbedded(link, data) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var blob = new Blob([data.textContent], { type: "application/x-ipynb+json" });
      var url = URL.createObjectURL(blob);
      var save = document.createElement("a");
      save.href = url;
      save.download = data.getAttribute("data-filename") || "notebook.ipynb";
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    });
  }
  function setUp() {
    if (window.location.protocol !== "file:") return;
    document.querySelectorAll("[data-medialit-live]").forEach(explainServe);
    var data = document.getElementById("medialit-notebook-download");
    if (!data) return;
    document.querySelectorAll('a[download][href$=".ipynb"]').forEach(function (link) {
      saveEmbedded(link, data);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
