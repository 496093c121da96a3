"""``show_if``: when a prompt or a phase appears, as a small expression over earlier answers.

Parsed by a hand-written tokenizer and parser into a tree that is evaluated
against the answers; nothing is ever passed to ``eval``. The grammar::

    expression  := either ( "or" either )*
    either      := term ( "and" term )*
    term        := "not" term | "(" expression ")" | condition
    condition   := reference "==" literal  |  reference "!=" literal
                 | reference ( ">" | ">=" | "<" | "<=" ) number
                 | reference "in" "[" literal ( "," literal )* "]"
                 | reference "is" "answered"  |  reference "is" "empty"
    reference   := prompt_id  |  phase_id "." prompt_id
    literal     := "quoted string" | 'quoted string' | number | true | false

Examples: ``risk != "none"``, ``assessment.distress >= 7``,
``household in ["alone", "shelter"] and not (consent == false)``,
``supports is empty``.

Meaning:

- A bare ``prompt_id`` is a prompt of the same phase; ``phase_id.prompt_id``
  a prompt of another (earlier) phase.
- A reference to a prompt that has no answer makes every comparison false
  (``==``, ``!=``, ``>``..., ``in``), so what depends on it stays hidden
  until it is answered. ``is answered`` / ``is empty`` test exactly that.
- For answers that are lists (``multi``, ``list``) ``== "x"`` means "x is
  among them", ``!= "x"`` that it is not, and ``in [...]`` that any of them is.
- ``>``, ``>=``, ``<``, ``<=`` compare numbers (scale answers); on anything
  else they are false. ``true`` / ``false`` match yes/no answers.
- ``and``, ``or``, ``not``, ``in``, ``is``, ``answered``, ``empty``, ``true``
  and ``false`` are words of the language, not prompt ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Union

from interview_tui.core.errors import InterviewError

KEYWORDS = frozenset({"and", "or", "not", "in", "is", "answered", "empty", "true", "false"})
COMPARISONS = ("==", "!=", ">=", "<=", ">", "<")
ORDERING = (">", ">=", "<", "<=")

Literal = Union[str, int, float, bool]


class ShowIfError(InterviewError, ValueError):
    """A ``show_if`` that does not parse; ``position`` is the 1-based character where the problem is."""

    def __init__(self, problem: str, position: int) -> None:
        super().__init__(f"show_if: {problem} at character {position}")
        self.problem = problem
        self.position = position


# ---------------------------------------------------------------- tokens


@dataclass(frozen=True)
class Token:
    kind: str
    """'word', 'number', 'string', 'op' (comparison), or the punctuation itself: ( ) [ ] , ."""
    text: str
    value: Literal | None
    position: int
    """1-based character position in the expression."""


_NUMBER = re.compile(r"-?\d+(\.\d+)?(?![A-Za-z0-9_-])")
_WORD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(source):
        ch = source[i]
        pos = i + 1
        if ch.isspace():
            i += 1
            continue
        if ch in "()[],.":
            tokens.append(Token(ch, ch, None, pos))
            i += 1
            continue
        two = source[i : i + 2]
        if two in ("==", "!=", ">=", "<="):
            tokens.append(Token("op", two, None, pos))
            i += 2
            continue
        if ch in "<>":
            tokens.append(Token("op", ch, None, pos))
            i += 1
            continue
        if ch in "\"'":
            end = source.find(ch, i + 1)
            if end < 0:
                raise ShowIfError("unterminated string", pos)
            text = source[i + 1 : end]
            tokens.append(Token("string", source[i : end + 1], text, pos))
            i = end + 1
            continue
        m = _NUMBER.match(source, i)
        if m:
            text = m.group(0)
            tokens.append(Token("number", text, float(text) if m.group(1) else int(text), pos))
            i = m.end()
            continue
        m = _WORD.match(source, i)
        if m:
            tokens.append(Token("word", m.group(0), None, pos))
            i = m.end()
            continue
        if ch == "=":
            raise ShowIfError("'=' is not a comparison (use '==')", pos)
        raise ShowIfError(f"unexpected character {ch!r}", pos)
    return tokens


# ---------------------------------------------------------------- tree


@dataclass(frozen=True)
class Reference:
    phase_id: str | None
    """None for a prompt of the same phase."""
    prompt_id: str
    position: int

    def __str__(self) -> str:
        return f"{self.phase_id}.{self.prompt_id}" if self.phase_id else self.prompt_id


@dataclass(frozen=True)
class Compare:
    ref: Reference
    op: str
    """One of COMPARISONS, 'in', 'answered' or 'empty'."""
    values: tuple[Literal, ...] = ()


@dataclass(frozen=True)
class Not:
    operand: "Expr"


@dataclass(frozen=True)
class Both:
    left: "Expr"
    right: "Expr"


@dataclass(frozen=True)
class Either:
    left: "Expr"
    right: "Expr"


Expr = Union[Compare, Not, Both, Either]


# ---------------------------------------------------------------- parser


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.i = 0
        self.end = len(source) + 1

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def here(self) -> int:
        tok = self.peek()
        return tok.position if tok else self.end

    def found(self) -> str:
        tok = self.peek()
        return f"'{tok.text}'" if tok else "the end"

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def is_word(self, word: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == "word" and tok.text == word

    def expect(self, kind: str, what: str) -> Token:
        tok = self.peek()
        if tok is None or tok.kind != kind:
            raise ShowIfError(f"expected {what}, found {self.found()}", self.here())
        return self.take()

    def parse(self) -> Expr:
        if not self.tokens:
            raise ShowIfError("the expression is empty", 1)
        expr = self.either()
        if self.peek() is not None:
            raise ShowIfError(f"unexpected {self.found()} (expected 'and', 'or' or the end)", self.here())
        return expr

    def either(self) -> Expr:
        expr = self.both()
        while self.is_word("or"):
            self.take()
            expr = Either(expr, self.both())
        return expr

    def both(self) -> Expr:
        expr = self.term()
        while self.is_word("and"):
            self.take()
            expr = Both(expr, self.term())
        return expr

    def term(self) -> Expr:
        if self.is_word("not"):
            self.take()
            return Not(self.term())
        tok = self.peek()
        if tok is not None and tok.kind == "(":
            self.take()
            expr = self.either()
            self.expect(")", "')'")
            return expr
        return self.condition()

    def identifier(self) -> Token:
        tok = self.peek()
        if tok is None or tok.kind not in ("word", "number") or tok.text in KEYWORDS or not _WORD.fullmatch(tok.text):
            raise ShowIfError(f"expected a prompt id, found {self.found()}", self.here())
        return self.take()

    def condition(self) -> Compare:
        first = self.identifier()
        ref = Reference(None, first.text, first.position)
        tok = self.peek()
        if tok is not None and tok.kind == ".":
            self.take()
            second = self.identifier()
            ref = Reference(first.text, second.text, first.position)
        tok = self.peek()
        if tok is not None and tok.kind == "op":
            op = self.take().text
            value = self.literal()
            if op in ORDERING and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise ShowIfError(f"'{op}' compares numbers, not {value!r}", self.tokens[self.i - 1].position)
            return Compare(ref, op, (value,))
        if self.is_word("in"):
            self.take()
            self.expect("[", "'[' after 'in'")
            values = [self.literal()]
            while (tok := self.peek()) is not None and tok.kind == ",":
                self.take()
                values.append(self.literal())
            self.expect("]", "',' or ']'")
            return Compare(ref, "in", tuple(values))
        if self.is_word("is"):
            self.take()
            if self.is_word("answered") or self.is_word("empty"):
                return Compare(ref, self.take().text)
            raise ShowIfError(f"expected 'answered' or 'empty' after 'is', found {self.found()}", self.here())
        raise ShowIfError(
            f"expected ==, !=, >, >=, <, <=, in or is after '{ref}', found {self.found()}", self.here()
        )

    def literal(self) -> Literal:
        tok = self.peek()
        if tok is not None and tok.kind in ("string", "number"):
            value = self.take().value
            assert value is not None
            return value
        if self.is_word("true") or self.is_word("false"):
            return self.take().text == "true"
        raise ShowIfError(f"expected a quoted string, a number, true or false, found {self.found()}", self.here())


def parse(source: str) -> Expr:
    """The tree of a ``show_if`` expression; ShowIfError (a ValueError) says what and where if it does not parse."""
    return _Parser(source).parse()


def references(expr: Expr) -> list[Reference]:
    """Every prompt the expression looks at, in the order written."""
    if isinstance(expr, Compare):
        return [expr.ref]
    if isinstance(expr, Not):
        return references(expr.operand)
    return references(expr.left) + references(expr.right)


def literals(expr: Expr) -> list[tuple[Reference, Literal]]:
    """Every (reference, value) pair the expression compares with, for checking values against choice lists."""
    if isinstance(expr, Compare):
        return [(expr.ref, v) for v in expr.values]
    if isinstance(expr, Not):
        return literals(expr.operand)
    return literals(expr.left) + literals(expr.right)


# ---------------------------------------------------------------- evaluation

Lookup = Callable[[Reference], object]
"""Gives the answer of a referenced prompt, None if it has none."""


def _same(answer: object, value: Literal) -> bool:
    if isinstance(answer, bool) or isinstance(value, bool):
        return isinstance(answer, bool) and isinstance(value, bool) and answer == value
    if isinstance(answer, (int, float)) and isinstance(value, (int, float)):
        return answer == value
    if isinstance(answer, str) and isinstance(value, str):
        return answer.strip() == value
    return False


def _number(answer: object) -> float | None:
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return None
    return answer


def _unanswered(answer: object) -> bool:
    return answer is None or (isinstance(answer, (str, list)) and not (answer.strip() if isinstance(answer, str) else answer))


def evaluate(expr: Expr, lookup: Lookup) -> bool:
    if isinstance(expr, Not):
        return not evaluate(expr.operand, lookup)
    if isinstance(expr, Both):
        return evaluate(expr.left, lookup) and evaluate(expr.right, lookup)
    if isinstance(expr, Either):
        return evaluate(expr.left, lookup) or evaluate(expr.right, lookup)
    answer = lookup(expr.ref)
    if expr.op == "answered":
        return not _unanswered(answer)
    if expr.op == "empty":
        return _unanswered(answer)
    if _unanswered(answer):
        return False
    items = answer if isinstance(answer, list) else [answer]
    if expr.op == "==":
        return any(_same(a, expr.values[0]) for a in items)
    if expr.op == "!=":
        return not any(_same(a, expr.values[0]) for a in items)
    if expr.op == "in":
        return any(_same(a, v) for a in items for v in expr.values)
    number = _number(answer)
    limit = expr.values[0]
    if number is None or isinstance(limit, (bool, str)):
        return False
    if expr.op == ">":
        return number > limit
    if expr.op == ">=":
        return number >= limit
    if expr.op == "<":
        return number < limit
    return number <= limit
