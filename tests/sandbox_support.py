"""The two isolation modes of the code sandbox, as a fixture for tests that run code.

``sandbox_mode`` runs a test once with bubblewrap (marked ``bwrap``; skipped, with the reason,
only where this machine cannot create namespaces — ``make test`` installs bubblewrap first)
and once in the fallback mode, by setting ``MEDIALIT_SANDBOX``.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

import pytest

from medialit.grading.isolation import SandboxUnavailable, current_isolation


@functools.lru_cache(maxsize=1)
def bubblewrap_problem() -> str | None:
    """None when the bubblewrap mode works here; else why not."""
    import os

    saved = os.environ.get("MEDIALIT_SANDBOX")
    os.environ["MEDIALIT_SANDBOX"] = "bubblewrap"
    try:
        current_isolation()
        return None
    except SandboxUnavailable as exc:
        return str(exc)
    finally:
        if saved is None:
            os.environ.pop("MEDIALIT_SANDBOX", None)
        else:
            os.environ["MEDIALIT_SANDBOX"] = saved


def plain_bwrap_works() -> bool:
    """Whether a minimal bwrap with the namespaces the sandbox asks for runs at all."""
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return False
    done = subprocess.run([bwrap, "--ro-bind", "/", "/", "--unshare-pid", "--unshare-net",
                           "--unshare-ipc", "--unshare-uts", "--die-with-parent", "true"],
                          capture_output=True, timeout=30, check=False)
    return done.returncode == 0


MODES = [pytest.param("bubblewrap", marks=pytest.mark.bwrap, id="bubblewrap"),
         pytest.param("fallback", id="fallback")]


@pytest.fixture(params=MODES, name="sandbox_mode")
def sandbox_mode_fixture(request, monkeypatch) -> str:
    """Import it as ``sandbox_mode_fixture``; tests ask for ``sandbox_mode``."""
    if request.param == "bubblewrap" and bubblewrap_problem():
        pytest.skip(bubblewrap_problem())
    monkeypatch.setenv("MEDIALIT_SANDBOX", request.param)
    return request.param
