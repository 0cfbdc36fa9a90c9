"""Third-party programs the tests hand the platform's outputs to (calendar readers, validators,
spreadsheets, PDF tools): where each is, and a skip with its reason when it is missing — which
fails the run under CI (tests/conftest.py), where .ci/run installs every one of them.

Node.js packages come from package.json + package-lock.json (`npm ci`, run by scripts/test.sh);
Debian programs (java, chromium, soffice, pdftoppm) from .ci/run's list.
"""

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO_ROOT / "node_modules"


def node_package(name):
    """The folder of an npm package of package.json, or a skip saying how to install it."""
    folder = NODE_MODULES / name
    if not folder.is_dir():
        pytest.skip(f"npm package {name} is not installed (run `npm ci`, as scripts/test.sh does)")
    return folder


def program(name):
    """The path of a program on PATH (node, java, soffice, pdftoppm...), or a skip with its reason."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (.ci/run lists the Debian package that provides it)")
    return path
