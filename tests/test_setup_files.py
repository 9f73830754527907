"""Set-up files: layout, environment.yml in step with pyproject.toml, make targets, CI entry point."""
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import urllib.request

import pytest

from conftest import ROOT


def test_top_level_layout():
    for name in ("README.md", "environment.yml", "pyproject.toml", "Makefile", "src/medialit", "lessons",
                 "exercises", "solutions", "data", "tests", "benchmarks", ".ci/run"):
        assert (ROOT / name).exists(), name
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r): r for r in project["dependencies"]}
    conda, in_pip, pip_items, section = {}, False, [], ""
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        item = re.match(r"^(\s*)- (.+)$", line)
        if re.match(r"^\w+:", line):
            section = line.split(":")[0]
        if section != "dependencies":
            continue
        if line.strip() == "- pip:":
            in_pip = True
        elif item and in_pip and len(item.group(1)) > 2:
            pip_items.append(item.group(2).strip())
        elif item and not line.strip().endswith(":"):
            in_pip = False
            conda[_name(item.group(2))] = item.group(2).strip()
    assert conda.pop("python").endswith("3.11")
    conda.pop("pip")
    assert set(conda) == set(wanted)
    for name, spec in conda.items():  # same lower bounds
        assert spec.replace(" ", "").lower() == wanted[name].replace(" ", "").lower().replace("_", "-")
    assert pip_items == ["-e ."]
    assert "conda-forge" in (ROOT / "environment.yml").read_text(encoding="utf-8")


def test_the_client_fixed_packages_are_dependencies():
    deps = {_name(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    assert {"jupyterlab", "ipywidgets", "nltk", "matplotlib", "vadersentiment"} <= deps


def test_what_medialit_grade_imports_is_a_main_dependency():
    """`medialit grade` reads and runs notebooks: a kit installed without the test extras must do it too."""
    import ast

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    main = {_name(r) for r in project["dependencies"]}
    test_only = {_name(r) for r in project["optional-dependencies"]["test"]} - main
    imported = set()
    for path in sorted((ROOT / "src" / "medialit" / "grading").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    assert {"nbformat", "nbclient"} <= imported
    assert {"nbformat", "nbclient"} <= main
    assert not (imported & test_only), imported & test_only


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci and re.search(r"^make test$", ci, re.M)
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")


def make(*args, **kwargs):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=kwargs.pop("timeout", 60), **kwargs)


def test_make_help_lists_every_target_with_a_line():
    targets = re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    out = make("help").stdout
    for target in targets:
        assert re.search(rf"^  make {target}\s+\S", out, re.M), f"make help does not list {target}"
    assert {"lab", "test", "install", "help"} <= set(targets)


def test_a_second_make_with_nothing_changed_installs_nothing():
    dry = make("-n", "test").stdout
    assert "pip install" not in dry and "apt-get" not in dry
    assert "pytest" in dry
    assert "pip install" not in make("-n", "lab").stdout


def test_make_test_installs_debians_chromium_only_when_missing():
    missing = make("-n", "chromium", "CHROMIUM_BIN=/nonexistent/chromium").stdout
    assert "apt-get install -y -qq chromium" in missing and "apt-get update" in missing
    present = make("-n", "chromium", f"CHROMIUM_BIN={sys.executable}").stdout
    assert "apt-get" not in present
    assert list((ROOT / "tests" / "browser").glob("test_*.py")), "browser tests are what make chromium needed"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="bubblewrap is Linux only: elsewhere nothing is installed")
def test_make_test_and_make_grader_install_debians_bubblewrap_only_when_missing():
    for target in ("test", "grader", "bubblewrap"):
        missing = make("-n", target, "BWRAP_BIN=/nonexistent/bwrap").stdout
        assert "apt-get install -y -qq bubblewrap" in missing and "apt-get update" in missing, target
    assert "apt-get" not in make("-n", "bubblewrap", f"BWRAP_BIN={sys.executable}").stdout
    assert "make grader" in make("-n", "install", "BWRAP_BIN=/nonexistent/bwrap").stdout  # install tells teachers
    assert "make grader" not in make("-n", "install", f"BWRAP_BIN={sys.executable}").stdout


def test_make_grader_says_whether_students_code_runs_in_the_sandbox():
    from medialit.grading.sandbox import sandbox_status

    out = make("grader").stdout
    expected = "in the bubblewrap sandbox" if sandbox_status().on else "WITHOUT a sandbox: "
    assert f"medialit grade: students' code runs {expected}" in out, out


def test_make_lab_opens_lesson_00_as_root_or_user():
    dry = make("-n", "lab").stdout
    assert "jupyter lab" in dry and dry.rstrip().endswith("lessons/00-start-here.ipynb")
    assert ("--allow-root" in dry) == (os.geteuid() == 0)


@pytest.mark.slow
def test_make_lab_really_serves_the_lessons(tmp_path):
    port = 18000 + os.getpid() % 1000
    token = "medialit-test"
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    opts = f"--no-browser --ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 --IdentityProvider.token={token}"
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_OPTS={opts}"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/api/contents/lessons/00-start-here.ipynb?token={token}&content=0"
        deadline, status = time.time() + 90, None
        while time.time() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    status = response.status
                    body = response.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert status == 200, proc.stdout.read1().decode() if proc.poll() is not None else "no answer"
        assert '"name": "00-start-here.ipynb"' in body or '"name":"00-start-here.ipynb"' in body
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
