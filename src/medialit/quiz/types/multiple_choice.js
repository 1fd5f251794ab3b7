/* multiple_choice: its static face (see medialit-quiz.js); score mirrors multiple_choice.py */
(function (mlq) {
  "use strict";
  var h = mlq.helpers, result = h.result, choices = h.choices, checked = h.checked, setChecked = h.setChecked, optionText = h.optionText;

  mlq.register("multiple_choice", {
    render: function (q, d) {
      var inputs = choices(q, "checkbox", d.options.map(function (o) { return { value: o.id, label: o.text }; }));
      return { get: function () { var v = checked(inputs); return v.length ? v : null; }, set: function (v) { setChecked(inputs, v); } };
    },
    score: function (d, a, q) {
      var key = d.answer, hits = 0, wrong = 0, missed = 0, lines = [];
      d.options.forEach(function (o) {
        var inKey = key.indexOf(o.id) >= 0;
        if (a.indexOf(o.id) < 0) { if (inKey) missed += 1; return; }
        if (inKey) hits += 1; else wrong += 1;
        /* Each line names the option it is about, then the author's feedback on it. */
        lines.push([{ t: "text", v: q.msg(inKey ? "option_right" : "option_wrong", { option: h.plain(o.text) }) + " " }].concat(o.feedback));
      });
      if (missed) lines.push(q.msg(missed === 1 ? "options_missed_one" : "options_missed_many", { count: missed }));
      var nonKey = Math.max(d.options.length - key.length, 1);
      var right = hits === key.length && wrong === 0;
      return result(right ? 1 : Math.max(0, hits / key.length - wrong / nonKey), right, lines);
    },
    key: function (d) { return d.answer.map(function (id) { return optionText(d, id); }).join("; "); }
  });
})(window.medialitQuiz);
