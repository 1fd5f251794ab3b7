/* numeric: its static face (see medialit-quiz.js); score mirrors numeric.py */
(function (mlq) {
  "use strict";
  var h = mlq.helpers, el = h.el, newId = h.newId, result = h.result;

  mlq.register("numeric", {
    render: function (q, d) {
      var id = newId("num"), input = el("input", { type: "text", inputmode: "decimal", id: id, cls: "mlq-number", autocomplete: "off" });
      input.addEventListener("input", q.changed);
      input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); q.check(); } });
      q.body.appendChild(el("div", { cls: "mlq-field" }, [el("label", { "for": id, text: q.msg("numeric_label") }), input, d.unit ? el("span", { cls: "mlq-unit", text: d.unit }) : null]));
      return { get: function () { return input.value.trim() || null; }, set: function (v) { input.value = v || ""; } };
    },
    /* Not a number ("about 600"): a format warning, not an attempt (see the core's onCheck). */
    problem: function (d, a, q) { return isFinite(Number(String(a).replace(/,/g, ""))) ? null : q.msg("number_format", { answer: String(a).trim() }); },
    score: function (d, a, q) {
      var v = Number(String(a).replace(/,/g, ""));
      if (!isFinite(v)) return result(0, false, [q.msg("not_a_number")]);
      var ok = Math.abs(v - d.answer) <= d.tolerance + 1e-9;
      return result(ok ? 1 : 0, ok, []);
    },
    key: function (d) { return d.answer + (d.unit ? " " + d.unit : "") + (d.tolerance ? " (± " + d.tolerance + ")" : ""); }
  });
})(window.medialitQuiz);
