"""The wheel: built from this directory, installed into a fresh virtual environment
with no network (wasmtime from the wheelhouse `make python-env` fills), runs the
quickstart example from outside the source tree."""

import os
import shutil
import subprocess
import sys
import venv

from conftest import PKG_DIR, REPO, cache_dir, wasm_path


def test_wheel_installs_into_a_fresh_venv_and_the_quickstart_runs(tmp_path):
    wheelhouse = os.environ.get("PAYCORE_WHEELHOUSE") or str(REPO / ".venv" / "wheelhouse")
    assert os.path.isdir(wheelhouse), f"{wheelhouse} is missing: run `make python-env`"
    assert wasm_path().exists()
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(dist), str(PKG_DIR)], check=True, timeout=300, capture_output=True)
    wheels = list(dist.glob("paycore-*.whl"))
    assert len(wheels) == 1
    assert wheels[0].stat().st_size > 2_000_000  # the module is inside

    env_dir = tmp_path / "venv"
    venv.create(env_dir)  # without pip: this pip installs into it
    py = str(env_dir / "bin" / "python")
    subprocess.run([sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-index", "--find-links", wheelhouse, str(wheels[0])],
                   check=True, timeout=300, capture_output=True)
    app = tmp_path / "app"
    shutil.copytree(PKG_DIR / "examples", app)
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "XDG_CACHE_HOME": os.path.dirname(cache_dir())}
    r = subprocess.run([py, str(app / "quickstart.py")], cwd=app, capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert "valid: True mode: server_to_server" in r.stdout
    assert "signed: True" in r.stdout
    assert "outcome: requires_buyer_action" in r.stdout
