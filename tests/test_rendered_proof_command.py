"""The rendered proof's command, `edition fidelity --browser SITE`, passes on the site the tests built.

The command the deploy runs (.github/workflows/pages.yml) before it publishes, run as the deploy
runs it: in a process of its own, with its own Chromium (CHROMIUM; here the headless shell, as in
every browser test) and its own server. It reads the brief and the source view in 8 views, after a
full load and after instant navigation. The faults it must catch are made in
tests/browser/test_rendered_proof.py. This file stands outside tests/browser/ because it does not
drive the tests' shared browser: the scheduler (tests/conftest.py) can run it beside them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from sitetools import CHROMIUM_SHELL, ROOT

# A hang fails the test, with what the command printed, instead of holding the run: the proof takes
# 20-105 s on 2 shared cores, by load.
HANG_S = 600


def test_the_built_site_is_faithful_in_every_view(built_site, capsys):
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "edition.cli", "--root", str(ROOT), "fidelity", "--browser",
                             str(built_site)], capture_output=True, text=True, timeout=HANG_S,
                            env={**os.environ, "CHROMIUM": CHROMIUM_SHELL})
    out, err = result.stdout, result.stderr
    assert result.returncode == 0, err
    assert "8 views x 2 arrivals" in out and "show the source word for word" in out, out
    with capsys.disabled():
        print(f"\n{out.strip()} [test: {time.monotonic() - start:.1f} s]")
