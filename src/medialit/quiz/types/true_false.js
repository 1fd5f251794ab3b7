/* true_false: its static face (see medialit-quiz.js); score mirrors true_false.py */
(function (mlq) {
  "use strict";
  var h = mlq.helpers, result = h.result, choices = h.choices, checked = h.checked, setChecked = h.setChecked;

  mlq.register("true_false", {
    render: function (q, d) {
      var inputs = choices(q, "radio", [{ value: "true", label: q.msg("true") }, { value: "false", label: q.msg("false") }]);
      return { get: function () { var v = checked(inputs)[0]; return v ? v === "true" : null; }, set: function (v) { setChecked(inputs, [String(v)]); } };
    },
    score: function (d, a) { return result(a === d.answer ? 1 : 0, a === d.answer, [d.feedback[String(a)]]); },
    key: function (d, q) { return q.msg(String(d.answer)); }
  });
})(window.medialitQuiz);
