"""environment.yml (conda) and pyproject.toml name the same dependencies."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# conda-forge names that differ from PyPI names
CONDA_TO_PYPI = {"python-kaleido": "kaleido", "psycopg": "psycopg"}


def _name(spec: str) -> str:
    name = re.split(r"[<>=!~\[ ;]", spec.strip(), maxsplit=1)[0]
    return name.lower().replace("_", "-")


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pyproject = {_name(d) for d in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        pyproject |= {_name(d) for d in extra}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = set()
    for item in env["dependencies"]:
        if isinstance(item, dict):
            conda |= {_name(d) for d in item["pip"] if not d.startswith("-e")}
        elif _name(item) not in ("python", "pip"):
            conda.add(CONDA_TO_PYPI.get(_name(item), _name(item)))
    assert conda == pyproject
