/* single_choice: its static face (see medialit-quiz.js); score mirrors single_choice.py */
(function (mlq) {
  "use strict";
  var h = mlq.helpers, result = h.result, choices = h.choices, checked = h.checked, setChecked = h.setChecked, optionText = h.optionText;

  mlq.register("single_choice", {
    render: function (q, d) {
      var inputs = choices(q, "radio", d.options.map(function (o) { return { value: o.id, label: o.text }; }));
      return { get: function () { return checked(inputs)[0] || null; }, set: function (v) { setChecked(inputs, [v]); } };
    },
    score: function (d, a) {
      var o = d.options.filter(function (x) { return x.id === a; })[0];
      return result(a === d.answer ? 1 : 0, a === d.answer, o ? [o.feedback] : []);
    },
    key: function (d) { return optionText(d, d.answer); }
  });
})(window.medialitQuiz);
