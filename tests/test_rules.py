"""Every rule of the registry, by its own examples: the failing one reports its code at the
documented line and nowhere else, the passing one does not, and fix removes a fixable one."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint import report
from readmelint.check import check_text
from readmelint.cli import main
from readmelint.config import load_config
from readmelint.diagnostics import Severity
from readmelint.fix import fix_text
from readmelint.rules import BY_CODE, RULES
from readmelint.rules.base import Rule
from readmelint.settings import Settings
from tests.helpers import ROOT, read_text
from tests.regenerate import golden_folders
from tests.rule_examples import TODAY, settings_for

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
    fixable = " (fixable)" if rule.fixable else ""
    assert result.output.startswith(f"{rule.code} {rule.name}{fixable}\n\n{rule.summary}\n")
    fails, _, passes = result.output.partition("\nFails:\n\n")[2].partition("\nPasses:\n\n")
    assert fails == indented(rule.failing)
    assert passes == indented(rule.passing)


def indented(example: str) -> str:
    return "".join(f"    {line}\n" for line in example.rstrip("\n").split("\n"))


def test_rules_refuses_an_unknown_code() -> None:
    result = CliRunner().invoke(main, ["rules", "RL999"])
    assert result.exit_code == 2
    assert result.stderr == "readmelint: unknown code 'RL999'; `readmelint rules` lists them all\n"


def makes_a_diagnostic(node: ast.AST) -> bool:
    """``Diagnostic(...)``, ``model.Diagnostic(...)`` or ``Diagnostic.__new__(...)``."""
    if not isinstance(node, ast.Call):
        return False
    called = node.func
    if isinstance(called, ast.Attribute) and called.attr in {"__new__", "__call__"}:
        called = called.value
    name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", None)
    return name == "Diagnostic"


def test_only_the_rule_objects_make_diagnostics() -> None:
    """A code cannot be emitted without a catalogue entry: nothing else builds a Diagnostic."""
    makers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and makes_a_diagnostic(node):
                makers.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    # The result cache gives back, for unchanged bytes, what those rule objects made.
    assert [maker.partition(":")[0] for maker in makers] == ["cache.py", "rules/base.py"], makers


def test_the_ast_check_would_see_a_diagnostic_made_elsewhere() -> None:
    made = [
        "Diagnostic('-', 1, 1, 'RL999', 'm')",
        "model.Diagnostic('-', 1, 1, 'RL999', 'm')",
        "Diagnostic.__new__(Diagnostic)",
    ]
    assert all(makes_a_diagnostic(ast.parse(code).body[0].value) for code in made)  # type: ignore[attr-defined]
    assert not makes_a_diagnostic(ast.parse("RL001.at('-', 1, 1, 'm')").body[0].value)  # type: ignore[attr-defined]


def broad_inputs(folder: Path) -> Iterator[tuple[str, str, Settings]]:
    """Every list the project ships: golden inputs and outputs, the examples, and each
    rule's failing and passing example, each with the settings it is read with."""
    for golden, settings in golden_folders():
        for path in sorted(golden.glob("*.md")):
            yield f"{golden.name}/{path.name}", read_text(path), settings
    for path in sorted(ROOT.glob("examples/**/README.md")):
        config = path.parent / ".readmelint.toml"
        settings = load_config(config).settings if config.is_file() else Settings()
        yield str(path.relative_to(ROOT)), read_text(path), settings
    for rule in RULES:
        settings = settings_for(rule, folder)
        yield f"{rule.code} failing", rule.failing, settings
        yield f"{rule.code} passing", rule.passing, settings


def test_every_code_check_emits_is_in_the_catalogue(tmp_path: Path) -> None:
    """What check reports over every list the project ships: each code a rule of the
    registry, with that rule's severity and fixability; and every rule heard from."""
    heard: set[str] = set()
    for name, text, settings in broad_inputs(tmp_path):
        for d in check_text(text, replace(settings, today=TODAY), name):
            assert d.code in BY_CODE, (name, d)
            rule = BY_CODE[d.code]
            assert (d.severity, d.fixable) == (rule.level, rule.fixable), (name, d)
            heard.add(d.code)
    assert heard == set(BY_CODE)


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
