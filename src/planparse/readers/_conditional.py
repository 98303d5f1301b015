"""Conditional formatting: the fill Excel shows a cell, from the rules that colour it.

Trackers colour status cells with rules rather than static fills: "cell value equal to
"Red"", "text contains "Complete"", or a formula comparing the cell to a literal
(``=$H5="Amber"``). :func:`conditional_fills` evaluates the rules of those kinds over the
cells' printed values, in priority order and honouring "stop if true", and returns the fill
each matching cell shows. Rules of other kinds (colour scales, data bars, icon sets,
formulas that are not one comparison) are reported back so the reader can warn.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_STRING = r'"((?:[^"]|"")*)"'
_NUMBER = r"(-?\d+(?:\.\d+)?)"
_LITERAL = re.compile(rf"^\s*(?:{_STRING}|{_NUMBER})\s*$")
_REF = r"\$?([A-Z]{1,3})\$?(\d+)"
_COMPARE = re.compile(rf"^\s*(?:TRIM\()?{_REF}\)?\s*(=|<>|>=|<=|>|<)\s*(?:{_STRING}|{_NUMBER})\s*$", re.I)
_COMPARE_REVERSED = re.compile(rf"^\s*(?:{_STRING}|{_NUMBER})\s*(=|<>)\s*{_REF}\s*$", re.I)
_OPS: dict[str, str] = {
    "equal": "=",
    "notEqual": "<>",
    "greaterThan": ">",
    "lessThan": "<",
    "greaterThanOrEqual": ">=",
    "lessThanOrEqual": "<=",
}


@dataclass(slots=True)
class RuleSpec:
    """One rule as the reader found it, already reduced to what evaluation needs."""

    kind: str
    """cellIs | containsText | notContainsText | beginsWith | endsWith | expression | ..."""
    operator: str | None
    formulas: list[str]
    text: str | None
    fill: str | None
    priority: int
    stop: bool
    ranges: list[tuple[int, int, int, int]]
    """0-based (r0, c0, r1, c1) of every range the rule applies to."""


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _literal(formula: str) -> str | float | None:
    m = _LITERAL.match(formula)
    if not m:
        return None
    if m.group(1) is not None:
        return m.group(1).replace('""', '"')
    return float(m.group(2))


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "").strip())
    except ValueError:
        return None


def _compare(value: str, op: str, literal: str | float) -> bool:
    """Excel's comparison of a cell's value with a literal (text case-insensitive)."""
    if isinstance(literal, float):
        number = _number(value)
        if number is None:
            return op == "<>"
        left: str | float = number
        right: str | float = literal
    else:
        left, right = value.strip().lower(), literal.strip().lower()
    if op == "=":
        return left == right
    if op == "<>":
        return left != right
    if type(left) is not type(right):
        return False
    return {
        ">": left > right,  # type: ignore[operator]
        "<": left < right,  # type: ignore[operator]
        ">=": left >= right,  # type: ignore[operator]
        "<=": left <= right,  # type: ignore[operator]
    }[op]


def rule_test(rule: RuleSpec) -> Callable[[Callable[[int, int], str], int, int], bool] | None:
    """A test ``(value_at, row, col) -> bool`` for the rule, or None when it can't be evaluated."""
    if rule.kind == "cellIs" and rule.operator in _OPS and rule.formulas:
        given = _literal(rule.formulas[0])
        if given is None:
            return None
        op = _OPS[rule.operator]
        value: str | float = given
        return lambda value_at, r, c: _compare(value_at(r, c), op, value)
    if rule.kind in ("containsText", "notContainsText", "beginsWith", "endsWith") and rule.text:
        word = rule.text.lower()
        kind = rule.kind
        if kind == "containsText" and rule.operator == "notContains":
            kind = "notContainsText"

        def text_test(value_at: Callable[[int, int], str], r: int, c: int) -> bool:
            value = value_at(r, c).lower()
            if kind == "containsText":
                return word in value
            if kind == "notContainsText":
                return word not in value
            if kind == "beginsWith":
                return value.startswith(word)
            return value.endswith(word)

        return text_test
    if rule.kind == "expression" and rule.formulas and rule.ranges:
        formula = rule.formulas[0].lstrip("=")
        m = _COMPARE.match(formula)
        if m:
            ref_col, ref_row, op = col_number(m.group(1)), int(m.group(2)) - 1, m.group(3)
            literal: str | float = (
                m.group(4).replace('""', '"') if m.group(4) is not None else float(m.group(5))
            )
            absolute_col = f"${m.group(1).upper()}" in formula.upper()
            absolute_row = re.search(rf"\$?{m.group(1)}\${m.group(2)}", formula, re.I) is not None
        else:
            m = _COMPARE_REVERSED.match(formula)
            if not m:
                return None
            literal = m.group(1).replace('""', '"') if m.group(1) is not None else float(m.group(2))
            op, ref_col, ref_row = m.group(3), col_number(m.group(4)), int(m.group(5)) - 1
            absolute_col = f"${m.group(4).upper()}" in formula.upper()
            absolute_row = re.search(rf"\$?{m.group(4)}\${m.group(5)}", formula, re.I) is not None
        # A relative reference is written for the top-left cell the rule applies to.
        top = min(rg[0] for rg in rule.ranges)
        left = min(rg[1] for rg in rule.ranges)

        def formula_test(value_at: Callable[[int, int], str], r: int, c: int) -> bool:
            rr = ref_row if absolute_row else ref_row + (r - top)
            cc = ref_col if absolute_col else ref_col + (c - left)
            return _compare(value_at(rr, cc), op, literal)

        return formula_test
    return None


def conditional_fills(
    rules: list[RuleSpec], value_at: Callable[[int, int], str], max_row: int, max_col: int
) -> tuple[dict[tuple[int, int], str], list[str]]:
    """(row, col) -> fill shown by the rules, and a description of each rule not evaluated."""
    fills: dict[tuple[int, int], str] = {}
    decided: set[tuple[int, int]] = set()
    skipped: list[str] = []
    for rule in sorted(rules, key=lambda x: x.priority):
        test = rule_test(rule)
        if test is None:
            if rule.fill is not None or rule.kind in ("colorScale", "dataBar", "iconSet"):
                what = rule.kind + (f" {rule.operator}" if rule.operator else "")
                formula = f" {rule.formulas[0]}" if rule.formulas else ""
                skipped.append(f"{what}{formula}".strip())
            continue
        for r0, c0, r1, c1 in rule.ranges:
            for r in range(r0, min(r1, max_row) + 1):
                for c in range(c0, min(c1, max_col) + 1):
                    if (r, c) in decided:
                        continue
                    if not test(value_at, r, c):
                        continue
                    if rule.fill is not None and (r, c) not in fills:
                        fills[(r, c)] = rule.fill
                    if rule.stop or rule.fill is not None:
                        decided.add((r, c))
    return fills, skipped
