"""The set-up path for machines without make (Windows, school laptops): install.py, run as a teacher
would, as far as this machine can check it: a fresh environment from the package index, then a lesson
executed with that environment's own Jupyter (about two minutes)."""
import subprocess
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT))
import install  # noqa: E402


def test_dry_run_prints_what_it_would_do_and_names_the_windows_python():
    run = subprocess.run([sys.executable, str(ROOT / "install.py"), "--dry-run", "--venv", "/tmp/x-venv"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "pip install --disable-pip-version-check -e ." in run.stdout
    assert "jupyterlab-overrides.json" in run.stdout
    assert install.venv_python(ROOT / "v", windows=True).as_posix().endswith("v/Scripts/python.exe")


def test_install_creates_an_environment_with_the_kit_and_its_lab_settings(tmp_path):
    folder = tmp_path / "venv"
    run = subprocess.run([sys.executable, str(ROOT / "install.py"), "--venv", str(folder)],
                         capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "install.py lab" in run.stdout
    python = install.venv_python(folder)
    shown = subprocess.run([str(python), "-m", "pip", "show", "medialit"], capture_output=True, text=True, timeout=120)
    assert "Name: medialit" in shown.stdout and str(ROOT) in shown.stdout
    listed = subprocess.run([str(python), "-m", "medialit.cli", "sets"], capture_output=True, text=True, timeout=120,
                            cwd=tmp_path)
    assert listed.returncode == 0 and "lukashenko-2023" in listed.stdout, listed.stderr
    assert install.lab_settings(folder).read_text(encoding="utf-8") == \
        (ROOT / "etc" / "jupyterlab-overrides.json").read_text(encoding="utf-8")
    executed = tmp_path / "00-run.ipynb"
    lesson = subprocess.run([str(python), "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                             str(ROOT / "lessons" / "00-start-here.ipynb"), "--output", str(executed)],
                            capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert lesson.returncode == 0, lesson.stderr[-2000:]
    assert "lukashenko-2023" in executed.read_text(encoding="utf-8")
    again = subprocess.run([sys.executable, str(ROOT / "install.py"), "lab", "--dry-run", "--venv", str(folder)],
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and "jupyterlab" in again.stdout and "00-start-here.ipynb" in again.stdout
