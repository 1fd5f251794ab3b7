/* medialit quizzes: the static face. No framework, no network, no eval.
 * Each quiz is a <section class="mlq-quiz"> holding its interface strings and, per question,
 * the question's data as JSON in <script type="application/json">. All text reaches the page
 * through textContent (see put()), never parsed as markup, so quotes, <script>, backslashes and TeX
 * show as written. Scoring rules mirror medialit/quiz/types/*.py (their docstrings).
 * Progress is kept in localStorage per page and question: key "medialit-quiz:<page path>:<question
 * id>", value {a: answer, c: checked, f: fraction, h: hints shown, r: key revealed, m: rubric ticks}.
 * After every change the quiz dispatches "medialit-quiz:progress" on document. */
(function () {
  "use strict";
  var TYPES = {};
  var uid = 0;
  var PREFIX = "medialit-quiz:" + location.pathname + ":";

  function register(name, impl) { TYPES[name] = impl; }

  function el(tag, attrs, kids) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "cls") node.className = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (kid) { if (kid) node.appendChild(kid); });
    return node;
  }
  /* Inline-Markdown tokens (built in Python by medialit.quiz.markup) -> DOM, as text only. */
  function put(parent, toks) {
    if (typeof toks === "string") { parent.appendChild(document.createTextNode(toks)); return parent; }
    (toks || []).forEach(function (t) {
      if (t.t === "text") parent.appendChild(document.createTextNode(t.v));
      else if (t.t === "br") parent.appendChild(el("br"));
      else if (t.t === "code") parent.appendChild(el("code", { text: t.v }));
      else if (t.t === "link") put(parent.appendChild(t.href ? el("a", { href: t.href }) : el("span")), t.c);
      else put(parent.appendChild(el(t.t === "strong" ? "strong" : "em")), t.c);
    });
    return parent;
  }
  function plain(toks) {
    if (typeof toks === "string") return toks;
    return (toks || []).map(function (t) { return t.v !== undefined ? t.v : t.c ? plain(t.c) : " "; }).join("");
  }
  function fmt(s, vals) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return vals && k in vals ? vals[k] : m; });
  }
  function newId(p) { uid += 1; return "mlq-" + p + "-" + uid; }
  function load(key) { try { return JSON.parse(localStorage.getItem(PREFIX + key) || "null"); } catch (e) { return null; } }
  function save(key, v) { try { localStorage.setItem(PREFIX + key, JSON.stringify(v)); } catch (e) { /* storage off: quiz still works */ } }
  function drop(key) { try { localStorage.removeItem(PREFIX + key); } catch (e) { /* nothing kept */ } }
  function eq(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function result(fraction, correct, lines) { return { fraction: fraction, correct: correct, lines: lines || [] }; }

  /* A group of radio buttons or checkboxes, one per option. */
  function choices(q, kind, opts) {
    var name = newId("opt"), box = el("div", { role: kind === "radio" ? "radiogroup" : "group", "aria-labelledby": q.promptId, cls: "mlq-options" });
    var inputs = opts.map(function (o) {
      var id = newId("in"), input = el("input", { type: kind, name: name, id: id, value: o.value });
      input.addEventListener("change", q.changed);
      box.appendChild(el("div", { cls: "mlq-option" }, [input, put(el("label", { "for": id }), o.label)]));
      return input;
    });
    q.body.appendChild(box);
    return inputs;
  }
  function checked(inputs) { return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; }); }
  function setChecked(inputs, values) { inputs.forEach(function (i) { i.checked = (values || []).indexOf(i.value) >= 0; }); }
  function optionText(d, id) { return plain(d.options.filter(function (o) { return o.id === id; })[0].text); }
  function select(q, labelText, values, cls, describedBy) {
    var id = newId("sel"), s = el("select", { id: id, "aria-describedby": describedBy || null });
    s.appendChild(el("option", { value: "", text: q.msg("choose") }));
    values.forEach(function (v) { s.appendChild(el("option", { value: v, text: v })); });
    s.addEventListener("change", q.changed);
    q.body.appendChild(el("div", { cls: cls }, [put(el("label", { "for": id }), labelText), s]));
    return s;
  }

  register("single_choice", {
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

  register("multiple_choice", {
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

  register("true_false", {
    render: function (q, d) {
      var inputs = choices(q, "radio", [{ value: "true", label: q.msg("true") }, { value: "false", label: q.msg("false") }]);
      return { get: function () { var v = checked(inputs)[0]; return v ? v === "true" : null; }, set: function (v) { setChecked(inputs, [String(v)]); } };
    },
    score: function (d, a) { return result(a === d.answer ? 1 : 0, a === d.answer, [d.feedback[String(a)]]); },
    key: function (d, q) { return q.msg(String(d.answer)); }
  });

  register("label_sentences", {
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

  register("click_phrase", {
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
      var key = {}, nKey = 0, overlap = 0, lines = [q.msg("selected_count", { count: a.length })];
      d.spans.forEach(function (s) { s.words.forEach(function (w) { if (!key[w]) { key[w] = 1; nKey += 1; } }); });
      a.forEach(function (w) { if (key[w]) overlap += 1; });
      d.spans.forEach(function (s) {
        var hit = s.words.some(function (w) { return a.indexOf(w) >= 0; });
        lines.push(hit ? [{ t: "text", v: q.msg("found_span", { quote: s.quote }) + " " }].concat(s.feedback) : q.msg("missed_span", { quote: s.quote }));
      });
      var right = overlap === nKey && a.length === nKey;
      return result(a.length ? 2 * overlap / (a.length + nKey) : 0, right, lines);
    },
    key: function (d) { return d.spans.map(function (s) { return "“" + s.quote + "”"; }).join("; "); }
  });

  register("matching", {
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

  register("ordering", {
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
      var pos = {}, agree = 0, pairs = 0;
      a.forEach(function (item, i) { pos[item] = i; });
      for (var i = 0; i < d.answer.length; i++) for (var j = i + 1; j < d.answer.length; j++) { pairs += 1; if (pos[d.answer[i]] < pos[d.answer[j]]) agree += 1; }
      return result(agree / pairs, eq(a, d.answer), [q.msg("order_pairs", { agree: agree, pairs: pairs })]);
    },
    key: function (d) { return d.answer.map(function (x, i) { return (i + 1) + ". " + x; }).join("  "); }
  });

  register("numeric", {
    render: function (q, d) {
      var id = newId("num"), input = el("input", { type: "text", inputmode: "decimal", id: id, cls: "mlq-number", autocomplete: "off" });
      input.addEventListener("input", q.changed);
      input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); q.check(); } });
      q.body.appendChild(el("div", { cls: "mlq-field" }, [el("label", { "for": id, text: q.msg("numeric_label") }), input, d.unit ? el("span", { cls: "mlq-unit", text: d.unit }) : null]));
      return { get: function () { return input.value.trim() || null; }, set: function (v) { input.value = v || ""; } };
    },
    score: function (d, a, q) {
      var v = Number(String(a).replace(/,/g, ""));
      if (!isFinite(v)) return result(0, false, [q.msg("not_a_number")]);
      var ok = Math.abs(v - d.answer) <= d.tolerance + 1e-9;
      return result(ok ? 1 : 0, ok, []);
    },
    key: function (d) { return d.answer + (d.unit ? " " + d.unit : "") + (d.tolerance ? " (± " + d.tolerance + ")" : ""); }
  });

  register("free_text", {
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

  function Question(root, data, quiz) {
    this.root = root; this.d = data; this.quiz = quiz; this.impl = TYPES[data.type];
    this.msg = function (k, v) { return fmt(quiz.strings[k] || k, v); };
    this.build();
  }
  Question.prototype.build = function () {
    var self = this, d = this.d, r = this.root;
    r.textContent = "";
    this.state = load(d.id) || {};
    this.promptId = newId("prompt");
    this.changed = function () { self.state.a = self.ctl.get(); self.persist(); };
    this.check = function () { self.onCheck(); };
    r.appendChild(el("p", { cls: "mlq-counter", text: this.msg("question_n", { n: d.n, total: d.total }) }));
    r.appendChild(put(el("div", { cls: "mlq-prompt", id: this.promptId }), d.prompt));
    this.body = r.appendChild(el("div", { cls: "mlq-body" }));
    this.ctl = this.impl.render(this, d);
    var bar = r.appendChild(el("div", { cls: "mlq-actions" }));
    function button(label, fn, cls) { var b = el("button", { type: "button", cls: "mlq-button " + (cls || ""), text: label }); b.addEventListener("click", fn); bar.appendChild(b); return b; }
    button(this.impl.selfCheck ? this.msg("self_check") : this.msg("check"), this.check, "mlq-check");
    this.hintButton = d.hints.length ? button(this.msg("hint"), function () { self.showHints((self.state.h || 0) + 1); self.persist(); }, "mlq-hint") : null;
    button(this.msg("try_again"), function () { self.retry(); }, "mlq-retry");
    if (!this.impl.selfCheck) button(this.msg("reveal"), function () { self.state.r = true; self.persist(); self.showSolution(true); }, "mlq-reveal");
    this.hints = r.appendChild(el("div", { cls: "mlq-hints" }));
    this.feedback = r.appendChild(el("div", { cls: "mlq-feedback", role: "status", "aria-live": "polite" }));
    this.solution = r.appendChild(el("div", { cls: "mlq-solution", hidden: "" }));
    if (this.state.a !== undefined && this.state.a !== null) this.ctl.set(this.state.a);
    this.showHints(this.state.h || 0);
    if (this.state.c) this.onCheck(true);
    if (this.state.r) this.showSolution(true);
  };
  Question.prototype.persist = function () { save(this.d.id, this.state); this.quiz.update(); };
  Question.prototype.say = function (text) { this.feedback.textContent = ""; this.feedback.appendChild(el("p", { text: text })); };
  Question.prototype.showHints = function (n) {
    var hints = this.d.hints;
    n = Math.min(n, hints.length);
    this.state.h = n;
    this.hints.textContent = "";
    for (var i = 0; i < n; i++) {
      var p = el("p", { cls: "mlq-hint-text" }, [el("strong", { text: this.msg("hint_n", { n: i + 1, total: hints.length }) + " " })]);
      this.hints.appendChild(put(p, hints[i]));
    }
    if (this.hintButton && n >= hints.length) this.hintButton.setAttribute("aria-disabled", "true");
  };
  Question.prototype.onCheck = function (restoring) {
    var a = this.ctl.get();
    if (a === null) { if (!restoring) this.say(this.msg("no_answer")); return; }
    var res = this.impl.score(this.d, a, this, this.state.m);
    this.state.c = true; this.state.f = res.fraction;
    this.root.classList.toggle("mlq-is-correct", res.correct);
    this.root.classList.toggle("mlq-is-wrong", !res.correct && !this.impl.selfCheck);
    this.feedback.textContent = "";
    var head = this.impl.selfCheck ? "" : res.correct ? "✓ " + this.msg("correct") : res.fraction > 0 ? "◐ " + this.msg("partly", { percent: Math.round(res.fraction * 100) }) : "✗ " + this.msg("incorrect");
    if (head) this.feedback.appendChild(el("p", { cls: "mlq-verdict" }, [el("strong", { text: head })]));
    var list = el("ul", { cls: "mlq-lines" });
    res.lines.forEach(function (line) { if (line && line.length) list.appendChild(put(el("li"), line)); });
    if (list.children.length) this.feedback.appendChild(list);
    if (this.impl.selfCheck) this.showRubric();
    else if (res.correct || this.state.r) this.showSolution(!!this.state.r);
    else this.solution.hidden = true;
    if (!restoring) this.persist();
  };
  Question.prototype.showSolution = function (withKey) {
    var s = this.solution, d = this.d;
    s.textContent = "";
    s.hidden = false;
    var key = this.impl.key(d, this);
    if (withKey && key) s.appendChild(el("p", { cls: "mlq-key", text: this.msg("key_is", { answer: key }) }));
    s.appendChild(put(el("p", {}, [el("strong", { text: this.msg("explanation") + " " })]), d.explanation));
  };
  Question.prototype.showRubric = function () {
    var self = this, s = this.solution, d = this.d, met = this.state.m || [];
    s.textContent = "";
    s.hidden = false;
    s.appendChild(put(el("p", {}, [el("strong", { text: this.msg("model_answer") + " " })]), d.model));
    var group = el("div", { role: "group", "aria-label": this.msg("rubric_intro"), cls: "mlq-rubric" }, [el("p", { text: this.msg("rubric_intro") })]);
    d.rubric.forEach(function (c, i) {
      var id = newId("rub"), box = el("input", { type: "checkbox", id: id });
      box.checked = met.indexOf(i) >= 0;
      box.addEventListener("change", function () {
        var m = (self.state.m || []).filter(function (x) { return x !== i; });
        if (box.checked) m.push(i);
        self.state.m = m.sort();
        self.state.f = m.length / d.rubric.length;
        self.persist();
        self.feedback.textContent = "";
        self.feedback.appendChild(el("p", { text: self.msg("self_score", { met: m.length, total: d.rubric.length }) }));
      });
      group.appendChild(el("div", { cls: "mlq-option" }, [box, put(el("label", { "for": id }), c)]));
    });
    s.appendChild(group);
    s.appendChild(put(el("p", {}, [el("strong", { text: this.msg("explanation") + " " })]), d.explanation));
  };
  Question.prototype.retry = function () {
    this.state = { h: this.state.h };
    this.persist();
    this.build();
    var first = this.body.querySelector("input, select, textarea, button");
    if (first) first.focus();
  };

  function Quiz(section) {
    var self = this;
    this.section = section;
    this.strings = JSON.parse(section.querySelector("script.mlq-strings").textContent);
    var fallback = section.querySelector(".mlq-noscript");
    if (fallback) fallback.hidden = true;
    this.questions = [].map.call(section.querySelectorAll(".mlq-question"), function (root) {
      var data = JSON.parse(root.querySelector("script.mlq-data").textContent);
      return new Question(root, data, self);
    });
    var foot = section.appendChild(el("div", { cls: "mlq-footer" }));
    this.scoreLine = foot.appendChild(el("p", { cls: "mlq-score", role: "status", "aria-live": "polite" }));
    var reset = foot.appendChild(el("button", { type: "button", cls: "mlq-button mlq-reset", text: this.strings.reset_page }));
    reset.addEventListener("click", function () { quizzes.forEach(function (z) { z.reset(); }); self.scoreLine.textContent = self.strings.reset_done; });
    this.update();
  }
  Quiz.prototype.update = function () {
    if (!this.scoreLine) return;
    var total = this.questions.length, score = 0, answered = 0;
    this.questions.forEach(function (q) { if (q.state.c) { answered += 1; score += q.state.f || 0; } });
    this.scoreLine.textContent = fmt(this.strings.score_line, { score: Math.round(score * 10) / 10, total: total, answered: answered });
    /* Tell other code on the page (the pre/post progress panel) that stored progress changed. */
    try { document.dispatchEvent(new CustomEvent("medialit-quiz:progress", { detail: { page: location.pathname, quiz: this.section.getAttribute("data-mlq-quiz") } })); } catch (e) { /* old browser: the panel re-reads on focus */ }
  };
  Quiz.prototype.reset = function () {
    this.questions.forEach(function (q) { drop(q.d.id); q.build(); });
    this.update();
  };

  var quizzes = [];
  function start() {
    [].forEach.call(document.querySelectorAll("section.mlq-quiz"), function (s) {
      if (!s.getAttribute("data-mlq-ready")) { s.setAttribute("data-mlq-ready", "1"); quizzes.push(new Quiz(s)); }
    });
  }
  window.medialitQuiz = {
    register: register, start: start,
    score: function (data, answer, met) { var z = { msg: function (k) { return k; } }; return TYPES[data.type].score(data, answer, z, met); }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
