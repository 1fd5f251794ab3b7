/* medialit quizzes: the static face's core. No framework, no network, no eval.
 * Each quiz is a <section class="mlq-quiz"> holding its interface strings and, per question,
 * the question's data as JSON in <script type="application/json">. All text reaches the page
 * through textContent (see put()), never parsed as markup, so quotes, <script>, backslashes and TeX
 * show as written. Each type's controls, scoring and key are a classic script beside its module
 * (medialit/quiz/types/<type>.js, scoring as in <type>.py) that calls register() with helpers;
 * the page loads them after this core, deferred (no ES modules: file:// must work), and a quiz
 * is built as soon as the document is parsed and every type it uses has registered.
 * Progress is kept in localStorage per page and question: key "medialit-quiz:<page path>:<question
 * id>", value {a: answer, c: checked, f: fraction, h: hints shown, r: key revealed, m: rubric ticks}.
 * After every change the quiz dispatches "medialit-quiz:progress" on document. */
(function () {
  "use strict";
  var TYPES = {};
  var uid = 0;
  var PREFIX = "medialit-quiz:" + location.pathname + ":";

  var started = false;

  function register(name, impl) { TYPES[name] = impl; if (started) start(); }

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
    this.headId = newId("head");
    /* A labelled group with a heading: a screen-reader user can jump from question to question. */
    r.setAttribute("role", "group");
    r.setAttribute("aria-labelledby", this.headId);
    r.setAttribute("aria-describedby", this.promptId);
    this.changed = function () { self.state.a = self.ctl.get(); self.persist(); };
    this.check = function () { self.onCheck(); };
    r.appendChild(el("h" + this.quiz.level, { cls: "mlq-counter", id: this.headId, text: this.msg("question_n", { n: d.n, total: d.total }) }));
    r.appendChild(put(el("div", { cls: "mlq-prompt", id: this.promptId }), d.prompt));
    this.body = r.appendChild(el("div", { cls: "mlq-body" }));
    this.ctl = this.impl.render(this, d);
    var bar = r.appendChild(el("div", { cls: "mlq-actions" }));
    function button(label, fn, cls) {
      /* Visible text "Check"; the name says which question ("Check: question 3"). */
      var b = el("button", { type: "button", cls: "mlq-button " + (cls || ""), text: label, "aria-label": self.msg("button_for", { label: label, n: d.n }) });
      b.addEventListener("click", fn); bar.appendChild(b); return b;
    }
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
    /* An answer the type cannot read (a number field holding "about 600") gets a format
       warning and is not an attempt: nothing is scored or stored. */
    var problem = this.impl.problem ? this.impl.problem(this.d, a, this) : null;
    if (problem) { if (!restoring) { this.say(problem); this.feedback.firstChild.className = "mlq-format"; } return; }
    var res = this.impl.score(this.d, a, this, this.state.m);
    var selfCheck = !!this.impl.selfCheck;
    this.state.c = true;
    /* A self-check is not scored by the computer: it keeps no fraction, so no score counts it. */
    if (selfCheck) delete this.state.f; else this.state.f = res.fraction;
    var verdict = selfCheck ? "" : res.correct ? "correct" : res.fraction > 0 ? "partly" : "incorrect";
    this.root.classList.toggle("mlq-is-correct", verdict === "correct");
    this.root.classList.toggle("mlq-is-wrong", verdict === "partly" || verdict === "incorrect");
    this.root.classList.toggle("mlq-is-partly", verdict === "partly");
    this.feedback.textContent = "";
    if (verdict) {
      /* The sign is decoration (hidden from the accessibility tree); the words say the result. */
      var sign = { correct: "✓", partly: "◐", incorrect: "✗" }[verdict];
      this.feedback.appendChild(el("p", { cls: "mlq-verdict" }, [el("strong", {}, [
        el("span", { "aria-hidden": "true", text: sign + " " }),
        document.createTextNode(this.msg(verdict, { percent: Math.round(res.fraction * 100) }))])]));
    }
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
    this.level = headingLevel(section);
    var fallback = section.querySelector(".mlq-noscript");
    if (fallback) fallback.hidden = true;
    this.questions = [].map.call(section.querySelectorAll(".mlq-question"), function (root) {
      var data = JSON.parse(root.querySelector("script.mlq-data").textContent);
      return new Question(root, data, self);
    });
    var foot = section.appendChild(el("div", { cls: "mlq-footer" }));
    this.scoreLine = foot.appendChild(el("p", { cls: "mlq-score", role: "status", "aria-live": "polite" }));
    this.resetButton = foot.appendChild(el("button", { type: "button", cls: "mlq-button mlq-reset", text: this.strings.reset_page }));
    this.resetButton.addEventListener("click", function () { self.askReset(); });
    this.update();
  }
  /* The level of a question's heading: one below the page's heading the quiz comes under. */
  function headingLevel(section) {
    var level = 1;
    [].forEach.call(document.querySelectorAll("h1, h2, h3, h4, h5"), function (h) {
      if (h.closest("section.mlq-quiz")) return;
      if (h.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING) level = Number(h.tagName.charAt(1));
    });
    return Math.min(level + 1, 6);
  }
  /* "Reset this page" asks first; answers that feed the pre-check/post-check comparison say so. */
  Quiz.prototype.askReset = function () {
    var self = this, s = this.strings;
    if (this.confirmBox) { this.confirmBox.querySelector("button").focus(); return; }
    var compared = quizzes.some(function (z) { return z.questions.some(function (q) { return q.d.skill && q.state.c; }); });
    var textId = newId("reset");
    var box = el("div", { cls: "mlq-confirm", role: "alertdialog", "aria-labelledby": textId }, [
      el("p", { id: textId, text: s.reset_confirm + (compared ? " " + s.reset_compared : "") })]);
    function close(text) { box.remove(); self.confirmBox = null; self.resetButton.hidden = false; self.scoreLine.textContent = text; self.resetButton.focus(); }
    var yes = el("button", { type: "button", cls: "mlq-button mlq-reset-yes", text: s.reset_yes });
    var no = el("button", { type: "button", cls: "mlq-button mlq-reset-no", text: compared ? s.reset_keep_baseline : s.reset_no });
    yes.addEventListener("click", function () { quizzes.forEach(function (z) { z.reset(); }); close(s.reset_done); });
    no.addEventListener("click", function () { close(s.reset_kept); });
    box.appendChild(el("div", { cls: "mlq-actions" }, [yes, no]));
    this.resetButton.hidden = true;
    this.resetButton.parentNode.appendChild(box);
    this.confirmBox = box;
    no.focus();
  };
  Quiz.prototype.update = function () {
    if (!this.scoreLine) return;
    /* Self-checked questions (free text) are not scored by the computer: not in the score. */
    var scored = this.questions.filter(function (q) { return !q.impl.selfCheck; });
    var total = scored.length, score = 0, answered = 0;
    scored.forEach(function (q) { if (q.state.c) { answered += 1; score += q.state.f || 0; } });
    var line = fmt(this.strings.score_line, { score: Math.round(score * 10) / 10, total: total, answered: answered });
    if (scored.length < this.questions.length) line += " " + this.strings.score_self_note;
    this.scoreLine.textContent = line;
    /* Tell other code on the page (the pre/post progress panel) that stored progress changed. */
    try { document.dispatchEvent(new CustomEvent("medialit-quiz:progress", { detail: { page: location.pathname, quiz: this.section.getAttribute("data-mlq-quiz") } })); } catch (e) { /* old browser: the panel re-reads on focus */ }
  };
  Quiz.prototype.reset = function () {
    this.questions.forEach(function (q) { drop(q.d.id); q.build(); });
    this.update();
  };

  var quizzes = [];
  function typesReady(section) {
    return [].every.call(section.querySelectorAll(".mlq-question[data-mlq-type]"), function (root) {
      return TYPES.hasOwnProperty(root.getAttribute("data-mlq-type"));
    });
  }
  function start() {
    started = true;
    [].forEach.call(document.querySelectorAll("section.mlq-quiz"), function (s) {
      if (!s.getAttribute("data-mlq-ready") && typesReady(s)) { s.setAttribute("data-mlq-ready", "1"); quizzes.push(new Quiz(s)); }
    });
  }
  window.medialitQuiz = {
    register: register, start: start,
    score: function (data, answer, met) { var z = { msg: function (k) { return k; } }; return TYPES[data.type].score(data, answer, z, met); },
    /* for the type scripts (quiz/types/<type>.js) */
    helpers: { el: el, put: put, plain: plain, fmt: fmt, newId: newId, eq: eq, result: result, choices: choices,
               checked: checked, setChecked: setChecked, optionText: optionText, select: select }
  };
  /* Build as soon as the document is parsed: a deferred script runs then ("interactive"), and
   * each type script, deferred after this one, builds the quizzes waiting for it when it
   * registers. Never wait for DOMContentLoaded, which waits for every deferred script of the
   * page (the theme's 97 KB of Bootstrap and its own script included) on a slow link. */
  if (document.readyState !== "loading") start();
  else { document.addEventListener("DOMContentLoaded", start); window.addEventListener("load", start); }
})();
