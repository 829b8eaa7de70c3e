"""action.yml: a composite GitHub Action that annotates pull requests with readmelint's problems.

GitHub runs the action; here its structure is read with PyYAML (installed with pre-commit)
and its check step's shell script is run as the runner would run it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Protocol

import pytest

from tests.helpers import BROKEN, CLEAN, ROOT
from tests.readme import assert_is_a_tag, blocks_for

yaml = pytest.importorskip("yaml")

ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def strings(node: object) -> list[str]:
    """Every string in a parsed YAML tree."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in strings(value)]
    return []


def step_named(name: str) -> dict[str, Any]:
    return next(step for step in STEPS if step.get("name") == name)


def test_is_a_composite_action() -> None:
    assert ACTION["name"] == "readmelint"
    assert ACTION["description"]
    assert ACTION["runs"]["using"] == "composite"


def test_inputs_and_their_defaults() -> None:
    inputs = ACTION["inputs"]
    assert set(inputs) == {"paths", "version", "args", "python-version"}
    assert inputs["paths"]["default"] == "README.md"
    assert inputs["version"]["default"] == ""
    assert inputs["args"]["default"] == ""
    # A string: unquoted, YAML would read 3.11 as a float (and 3.10 as 3.1).
    assert inputs["python-version"]["default"] == "3.11"
    for name, spec in inputs.items():
        assert spec["description"], name
        assert spec["required"] is False, name


def test_sets_up_python_first() -> None:
    setup = STEPS[0]
    assert setup["uses"].startswith("actions/setup-python@v")
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"


def test_installs_the_actions_own_copy_unless_a_version_is_given() -> None:
    install = step_named("Install readmelint")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert install["env"]["VERSION"] == "${{ inputs.version }}"
    assert 'spec="readmelint==$VERSION"' in install["run"]
    assert 'spec="$ACTION_PATH"' in install["run"]


def test_check_step_writes_github_annotations() -> None:
    check = step_named("Check")
    assert "readmelint check --output-format github $ARGS $PATHS" in check["run"]
    assert check["env"]["PATHS"] == "${{ inputs.paths }}"
    assert check["env"]["ARGS"] == "${{ inputs.args }}"


def test_every_run_step_names_its_shell() -> None:
    """Composite actions have no default shell."""
    for step in STEPS:
        if "run" in step:
            assert step["shell"] == "bash", step["name"]


def test_referenced_inputs_are_exactly_the_declared_ones() -> None:
    referenced = {
        match.group(1)
        for text in strings(ACTION["runs"])
        for expression in EXPRESSION.findall(text)
        for match in re.finditer(r"\binputs\.([A-Za-z0-9_-]+)", expression)
    }
    assert referenced == set(ACTION["inputs"])


def test_referenced_step_outputs_come_from_earlier_steps() -> None:
    for position, step in enumerate(STEPS):
        for text in strings(step):
            for expression in EXPRESSION.findall(text):
                for match in re.finditer(r"\bsteps\.([A-Za-z0-9_-]+)\.outputs\.", expression):
                    earlier = [s.get("id") for s in STEPS[:position]]
                    assert match.group(1) in earlier, (step["name"], expression)
    assert 'echo "python=' in step_named("Install readmelint")["run"]


def test_inputs_reach_scripts_only_through_the_environment() -> None:
    """An expression pasted into a script is a script-injection hole."""
    for step in STEPS:
        assert "${{" not in step.get("run", ""), step["name"]


class CheckStep(Protocol):
    def __call__(self, paths: str, args: str = "") -> subprocess.CompletedProcess[str]: ...


@pytest.fixture
def run_check_step(tmp_path: Path) -> CheckStep:
    """Run the check step's script with bash, the way the runner does, in ``tmp_path``."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = step_named("Check")["run"]

    def run(paths: str, args: str = "") -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHON": sys.executable, "PATHS": paths, "ARGS": args}
        return subprocess.run(
            [bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )

    return run


def test_check_step_annotates_every_problem_and_fails(
    run_check_step: CheckStep, tmp_path: Path
) -> None:
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")

    result = run_check_step("README.md")

    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        '::error file=README.md,line=6,col=3,title=RL003::RL003 "Submission Date" is "2024-13-01", not a real date written YYYY-MM-DD',
        "::warning file=README.md,line=10,col=3,title=RL102::RL102 write the label **Personal Note**: as **Personal note:**",
        "2 problems (1 fixable) in 1 file (run `readmelint fix` for the fixable ones).",
    ]


def test_check_step_splits_paths_and_args_on_spaces(
    run_check_step: CheckStep, tmp_path: Path
) -> None:
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "papers.md").write_text(BROKEN, "utf-8")

    result = run_check_step("README.md docs/*.md", args="--ignore RL003")

    assert result.returncode == 1, result.stderr
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == [
        "::warning file=README.md",
        "::warning file=docs/papers.md",
        "2 problems (2 fixable) in 2 files (run `readmelint fix` for the fixable ones).",
    ]


def test_check_step_passes_on_a_clean_file_with_only_the_summary(
    run_check_step: CheckStep, tmp_path: Path
) -> None:
    (tmp_path / "README.md").write_text(CLEAN, "utf-8")

    result = run_check_step("README.md")

    assert result.returncode == 0, result.stderr
    assert result.stdout == "No problems in 1 file.\n"


def readme_workflow() -> dict[str, Any]:
    (block,) = blocks_for(__file__)
    workflow: dict[str, Any] = yaml.safe_load(block.text)
    return workflow


def readme_step() -> dict[str, Any]:
    steps = readme_workflow()["jobs"]["readmelint"]["steps"]
    return next(step for step in steps if "readmelint@" in step.get("uses", ""))


def test_the_readme_workflow_names_a_tag_of_this_repository_and_no_release() -> None:
    step = readme_step()
    where, ref = step["uses"].split("@")
    assert where == "OWNER/readmelint"
    assert_is_a_tag(ref)
    assert set(step["with"]) <= set(ACTION["inputs"])
    assert "version" not in step["with"]  # readmelint is on no package index yet


def test_the_readme_workflow_checks_as_its_step_says(
    run_check_step: CheckStep, tmp_path: Path
) -> None:
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    result = run_check_step(readme_step()["with"]["paths"])
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=README.md,line=6,col=3,title=RL003::")
