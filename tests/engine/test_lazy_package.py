"""socialkit.engine imports each name on first use: every public name resolves, and a policy read from
policy.json (one decision on the command line) never loads the compiler, the calendars or the rule records."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import socialkit.engine as engine

REPO = Path(__file__).resolve().parents[2]


def test_every_public_name_resolves_from_its_module():
    assert sorted(engine._WHERE) == sorted(engine.__all__)
    for name in engine.__all__:
        value = getattr(engine, name)
        assert getattr(value, "__module__", engine._WHERE[name]).startswith("socialkit.engine"), name


def test_a_decision_from_a_built_policy_does_not_load_the_compiler():
    """`socialkit evaluate --policy ...` answers (and says who is on duty) with the query modules alone."""
    code = (
        "import io, sys, contextlib\n"
        "from socialkit.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    status = main(['evaluate', '--policy', 'policies/policy.json', '--channel', 'facebook', '--category', 'complaint',\n"
        "                   '--received', '2026-11-24T10:00:00+01:00'])\n"
        "assert status == 0 and 'on duty' in out.getvalue(), out.getvalue()\n"
        "print(sorted(m for m in ('socialkit.engine.windows', 'socialkit.engine.spec', 'socialkit.engine.holidays',\n"
        "                         'socialkit.engine.rota', 'holidays') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
