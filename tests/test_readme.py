"""Every command the README gives works as written."""
import re
import shutil
import subprocess

from conftest import OTHER_SET, ROOT, write_set

README = (ROOT / "README.md").read_text(encoding="utf-8")
CODE = "\n".join(re.findall(r"```[a-z]*\n(.*?)```", README, re.S) + re.findall(r"`([^`\n]+)`", README))


def run(command, cwd=ROOT, **env):
    import os

    return subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


def test_every_make_target_in_the_readme_exists():
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    mentioned = set(re.findall(r"(?:^|\s)make ([a-z][a-z-]*)", CODE, re.M))
    assert mentioned and mentioned <= targets, mentioned - targets


def test_every_medialit_subcommand_in_the_readme_exists():
    mentioned = set(re.findall(r"\.venv/bin/medialit ([a-z]+)", README))
    help_text = run(".venv/bin/medialit --help").stdout
    assert mentioned and all(name in help_text for name in mentioned)


def test_readme_set_commands_work_on_a_teachers_folder(tmp_path):
    folder = tmp_path / "my-articles"
    write_set(folder / "raw", {name: text + "\nScroll to Top\n" for name, text in OTHER_SET.items()})
    cleaned = run(f".venv/bin/medialit clean {folder}")
    assert cleaned.returncode == 0 and "cleaning-log.json" in cleaned.stdout
    shown = run(f".venv/bin/medialit show {folder}")
    assert shown.returncode == 0 and "council-blog: Council Rams Through Costly Bus Lane" in shown.stdout
    assert run(".venv/bin/medialit show", MEDIALIT_ARTICLES=str(folder)).stdout.startswith("my-articles")


def test_readme_clear_outputs_command_strips_a_notebook(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    shutil.copy(ROOT / "lessons" / "00-start-here.ipynb", lessons)
    executed = run(f"{ROOT}/.venv/bin/jupyter nbconvert --to notebook --execute --inplace lessons/*.ipynb",
                   cwd=tmp_path)
    assert executed.returncode == 0, executed.stderr
    assert '"execution_count": 1' in (lessons / "00-start-here.ipynb").read_text(encoding="utf-8")
    command = re.search(r"`(\.venv/bin/jupyter nbconvert --clear-output --inplace lessons/\*\.ipynb)`", README)
    cleared = run(command.group(1).replace(".venv/bin", f"{ROOT}/.venv/bin"), cwd=tmp_path)
    assert cleared.returncode == 0, cleared.stderr
    text = (lessons / "00-start-here.ipynb").read_text(encoding="utf-8")
    assert '"execution_count": null' in text and '"outputs": []' in text and '"output_type"' not in text


def test_make_data_rebuilds_the_seed_set_unchanged():
    before = {p.name: p.read_bytes() for p in (ROOT / "data/articles/lukashenko-2023").glob("*") if p.is_file()}
    assert run("make --no-print-directory data").returncode == 0
    after = {p.name: p.read_bytes() for p in (ROOT / "data/articles/lukashenko-2023").glob("*") if p.is_file()}
    assert after == before
