/* free_text: its static face (see medialit-quiz.js); score mirrors free_text.py */
(function (mlq) {
  "use strict";
  var h = mlq.helpers, el = h.el, newId = h.newId, result = h.result;

  mlq.register("free_text", {
    selfCheck: true,
    render: function (q, d) {
      var id = newId("txt"), area = el("textarea", { id: id, rows: "5", cls: "mlq-text" });
      area.addEventListener("input", q.changed);
      q.body.appendChild(el("div", { cls: "mlq-field mlq-block" }, [el("label", { "for": id, text: q.msg("text_label") }), area]));
      return { get: function () { return area.value.trim() ? area.value : null; }, set: function (v) { area.value = v || ""; } };
    },
    score: function (d, a, q, met) {
      var n = (met || []).length;
      return result(n / d.rubric.length, false, [q.msg("self_score", { met: n, total: d.rubric.length })]);
    },
    key: function () { return ""; }
  });
})(window.medialitQuiz);
