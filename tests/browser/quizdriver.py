"""Drive the static quiz face like a student: with the mouse, or with the keyboard alone.

One driver per question type of the practice bank (chapters/questions/practice.yml). Each knows
how to give a wrong answer with the mouse (and which feedback that shows), how to give the
right answer with keys only, and how to read the controls back (to test restore and reset).
"""

from __future__ import annotations

from conftest import ROOT
from medialit.case import load_oped
from medialit.quiz import load_bank
from medialit.quiz.types.click_phrase import key_words

BANK = load_bank(ROOT / "chapters" / "questions" / "practice.yml")
PAGE = "chapters/how-quizzes-work.html"


def is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, locator, limit: int = 400) -> None:
    """Move focus to ``locator`` with Tab (or Shift+Tab when it is above the focus)."""
    for _ in range(limit):
        if is_focused(locator):
            return
        before = locator.evaluate(
            "el => !!(document.activeElement && document.activeElement !== document.body"
            " && (el.compareDocumentPosition(document.activeElement)"
            " & Node.DOCUMENT_POSITION_FOLLOWING))")
        page.keyboard.press("Shift+Tab" if before else "Tab")
    raise AssertionError(f"could not reach {locator} with the keyboard")


def press_check(page, q) -> None:
    tab_to(page, q.locator("button.mlq-check"))
    page.keyboard.press("Enter")


def state_of(q) -> list:
    """What the controls hold: checked boxes, select values, pressed words, order, text."""
    return q.evaluate("""root => [
      [...root.querySelectorAll('.mlq-body input[type=radio], .mlq-body input[type=checkbox]')]
        .map(i => i.checked),
      [...root.querySelectorAll('.mlq-body select')].map(s => s.value),
      [...root.querySelectorAll('.mlq-word')].map(b => b.getAttribute('aria-pressed')),
      [...root.querySelectorAll('.mlq-item > span:first-child')].map(s => s.textContent),
      [...root.querySelectorAll('.mlq-body input[type=text], .mlq-body textarea')]
        .map(i => i.value)]""")


class Driver:
    qid: str
    wrong_feedback: str  # a phrase the wrong answer's feedback must show

    @property
    def question(self):
        return BANK.question(self.qid)

    def wrong(self, q) -> None: ...
    def right_by_keyboard(self, page, q) -> None: ...


class SingleChoice(Driver):
    qid, wrong_feedback = "practice-q01", "stands outside the quotation marks"

    def wrong(self, q):
        q.get_by_label("“found no evidence”").check()

    def right_by_keyboard(self, page, q):
        tab_to(page, q.locator("input[type=radio]").first)
        page.keyboard.press("Space")


class MultipleChoice(Driver):
    qid, wrong_feedback = "practice-q02", "uses these words in the op-ed's own voice"

    def wrong(self, q):
        q.get_by_label("“illegal settlement”").check()

    def right_by_keyboard(self, page, q):
        boxes = q.locator("input[type=checkbox]")
        for i in range(boxes.count()):
            tab_to(page, boxes.nth(i))
            if (i < 3) != boxes.nth(i).is_checked():
                page.keyboard.press("Space")


class TrueFalse(Driver):
    qid, wrong_feedback = "practice-q03", "names no source for it"

    def wrong(self, q):
        q.get_by_label("True", exact=True).check()

    def right_by_keyboard(self, page, q):
        tab_to(page, q.locator("input[type=radio]").first)
        page.keyboard.press("Space")  # True
        page.keyboard.press("ArrowDown")  # False


def choose_by_typing(page, select, text: str) -> None:
    """Pick an option of a closed <select> by typing its first letters (type-ahead)."""
    tab_to(page, select)
    page.keyboard.type(text, delay=20)
    page.wait_for_timeout(600)  # let the type-ahead buffer expire before the next select


class LabelSentences(Driver):
    qid, wrong_feedback = "practice-q04", "¶8.1: not this label."

    def wrong(self, q):
        for select in q.locator("select").all():
            select.select_option("opinion or judgment")

    def right_by_keyboard(self, page, q):
        key = self.question.answer
        for select, sid in zip(q.locator("select").all(), self.question.sentences):
            choose_by_typing(page, select, key[sid][:5])


class ClickPhrase(Driver):
    qid, wrong_feedback = "practice-q05", "Not yet selected: “found no evidence"

    def wrong(self, q):
        q.locator(".mlq-word").first.click()

    def right_by_keyboard(self, page, q):
        wanted = sorted(set().union(*key_words(self.question, load_oped())))
        tab_to(page, q.locator(".mlq-word").first)
        at = 0
        for index in wanted:
            for _ in range(index - at):
                page.keyboard.press("ArrowRight")
            at = index
            page.keyboard.press("Space")


class Matching(Driver):
    qid, wrong_feedback = "practice-q06", "not this match"

    def wrong(self, q):
        for select in q.locator("select").all():
            select.select_option("quotes a named source word for word")

    def right_by_keyboard(self, page, q):
        for select, pair in zip(q.locator("select").all(), self.question.pairs):
            choose_by_typing(page, select, pair.right[:12])


class Ordering(Driver):
    qid, wrong_feedback = "practice-q07", "The score compares every two items"

    def wrong(self, q):
        pass  # the start (the reverse order) earns nothing

    def right_by_keyboard(self, page, q):
        target = list(self.question.items)
        for i, item in enumerate(target):
            current = state_of(q)[3]
            j = current.index(item)
            if j == i:
                continue
            tab_to(page, q.locator(".mlq-item").nth(j).locator("button").first)
            for _ in range(j - i):
                page.keyboard.press("Enter")  # focus follows the moved item
        assert state_of(q)[3] == target


class Numeric(Driver):
    qid, wrong_feedback = "practice-q08", "Not quite."

    def wrong(self, q):
        q.get_by_label("Your answer").fill("600")

    def right_by_keyboard(self, page, q):
        tab_to(page, q.get_by_label("Your answer"))
        page.keyboard.press("Control+A")
        page.keyboard.type("42000")


class FreeText(Driver):
    qid, wrong_feedback = "practice-q09", "You ticked 0 of 4 points"

    def wrong(self, q):
        q.get_by_label("Your answer").fill("One counter-example refutes it.")

    def right_by_keyboard(self, page, q):
        tab_to(page, q.get_by_label("Your answer"))
        page.keyboard.type("I would search the statements of international bodies (¶5.2).")


DRIVERS = [SingleChoice(), MultipleChoice(), TrueFalse(), LabelSentences(), ClickPhrase(),
           Matching(), Ordering(), Numeric(), FreeText()]
