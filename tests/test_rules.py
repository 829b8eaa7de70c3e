"""Every rule of the registry, by its own examples: the failing one reports its code at the
documented line and nowhere else, the passing one does not, and fix removes a fixable one."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint import report
from readmelint.check import check_text
from readmelint.cli import main
from readmelint.fix import fix_text
from readmelint.model import Severity
from readmelint.rules import RULES
from readmelint.rules.base import Rule
from tests.rule_examples import settings_for

PACKAGE = Path(__file__).resolve().parent.parent / "readmelint"


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_the_failing_example_reports_the_code_at_its_line(rule: Rule, tmp_path: Path) -> None:
    settings = settings_for(rule, tmp_path)
    lines = [d.line for d in check_text(rule.failing, settings) if d.code == rule.code]
    assert lines == [rule.failing_line]


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_the_passing_example_does_not_report_it(rule: Rule, tmp_path: Path) -> None:
    settings = settings_for(rule, tmp_path)
    assert [d for d in check_text(rule.passing, settings) if d.code == rule.code] == []


FIXABLE = [rule for rule in RULES if rule.fixable]


@pytest.mark.parametrize("rule", FIXABLE, ids=[rule.code for rule in FIXABLE])
def test_fix_removes_a_fixable_code(rule: Rule, tmp_path: Path) -> None:
    settings = settings_for(rule, tmp_path)
    fixed = fix_text(rule.failing, settings)
    assert [d for d in check_text(fixed, settings) if d.code == rule.code] == []
    assert fix_text(fixed, settings) == fixed


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_rules_explains_each_code(rule: Rule) -> None:
    result = CliRunner().invoke(main, ["rules", rule.code])
    assert result.exit_code == 0
    assert result.output.startswith(f"{rule.code} {rule.name}")
    assert rule.summary in result.output


def test_only_the_rule_objects_make_diagnostics() -> None:
    """A code cannot be emitted without a catalogue entry: nothing else builds a Diagnostic."""
    makers = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Diagnostic":
                makers.append(str(path.relative_to(PACKAGE)))
    assert makers == ["rules/base.py"]


def test_codes_are_unique_and_named() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    assert all(rule.name and rule.summary and rule.explanation for rule in RULES)


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_every_output_format_gives_one_severity(rule: Rule) -> None:
    diagnostic = rule.at("README.md", 1, 1, "message")
    level = rule.level.value
    as_json = json.loads(report.FORMATS["json"].render([diagnostic], 1, False))
    assert as_json[0]["severity"] == level
    github = report.FORMATS["github"].render([diagnostic], 1, False)
    assert github.startswith(f"::{level} ")
    sarif = json.loads(report.FORMATS["sarif"].render([diagnostic], 1, False))
    run = sarif["runs"][0]
    assert run["results"][0]["level"] == level
    declared = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert declared[rule.code]["defaultConfiguration"]["level"] == level


def test_an_unused_suppression_is_a_warning_everywhere() -> None:
    rule = next(rule for rule in RULES if rule.code == "RL201")
    assert rule.level is Severity.WARNING
    assert not rule.fixable
