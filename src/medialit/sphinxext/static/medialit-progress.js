/* medialit pre/post progress panel. No framework, no network: it reads the quiz engine's own
 * localStorage entries ("medialit-quiz:<page path>:<question id>" -> {c: checked, f: fraction})
 * for the questions of two parallel forms, groups them by skill (the ids per skill come with the
 * panel's JSON, written at build time from the banks) and writes the sums with textContent.
 * A question counts once it has been checked, exactly as in the quiz's own score line.
 * It re-reads when a quiz on this page changes ("medialit-quiz:progress"), when another tab
 * changes storage, and when the page is shown or focused again. */
(function () {
  "use strict";
  function fmt(s, vals) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return vals && k in vals ? vals[k] : m; });
  }
  function prefixOf(href) {
    try { return "medialit-quiz:" + new URL(href, location.href).pathname + ":"; } catch (e) { return null; }
  }
  function stored(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  /* {score, total, answered} for the given question ids of one form. */
  function tally(prefix, ids) {
    var out = { score: 0, total: ids.length, answered: 0 };
    ids.forEach(function (id) {
      var s = prefix ? stored(prefix + id) : null;
      if (s && s.c) { out.answered += 1; out.score += s.f || 0; }
    });
    return out;
  }
  function cellText(t, strings) {
    if (!t.answered) return strings.compare_not_taken;
    var vals = { score: Math.round(t.score * 10) / 10, total: t.total, answered: t.answered };
    return fmt(t.answered < t.total ? strings.compare_partial : strings.compare_score, vals);
  }

  /* The change from the first form to the last, once both are fully checked, with the number
     of items behind it (a change on two items says little about one learner). */
  function gainText(tallies, strings) {
    var first = tallies[0], last = tallies[tallies.length - 1];
    if (!first || !last || first.answered < first.total || last.answered < last.total) {
      return fmt(strings.compare_gain_pending, { items: last ? last.total : 0 });
    }
    var g = Math.round((last.score - first.score) * 10) / 10;
    return fmt(strings.compare_gain, { gain: (g > 0 ? "+" : "") + g, items: last.total });
  }

  function Panel(section) {
    this.section = section;
    this.data = JSON.parse(section.querySelector("script.mlq-compare-data").textContent);
    this.prefixes = this.data.forms.map(function (f) { return prefixOf(f.href); });
    var note = section.querySelector(".mlq-compare-noscript");
    if (note) note.hidden = true;
    var hint = section.querySelector(".mlq-compare-print");
    if (hint && window.print) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "mlq-button mlq-compare-print-button";
      button.textContent = this.data.strings.compare_print_button;
      button.addEventListener("click", function () { window.print(); });
      hint.appendChild(document.createTextNode(" "));
      hint.appendChild(button);
    }
    this.render();
  }
  Panel.prototype.render = function () {
    var d = this.data, prefixes = this.prefixes;
    [].forEach.call(this.section.querySelectorAll("tr[data-mlq-skill]"), function (row) {
      var slug = row.getAttribute("data-mlq-skill");
      var tallies = d.forms.map(function (form, i) {
        var ids = slug ? form.items[slug] || [] : Object.keys(form.items).reduce(function (all, k) { return all.concat(form.items[k]); }, []);
        var t = tally(prefixes[i], ids);
        var cell = row.querySelector('td[data-mlq-form="' + i + '"]');
        if (cell) cell.textContent = cellText(t, d.strings);
        return t;
      });
      var gain = row.querySelector("td[data-mlq-gain]");
      if (gain) gain.textContent = gainText(tallies, d.strings);
    });
    this.section.setAttribute("data-mlq-compare-ready", "1");
  };

  var panels = [];
  function renderAll() { panels.forEach(function (p) { p.render(); }); }
  function start() {
    [].forEach.call(document.querySelectorAll("section.mlq-compare"), function (s) {
      if (!s.getAttribute("data-mlq-compare-ready")) panels.push(new Panel(s));
    });
  }
  document.addEventListener("medialit-quiz:progress", renderAll);
  window.addEventListener("storage", function (e) { if (!e.key || e.key.indexOf("medialit-quiz:") === 0) renderAll(); });
  window.addEventListener("pageshow", renderAll);
  window.addEventListener("focus", renderAll);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) renderAll(); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
