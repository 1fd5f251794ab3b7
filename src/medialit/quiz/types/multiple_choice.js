/* multiple_choice: its static face (see medialit-quiz.js); score mirrors multiple_choice.py */
(function (mlq) {
  "use strict";
  var h = mlq.helpers, result = h.result, choices = h.choices, checked = h.checked, setChecked = h.setChecked, optionText = h.optionText;

  mlq.register("multiple_choice", {
    render: function (q, d) {
      var inputs = choices(q, "checkbox", d.options.map(function (o) { return { value: o.id, label: o.text }; }));
      return { get: function () { var v = checked(inputs); return v.length ? v : null; }, set: function (v) { setChecked(inputs, v); } };
    },
    score: function (d, a) {
      var key = d.answer, hits = 0, wrong = 0, lines = [];
      d.options.forEach(function (o) {
        if (a.indexOf(o.id) < 0) return;
        if (key.indexOf(o.id) >= 0) hits += 1; else wrong += 1;
        lines.push(o.feedback);
      });
      var nonKey = Math.max(d.options.length - key.length, 1);
      var right = hits === key.length && wrong === 0;
      return result(right ? 1 : Math.max(0, hits / key.length - wrong / nonKey), right, lines);
    },
    key: function (d) { return d.answer.map(function (id) { return optionText(d, id); }).join("; "); }
  });
})(window.medialitQuiz);
