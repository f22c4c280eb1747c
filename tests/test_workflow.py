"""The Pages workflow deploys only what the tests passed, on actions that run on Node 24, and lints.

Three checks read .github/workflows/pages.yml and return problems that name the job and step:
- `gate_problems`: every job that deploys (actions/deploy-pages) needs, directly or through other
  jobs, a job that runs the README's test command, whole (`scripts/test`, no deselection, the
  browser tests given a Chromium), with nothing that lets a failure through;
- `action_problems`: every `uses:` is on the major in NODE24_MAJORS, checked by hand;
- `strict_problems`: the job that uploads the Pages artifact builds it with `mkdocs build --strict`.
Each is run on the real workflow and on copies mutated to break it. actionlint (pinned in
requirements-dev.txt) lints the real file, and is watched failing on mutated copies.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
TEST_COMMAND = "scripts/test"

# The major of each action whose action.yml runs on Node 24 (or, for a composite action, whose
# actions all do), as checked when it was pinned; the workflow's header says how. Moving a pin
# means checking the new major the same way and updating this table.
NODE24_MAJORS = {
    "actions/checkout": "v7",
    "actions/setup-python": "v7",
    "actions/configure-pages": "v6",
    "actions/upload-pages-artifact": "v5",
    "actions/deploy-pages": "v5",
}


def load(path: Path = WORKFLOW) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def jobs_of(workflow: dict) -> dict:
    return workflow.get("jobs") or {}


def steps_of(job: dict) -> list[dict]:
    return job.get("steps") or []


def where(job_id: str, index: int, step: dict) -> str:
    label = step.get("name") or step.get("uses") or step.get("id") or (step.get("run") or "").strip()
    return f"job '{job_id}' step {index + 1} ({label})"


def needs_of(job: dict) -> list[str]:
    needs = job.get("needs") or []
    return [needs] if isinstance(needs, str) else list(needs)


def uses_action(job: dict, action: str) -> bool:
    return any(str(s.get("uses", "")).split("@")[0] == action for s in steps_of(job))


def runs_test_command(step: dict) -> bool:
    return any(re.match(rf"(\./)?{re.escape(TEST_COMMAND)}(\s|$)", line.strip())
               for line in str(step.get("run", "")).splitlines())


def lets_failure_through(condition) -> bool:
    """An `if:` that runs a job or step although what it needs failed."""
    return bool(re.search(r"\b(always|failure|cancelled)\s*\(", str(condition or "")))


def gate_problems(workflow: dict) -> list[str]:
    """Every deploying job must need, at any depth, a job that runs the whole test command."""
    jobs = jobs_of(workflow)
    problems = []
    testing: set[str] = set()
    for job_id, job in jobs.items():
        for i, step in enumerate(steps_of(job)):
            if not runs_test_command(step):
                continue
            line = next(l.strip() for l in step["run"].splitlines() if TEST_COMMAND in l)
            ok = True
            if line.split()[1:]:
                problems.append(f"{where(job_id, i, step)}: runs `{line}`: the gate runs the whole "
                                f"suite, so `{TEST_COMMAND}` takes no arguments")
                ok = False
            for what, value in (("step", step), ("job", job)):
                if value.get("continue-on-error"):
                    problems.append(f"{where(job_id, i, step)}: continue-on-error on the {what} lets "
                                    f"a failing test through")
                    ok = False
            env = {**(workflow.get("env") or {}), **(job.get("env") or {}), **(step.get("env") or {})}
            for var in ("CHROMIUM", "CHROMIUM_SHELL"):
                if not env.get(var):
                    problems.append(f"{where(job_id, i, step)}: no {var} in its env: the runner's "
                                    f"chromium package is a snap stub, so the browser tests need a real one")
                    ok = False
            if ok:
                testing.add(job_id)
    deploying = [job_id for job_id, job in jobs.items() if uses_action(job, "actions/deploy-pages")]
    if not deploying:
        problems.append("no job deploys with actions/deploy-pages")
    for job_id in deploying:
        seen: set[str] = set()
        todo = needs_of(jobs[job_id])
        while todo:
            need = todo.pop()
            if need in seen:
                continue
            seen.add(need)
            if need not in jobs:
                problems.append(f"job '{job_id}' needs job '{need}', which does not exist")
                continue
            todo += needs_of(jobs[need])
        for job_through in [job_id, *sorted(seen & set(jobs))]:
            if lets_failure_through(jobs[job_through].get("if")):
                problems.append(f"job '{job_through}': `if: {jobs[job_through]['if']}` runs it although "
                                f"the tests it needs failed, and '{job_id}' deploys")
        if not seen & testing:
            problems.append(f"job '{job_id}' deploys without needing a job that runs `{TEST_COMMAND}` "
                            f"(needs: {', '.join(needs_of(jobs[job_id])) or 'nothing'})")
    return problems


def action_problems(workflow: dict) -> list[str]:
    """Every action pinned to the major in NODE24_MAJORS."""
    problems = []
    for job_id, job in jobs_of(workflow).items():
        for i, step in enumerate(steps_of(job)):
            if "uses" not in step:
                continue
            name, _, ref = str(step["uses"]).partition("@")
            if name not in NODE24_MAJORS:
                problems.append(f"{where(job_id, i, step)}: {step['uses']} is not in the table of "
                                f"actions checked to run on Node 24 (tests/test_workflow.py)")
            elif ref != NODE24_MAJORS[name]:
                problems.append(f"{where(job_id, i, step)}: {step['uses']} is not "
                                f"{name}@{NODE24_MAJORS[name]}, its major checked to run on Node 24")
    return problems


def strict_problems(workflow: dict) -> list[str]:
    """The job that uploads the Pages artifact builds it with `mkdocs build --strict`."""
    problems = []
    uploading = [(job_id, job) for job_id, job in jobs_of(workflow).items()
                 if uses_action(job, "actions/upload-pages-artifact")]
    if not uploading:
        problems.append("no job uploads the site with actions/upload-pages-artifact")
    for job_id, job in uploading:
        builds = [(i, step) for i, step in enumerate(steps_of(job))
                  if "mkdocs build" in str(step.get("run", ""))]
        if not builds:
            problems.append(f"job '{job_id}' uploads the Pages artifact but no step runs `mkdocs build`")
        for i, step in builds:
            if "--strict" not in step["run"].split():
                problems.append(f"{where(job_id, i, step)}: `mkdocs build` without --strict")
    return problems


def test_the_workflow_passes_every_check():
    workflow = load()
    assert gate_problems(workflow) + action_problems(workflow) + strict_problems(workflow) == []


def _step(workflow: dict, job_id: str, predicate) -> dict:
    return next(s for s in steps_of(jobs_of(workflow)[job_id]) if predicate(s))


def _test_step(w):
    return _step(w, "test", runs_test_command)


def _mutate(change):
    workflow = copy.deepcopy(load())
    change(workflow)
    return workflow


GATE_MUTATIONS = {
    # name: (change, words the message must contain)
    "deploy-needs-only-an-untested-build": (
        lambda w: (w["jobs"]["deploy"].update(needs="build"), w["jobs"]["build"].pop("needs")),
        ["job 'deploy'", "without needing", "scripts/test", "needs: build"]),
    "test-job-runs-something-else": (
        lambda w: _test_step(w).update(run="python -m mkdocs build --strict"),
        ["job 'deploy'", "without needing"]),
    "tests-deselected": (
        lambda w: _test_step(w).update(run="scripts/test -k 'not browser'"),
        ["job 'test' step 3 (Run the README's test command)", "takes no arguments"]),
    "failure-ignored": (
        lambda w: _test_step(w).update({"continue-on-error": True}),
        ["job 'test' step 3 (Run the README's test command)", "continue-on-error"]),
    "deploy-always": (
        lambda w: w["jobs"]["deploy"].update({"if": "always()"}),
        ["job 'deploy'", "always()"]),
    "build-despite-failure": (
        lambda w: w["jobs"]["build"].update({"if": "${{ !cancelled() }}"}),
        ["job 'build'", "cancelled()", "'deploy' deploys"]),
    "no-real-chromium": (
        lambda w: _test_step(w).pop("env"),
        ["job 'test' step 3 (Run the README's test command)", "CHROMIUM"]),
    "no-headless-shell": (
        lambda w: _test_step(w)["env"].pop("CHROMIUM_SHELL"),
        ["job 'test' step 3 (Run the README's test command)", "no CHROMIUM_SHELL"]),
    "needs-a-missing-job": (
        lambda w: w["jobs"]["deploy"].update(needs=["tests", "build"]),
        ["job 'deploy' needs job 'tests', which does not exist"]),
}


@pytest.mark.parametrize("name", GATE_MUTATIONS)
def test_a_deploy_that_could_skip_the_tests_is_caught(name):
    change, words = GATE_MUTATIONS[name]
    problems = gate_problems(_mutate(change))
    assert problems, f"{name}: no problem found"
    assert any(all(w in p for w in words) for p in problems), (name, problems)


@pytest.mark.parametrize("action", NODE24_MAJORS)
def test_an_action_on_another_major_is_caught(action):
    def pin_old(w):
        for job in w["jobs"].values():
            for step in steps_of(job):
                if str(step.get("uses", "")).startswith(action + "@"):
                    step["uses"] = f"{action}@v4"
    problems = action_problems(_mutate(pin_old))
    assert problems and all(f"{action}@v4 is not {action}@{NODE24_MAJORS[action]}" in p
                            for p in problems), problems
    assert all(re.match(r"job '\w+' step \d+ \(", p) for p in problems), problems


def test_an_action_nobody_checked_is_caught():
    workflow = _mutate(lambda w: w["jobs"]["build"]["steps"].insert(
        0, {"name": "Cache", "uses": "actions/cache@v4"}))
    assert action_problems(workflow) == [
        "job 'build' step 1 (Cache): actions/cache@v4 is not in the table of actions checked to "
        "run on Node 24 (tests/test_workflow.py)"]


def test_a_build_without_strict_is_caught():
    def loosen(w):
        step = _step(w, "build", lambda s: "mkdocs build" in str(s.get("run", "")))
        step["run"] = step["run"].replace(" --strict", "")
    assert strict_problems(_mutate(loosen)) == [
        "job 'build' step 5 (Build with --strict): `mkdocs build` without --strict"]
    no_build = _mutate(lambda w: w["jobs"]["build"]["steps"].remove(
        _step(w, "build", lambda s: "mkdocs build" in str(s.get("run", "")))))
    assert strict_problems(no_build) == [
        "job 'build' uploads the Pages artifact but no step runs `mkdocs build`"]


# actionlint: the venv's, from requirements-dev.txt.

def actionlint(path: Path) -> subprocess.CompletedProcess:
    """actionlint on .github/workflows/pages.yml of the project whose workflow `path` is."""
    exe = Path(sys.executable).parent / "actionlint"
    found = str(exe) if exe.exists() else shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint is missing: install requirements-dev.txt (scripts/test does)")
    project = path.parents[2]
    return subprocess.run([found, "-no-color", "-oneline", str(path.relative_to(project))],
                          cwd=project, capture_output=True, text=True, timeout=60)


def test_actionlint_passes_the_workflow():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


LINT_MUTATIONS = {
    # name: (line replaced, its replacement (the first of several identical lines is replaced),
    #        the line actionlint must point at, a word its message must contain)
    "undefined-needs": ("needs: [test, build]", "needs: [test, biuld]", "deploy:", "biuld"),
    "unknown-key": ("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", "runs_on: ubuntu-latest",
                    "runs_on"),
    "node20-action": ("uses: actions/deploy-pages@v5",
                      "uses: actions/deploy-pages@v4", "uses: actions/deploy-pages@v4", "node20"),
}


@pytest.mark.parametrize("name", LINT_MUTATIONS)
def test_actionlint_fails_a_broken_copy_naming_file_and_line(tmp_path, name):
    old, new, pointed, word = LINT_MUTATIONS[name]
    lines = WORKFLOW.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(n for n, l in enumerate(lines) if l.strip() == old)
    lines[first] = lines[first].replace(old, new)
    line = next(n for n, l in enumerate(lines, 1) if l.strip() == pointed)
    path = tmp_path / ".github" / "workflows" / "pages.yml"
    path.parent.mkdir(parents=True)
    path.write_text("".join(lines), encoding="utf-8")
    result = actionlint(path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(l.startswith(f".github/workflows/pages.yml:{line}:") and word in l
               for l in result.stdout.splitlines()), result.stdout
