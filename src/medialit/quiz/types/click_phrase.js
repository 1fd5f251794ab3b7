/* click_phrase: its static face (see medialit-quiz.js); score mirrors click_phrase.py */
(function (mlq) {
  "use strict";
  var h = mlq.helpers, el = h.el, result = h.result;

  mlq.register("click_phrase", {
    render: function (q, d) {
      var box = el("p", { cls: "mlq-words", role: "group", "aria-label": q.msg("words_help", { n: d.paragraph }) });
      var buttons = d.words.map(function (w, i) {
        var b = el("button", { type: "button", cls: "mlq-word", "aria-pressed": "false", tabindex: i ? "-1" : "0", text: w });
        b.addEventListener("click", function () { b.setAttribute("aria-pressed", String(b.getAttribute("aria-pressed") !== "true")); q.changed(); });
        box.appendChild(b);
        box.appendChild(document.createTextNode(" "));
        return b;
      });
      box.addEventListener("keydown", function (e) {
        var i = buttons.indexOf(document.activeElement), to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
        if (i < 0 || to === undefined) return;
        e.preventDefault();
        to = Math.max(0, Math.min(buttons.length - 1, to));
        buttons[i].tabIndex = -1; buttons[to].tabIndex = 0; buttons[to].focus();
      });
      q.body.appendChild(el("p", { cls: "mlq-help", text: q.msg("words_help", { n: d.paragraph }) }));
      q.body.appendChild(box);
      return {
        get: function () { var v = []; buttons.forEach(function (b, i) { if (b.getAttribute("aria-pressed") === "true") v.push(i); }); return v.length ? v : null; },
        set: function (v) { buttons.forEach(function (b, i) { b.setAttribute("aria-pressed", String((v || []).indexOf(i) >= 0)); }); }
      };
    },
    score: function (d, a, q) {
      var key = {}, nKey = 0, overlap = 0;
      /* The student's own selection, as runs of neighbouring words: “found no evidence” … “UN”. */
      var runs = [], sorted = a.slice().sort(function (x, y) { return x - y; });
      sorted.forEach(function (w, i) { if (i && w === sorted[i - 1] + 1) runs[runs.length - 1].push(d.words[w]); else runs.push([d.words[w]]); });
      var words = runs.map(function (r) { return "“" + r.join(" ") + "”"; }).join(" … ");
      var lines = [q.msg(a.length === 1 ? "selected_one" : "selected_count", { count: a.length, words: words })];
      d.spans.forEach(function (s) { s.words.forEach(function (w) { if (!key[w]) { key[w] = 1; nKey += 1; } }); });
      a.forEach(function (w) { if (key[w]) overlap += 1; });
      d.spans.forEach(function (s) {
        var hit = s.words.filter(function (w) { return a.indexOf(w) >= 0; }).length;
        if (hit === s.words.length) lines.push([{ t: "text", v: q.msg("found_span", { quote: s.quote }) + " " }].concat(s.feedback));
        else lines.push(q.msg(hit ? "found_part" : "missed_span", { quote: s.quote, hit: hit, size: s.words.length }));
      });
      var right = overlap === nKey && a.length === nKey;
      return result(a.length ? 2 * overlap / (a.length + nKey) : 0, right, lines);
    },
    key: function (d) { return d.spans.map(function (s) { return "“" + s.quote + "”"; }).join("; "); }
  });
})(window.medialitQuiz);
