/* label_sentences: its static face (see medialit-quiz.js); score mirrors label_sentences.py */
(function (mlq) {
  "use strict";
  var h = mlq.helpers, el = h.el, newId = h.newId, result = h.result, select = h.select;

  mlq.register("label_sentences", {
    render: function (q, d) {
      var sels = d.sentences.map(function (s) {
        var sid = newId("sen");
        q.body.appendChild(el("p", { cls: "mlq-sentence", id: sid, text: "¶" + s.id + " “" + s.text + "”" }));
        return select(q, q.msg("label_for", { id: s.id }), d.labels, "mlq-field", sid);
      });
      return {
        get: function () { var v = {}, any = false; sels.forEach(function (s, i) { if (s.value) { v[d.sentences[i].id] = s.value; any = true; } }); return any ? v : null; },
        set: function (v) { sels.forEach(function (s, i) { s.value = (v || {})[d.sentences[i].id] || ""; }); }
      };
    },
    score: function (d, a, q) {
      var right = 0, lines = d.sentences.map(function (s) {
        var given = a[s.id], alt = (d.accept || {})[s.id] || [];
        var ok = given === d.answer[s.id] || (given !== undefined && alt.indexOf(given) >= 0);
        if (ok) right += 1;
        var line = q.msg(!given ? "sentence_result_missing" : ok ? "sentence_result_right" : "sentence_result_wrong", { id: s.id });
        return ok && d.feedback[s.id] ? [{ t: "text", v: line + " " }].concat(d.feedback[s.id]) : line;
      });
      return result(right / d.sentences.length, right === d.sentences.length, lines);
    },
    key: function (d) { return d.sentences.map(function (s) { return "¶" + s.id + " → " + d.answer[s.id]; }).join("; "); }
  });
})(window.medialitQuiz);
