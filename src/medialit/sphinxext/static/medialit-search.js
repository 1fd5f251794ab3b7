/* medialit: the search page (issue 16 §5). Loaded on search.html only (medialit.sphinxext.chrome).
 *
 * - Snippets come from the page's text, not from its header: Sphinx's searchtools reads a
 *   result page's [role=main], which in this theme starts with the header's buttons, so a
 *   snippet began "....md .pdf". The header, navigation and quiz fallbacks are removed first.
 * - From file:// the browser does not let a page read the book's other files, so there are no
 *   snippets (and each attempt was a console error). The page says so and lists titles only.
 */
(function () {
  "use strict";
  var NOT_TEXT = ".bd-header-article, .d-print-none, .prev-next-area, .bd-footer-article, " +
    "footer, nav, .mlq-fallback, .mlq-noscript, .ann-toolbar, .headerlink";

  /* searchtools.js and documentation_options.js declare Search and DOCUMENTATION_OPTIONS with
     const: global bindings, not properties of window. */
  if (typeof Search !== "undefined" && typeof Search.htmlToText === "function") {
    var htmlToText = Search.htmlToText;
    Search.htmlToText = function (htmlString, anchor) {
      var doc = new DOMParser().parseFromString(htmlString, "text/html");
      Array.prototype.forEach.call(doc.querySelectorAll(NOT_TEXT), function (el) { el.remove(); });
      return htmlToText(doc.documentElement.outerHTML, anchor);
    };
  }

  if (location.protocol === "file:") {
    if (typeof DOCUMENTATION_OPTIONS !== "undefined") { DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false; }
    var show = function () {
      var where = document.getElementById("search-results") ||
        document.querySelector("article.bd-article") || document.body;
      var note = document.createElement("p");
      note.className = "medialit-search-note";
      note.setAttribute("role", "note");
      note.textContent = "This book is open from a file (file://), so search shows page titles " +
        "only, without a passage from each page: the browser does not let a page read the " +
        "book's other files. For passages, serve the book (make serve) and open " +
        "http://localhost:8765/search.html.";
      where.parentNode.insertBefore(note, where);
    };
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", show); } else { show(); }
  }
})();
