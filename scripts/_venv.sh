# shellcheck shell=bash
# Shared by scripts/demo.sh and scripts/test.sh (sourced, not run): find Python 3.11, create .venv
# when missing and install the project with the pinned versions of requirements/constraints.txt.
# The install is skipped when pyproject.toml, the constraints and the extras have not changed since
# the last one, so that a second run starts at once.

step() { printf '==> %s\n' "$*"; }

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)." >&2
    return 1
}

# usage: ensure_venv "" | ensure_venv "[dev]"
ensure_venv() {
    local extras="$1" python stamp wanted
    if [ ! -x .venv/bin/python ]; then
        python="$(find_python)"
        step "creating the virtual environment .venv with $python"
        "$python" -m venv .venv
    fi
    stamp=.venv/.mentorat-install
    wanted="$(cat pyproject.toml requirements/constraints.txt | sha256sum | cut -d' ' -f1) extras=$extras"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
        step "dependencies already installed (pyproject.toml and constraints unchanged)"
    else
        step "installing the project with pinned versions: pip install -c requirements/constraints.txt -e .$extras"
        # pip's own chatter goes to a log, shown only when the install fails.
        if ! .venv/bin/python -m pip install --disable-pip-version-check \
            -c requirements/constraints.txt -e ".$extras" > .venv/pip-install.log 2>&1; then
            cat .venv/pip-install.log >&2
            echo "pip install failed (log: .venv/pip-install.log)" >&2
            return 1
        fi
        echo "$wanted" > "$stamp"
    fi
    # shellcheck disable=SC1091
    . .venv/bin/activate
}
