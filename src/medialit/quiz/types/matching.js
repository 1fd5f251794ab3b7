/* matching: its static face (see medialit-quiz.js); score mirrors matching.py */
(function (mlq) {
  "use strict";
  var h = mlq.helpers, result = h.result, select = h.select;

  mlq.register("matching", {
    render: function (q, d) {
      var sels = d.lefts.map(function (l) { return select(q, l.tokens, d.choices, "mlq-field"); });
      return {
        get: function () { var v = {}, any = false; sels.forEach(function (s, i) { if (s.value) { v[d.lefts[i].text] = s.value; any = true; } }); return any ? v : null; },
        set: function (v) { sels.forEach(function (s, i) { s.value = (v || {})[d.lefts[i].text] || ""; }); }
      };
    },
    score: function (d, a, q) {
      var right = 0, lines = d.lefts.map(function (l) {
        var ok = a[l.text] === d.answer[l.text], line = q.msg(ok ? "pair_right" : "pair_wrong", { left: l.text });
        if (ok) right += 1;
        return ok && (d.feedback || {})[l.text] ? [{ t: "text", v: line + " " }].concat(d.feedback[l.text]) : line;
      });
      return result(right / d.lefts.length, right === d.lefts.length, lines);
    },
    key: function (d) { return d.lefts.map(function (l) { return l.text + " → " + d.answer[l.text]; }).join("; "); }
  });
})(window.medialitQuiz);
