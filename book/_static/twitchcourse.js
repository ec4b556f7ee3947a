/* Quizzes and the progress panel in the built book.
 *
 * One shared file for every page: each quiz's data sits in its own
 * data-quiz attribute (JSON), so pages carry no inline script and need no
 * kernel and no other site. grade() and feedback() follow the same rules as
 * src/twitchcourse/grading.py; the browser tests compare the two on every
 * question. Progress stays in this browser's localStorage, never sent anywhere.
 */
(function () {
  "use strict";

  var STORE_KEY = "twitchcourse-progress-v1";
  var NO_ANSWER = "Choose an answer, then press Check.";
  var RIGHT = "Correct! Here is why each option is right or wrong.";
  var WRONG = "Not quite. Read why below, then try again.";

  function grade(question, chosen) {
    var picked = chosen.slice().sort(function (a, b) { return a - b; })
      .filter(function (v, i, all) { return i === 0 || all[i - 1] !== v; });
    var correct = [];
    question.options.forEach(function (option, i) { if (option.correct) { correct.push(i); } });
    return {
      answered: picked.length > 0,
      correct: picked.join(",") === correct.join(","),
      chosen: picked,
      missed: correct.filter(function (i) { return picked.indexOf(i) < 0; }).length
    };
  }

  function feedback(question, result) {
    if (!result.answered) { return { headline: NO_ANSWER, items: [] }; }
    var headline = result.correct ? RIGHT : WRONG;
    if (!result.correct && question.kind === "multiple" && result.missed) {
      headline += " More than one answer is right: you missed " + result.missed + ".";
    }
    var shown = result.correct ? question.options.map(function (o, i) { return i; }) : result.chosen;
    return {
      headline: headline,
      items: shown.map(function (i) {
        var option = question.options[i];
        return { index: i, chosen: result.chosen.indexOf(i) >= 0, correct: option.correct,
                 text: option.text, feedback: option.feedback };
      })
    };
  }

  // The same rule as valid_progress() in progress.py; a test runs both on the same fixtures.
  function isMap(value) { return typeof value === "object" && value !== null && !Array.isArray(value); }

  function validProgress(data) {
    if (!isMap(data) || data.version !== 1 || !isMap(data.quizzes)) { return false; }
    return Object.keys(data.quizzes).every(function (quiz) {
      var answers = data.quizzes[quiz];
      return isMap(answers) && Object.keys(answers).every(function (q) { return typeof answers[q] === "boolean"; });
    });
  }

  // Maps without a prototype: an id such as "constructor" or "__proto__" is just a key.
  function bareMap(object) {
    var map = Object.create(null);
    Object.keys(object || {}).forEach(function (key) { map[key] = object[key]; });
    return map;
  }

  function emptyProgress() { return { version: 1, quizzes: Object.create(null) }; }

  var keptAs = null;  // the localStorage key where unreadable saved progress was kept, for a note on this page
  function keptNote() {
    return keptAs ? " Your saved progress could not be read, so a copy was kept in this browser and " +
      "progress starts again. Nothing was deleted." : "";
  }

  function loadProgress() {
    var raw = null;
    try { raw = window.localStorage.getItem(STORE_KEY); } catch (e) { /* storage blocked */ }
    if (raw === null) { return emptyProgress(); }
    try {
      var data = JSON.parse(raw);
      if (validProgress(data)) {
        var quizzes = bareMap(data.quizzes);
        Object.keys(quizzes).forEach(function (quiz) { quizzes[quiz] = bareMap(quizzes[quiz]); });
        return { version: 1, quizzes: quizzes };
      }
    } catch (e) { /* unreadable: set aside below */ }
    // Keep what could not be read under a new name every time (never over an earlier copy),
    // and only then start again; if it cannot be kept, the original stays where it is.
    try {
      var kept = STORE_KEY + "-unreadable-" + new Date().toISOString() + "-" + Math.random().toString(36).slice(2, 8);
      window.localStorage.setItem(kept, raw);
      window.localStorage.setItem(STORE_KEY, JSON.stringify(emptyProgress()));
      keptAs = kept;
    } catch (e) { /* storage full or blocked: nothing is overwritten */ }
    return emptyProgress();
  }

  function saveProgress(data) {
    try { window.localStorage.setItem(STORE_KEY, JSON.stringify(data)); } catch (e) { /* private mode: works unsaved */ }
    document.dispatchEvent(new CustomEvent("twitchcourse:progress"));
  }

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function showFeedback(box, fb) {
    box.textContent = "";
    var headline = el("p");
    headline.appendChild(el("strong", fb.headline));
    box.appendChild(headline);
    if (!fb.items.length) { return; }
    var list = el("ul");
    fb.items.forEach(function (item) {
      var li = el("li");
      li.className = item.correct ? "tc-right" : "tc-wrong";
      li.appendChild(el("strong", (item.correct ? "\u2713 Right answer" : "\u2717 Not right") +
        (item.chosen ? " (your choice)" : "") + ":"));
      li.appendChild(document.createTextNode(" \u201c" + item.text + "\u201d. " + item.feedback));
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  // The chapter's own progress line, shown only once a question here has been answered.
  function scoreText(quiz, answers) {
    var tried = quiz.questions.some(function (q) { return answers[q.id] !== undefined; });
    if (!tried) { return ""; }
    var right = quiz.questions.filter(function (q) { return answers[q.id] === true; }).length;
    return "Your progress in this chapter: " + right + " of " + quiz.questions.length + " questions right.";
  }

  function setUpQuiz(root) {
    var quiz = JSON.parse(root.getAttribute("data-quiz"));
    var score = root.querySelector(".tc-score");
    function showScore() {
      var text = (scoreText(quiz, loadProgress().quizzes[quiz.quiz] || bareMap()) + keptNote()).trim();
      score.textContent = text;
      score.hidden = !text;
    }

    quiz.questions.forEach(function (question) {
      var box = root.querySelector('[data-question="' + question.id + '"]');
      var button = box.querySelector(".tc-check");
      button.hidden = false;
      button.addEventListener("click", function () {
        var chosen = Array.prototype.map.call(box.querySelectorAll("input:checked"),
          function (input) { return Number(input.value); });
        var result = grade(question, chosen);
        showFeedback(box.querySelector(".tc-feedback"), feedback(question, result));
        if (result.answered) {
          var data = loadProgress();
          data.quizzes[quiz.quiz] = data.quizzes[quiz.quiz] || bareMap();
          data.quizzes[quiz.quiz][question.id] = result.correct;
          saveProgress(data);
        }
      });
    });
    root.querySelector(".tc-static-note").hidden = true;
    setUpPager(root, Array.prototype.slice.call(root.querySelectorAll(".tc-question")));
    showScore();
    document.addEventListener("twitchcourse:progress", showScore);
  }

  // A quiz of seven questions was four to seven phone screens long, so the book shows one question
  // at a time (its legend says "Question 2 of 7"). Next and Previous move focus to the question they
  // show, so keyboard and screen-reader users carry on from there. Without the script every question shows.
  function setUpPager(root, boxes) {
    if (boxes.length < 2) { return; }
    var nav = document.createElement("div");
    nav.className = "tc-pager";
    var previous = document.createElement("button");
    var next = document.createElement("button");
    previous.type = next.type = "button";
    previous.className = "tc-previous";
    next.className = "tc-next";
    previous.textContent = "Previous question";
    next.textContent = "Next question";
    nav.appendChild(previous);
    nav.appendChild(next);
    root.insertBefore(nav, root.querySelector(".tc-score"));
    var current = 0;
    function show(index, focus) {
      current = index;
      boxes.forEach(function (box, i) { box.hidden = i !== index; });
      previous.disabled = index === 0;
      next.disabled = index === boxes.length - 1;
      if (focus) {
        boxes[index].tabIndex = -1;
        boxes[index].focus();
      }
    }
    previous.addEventListener("click", function () { show(Math.max(current - 1, 0), true); });
    next.addEventListener("click", function () { show(Math.min(current + 1, boxes.length - 1), true); });
    show(0, false);
  }

  function summarise(outline, data) {
    var rows = outline.map(function (quiz) {
      var answers = data.quizzes[quiz.quiz] || bareMap();
      return {
        quiz: quiz.quiz, total: quiz.questions.length,
        right: quiz.questions.filter(function (id) { return answers[id] === true; }).length,
        started: quiz.questions.some(function (id) { return id in answers; })
      };
    });
    var right = rows.reduce(function (sum, r) { return sum + r.right; }, 0);
    var total = rows.reduce(function (sum, r) { return sum + r.total; }, 0);
    return { rows: rows, right: right, total: total, percent: total ? Math.floor(right * 100 / total) : 0 };
  }

  function setUpProgress(root) {
    var outline = JSON.parse(root.getAttribute("data-outline"));
    var reset = root.querySelector(".tc-reset");
    function show() {
      var summary = summarise(outline, loadProgress());
      summary.rows.forEach(function (row) {
        root.querySelector('tr[data-quiz="' + row.quiz + '"] .tc-count').textContent =
          row.started ? row.right + " of " + row.total + " right" : "not started, " + row.total + " questions";
      });
      var started = summary.rows.some(function (row) { return row.started; });
      root.querySelector(".tc-total").textContent = (started ? "Course: " + summary.right + " of " +
        summary.total + " questions answered right (" + summary.percent + "%)." :
        "You have not answered any questions yet.") + keptNote();
    }
    reset.hidden = false;
    reset.addEventListener("click", function () {
      if (window.confirm("Forget all your saved answers?")) { saveProgress({ version: 1, quizzes: {} }); }
    });
    root.querySelector(".tc-static-note").hidden = true;
    show();
    document.addEventListener("twitchcourse:progress", show);
  }

  // The red-flag checklist: the most urgent level among the ticked signs, reasons most
  // urgent first; a doctor's exam answers the signs listed in examined.covers
  // (the same rule as advise() in src/twitchcourse/levels.py).
  function advise(data, ticked) {
    var number = {};
    data.levels.forEach(function (level, i) { number[level.id] = i + 1; });
    var examined = ticked.indexOf(data.examined.id) >= 0;
    var chosen = data.signs.filter(function (sign) {
      return ticked.indexOf(sign.id) >= 0 && !(examined && data.examined.covers.indexOf(sign.id) >= 0);
    });
    // A stable sort by urgency: file order within a level.
    chosen = chosen.map(function (sign, i) { return { sign: sign, i: i }; }).sort(function (a, b) {
      return (number[b.sign.level] - number[a.sign.level]) || (a.i - b.i);
    }).map(function (item) { return item.sign; });
    var top = chosen.reduce(function (most, sign) { return Math.max(most, number[sign.level]); }, 1);
    var level = data.levels[top - 1];
    var reasons = chosen.map(function (sign) { return sign.reason; });
    if (!reasons.length && !examined) { reasons = [data.none_ticked]; }
    if (examined) { reasons.push(data.after_exam.title + ": " + data.after_exam.text); }
    return { level: level.id, number: top, of: data.levels.length, name: level.name,
             when: level.when, action: level.action, reasons: reasons };
  }

  // The advice as checklist.py's advice_html() writes it: the same elements and words.
  function showAdvice(box, result) {
    box.textContent = "";
    var first = el("p");
    first.className = "tc-advice tc-level-" + result.level;
    first.appendChild(el("strong", "Level " + result.number + " of " + result.of + ": " + result.name + "."));
    first.appendChild(document.createTextNode(" " + result.when + " " + result.action));
    box.appendChild(first);
    box.appendChild(el("p", "Why:"));
    var list = el("ul");
    result.reasons.forEach(function (reason) { list.appendChild(el("li", reason)); });
    box.appendChild(list);
  }

  // The advice follows every tick and untick at once, and the live region announces it.
  function setUpChecklist(root) {
    var data = JSON.parse(root.getAttribute("data-checklist"));
    var box = root.querySelector(".tc-feedback");
    root.addEventListener("change", function () {
      var ticked = Array.prototype.map.call(root.querySelectorAll("input:checked"),
        function (input) { return input.value; });
      showAdvice(box, advise(data, ticked));
    });
    root.querySelector(".tc-static-note").hidden = true;
  }

  window.TwitchQuiz = { grade: grade, feedback: feedback, summarise: summarise, advise: advise,
                        validProgress: validProgress, loadProgress: loadProgress };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".tc-quiz[data-quiz]"), setUpQuiz);
    Array.prototype.forEach.call(document.querySelectorAll(".tc-progress[data-outline]"), setUpProgress);
    Array.prototype.forEach.call(document.querySelectorAll(".tc-checklist[data-checklist]"), setUpChecklist);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
