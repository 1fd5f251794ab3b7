/* ordering: its static face (see medialit-quiz.js); score mirrors ordering.py */
(function (mlq) {
  "use strict";
  var h = mlq.helpers, el = h.el, eq = h.eq, result = h.result;

  mlq.register("ordering", {
    render: function (q, d) {
      var order = d.start.slice(), list = el("ol", { cls: "mlq-order" });
      q.body.appendChild(list);
      function move(i, step, which) {
        var j = i + step;
        if (j < 0 || j >= order.length) return;
        var item = order.splice(i, 1)[0];
        order.splice(j, 0, item);
        draw();
        var again = list.children[j].querySelectorAll("button")[which];
        (again.getAttribute("aria-disabled") === "true" ? list.children[j].querySelectorAll("button")[1 - which] : again).focus();
        q.say(q.msg("moved", { item: item, n: j + 1, total: order.length }));
        q.changed();
      }
      function draw() {
        list.textContent = "";
        order.forEach(function (item, i) {
          var up = el("button", { type: "button", cls: "mlq-move", "aria-label": q.msg("move_up") + ": " + item, "aria-disabled": i === 0 ? "true" : null, text: "↑ " + q.msg("move_up") });
          var down = el("button", { type: "button", cls: "mlq-move", "aria-label": q.msg("move_down") + ": " + item, "aria-disabled": i === order.length - 1 ? "true" : null, text: "↓ " + q.msg("move_down") });
          up.addEventListener("click", function () { move(i, -1, 0); });
          down.addEventListener("click", function () { move(i, 1, 1); });
          list.appendChild(el("li", { cls: "mlq-item" }, [el("span", { text: item }), el("span", { cls: "mlq-moves" }, [up, down])]));
        });
      }
      draw();
      return { get: function () { return order.slice(); }, set: function (v) { order = v && v.length === d.start.length ? v.slice() : d.start.slice(); draw(); } };
    },
    score: function (d, a, q) {
      var pos = {}, agree = 0, pairs = 0, inPlace = 0;
      a.forEach(function (item, i) { pos[item] = i; if (item === d.answer[i]) inPlace += 1; });
      for (var i = 0; i < d.answer.length; i++) for (var j = i + 1; j < d.answer.length; j++) { pairs += 1; if (pos[d.answer[i]] < pos[d.answer[j]]) agree += 1; }
      return result(agree / pairs, eq(a, d.answer), [q.msg("order_pairs", { in_place: inPlace, n: d.answer.length, agree: agree, pairs: pairs })]);
    },
    key: function (d) { return d.answer.map(function (x, i) { return (i + 1) + ". " + x; }).join("  "); }
  });
})(window.medialitQuiz);
