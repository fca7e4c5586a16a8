"""The generated type hints (paycore.types, the typed helpers) pass mypy --strict
together with the package and a real use of it (the quickstart example)."""

import subprocess
import sys

from conftest import PKG_DIR


def test_mypy_strict_accepts_the_package_and_the_quickstart():
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "src/paycore", "examples/quickstart.py"],
                       cwd=PKG_DIR, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_hints_reject_a_wrong_use(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from paycore import Paycore\n"
        "pc = Paycore()\n"
        "r = pc.validate_pay({'request': {}})\n"  # now is required
        "x: str = r['valid']\n"  # valid is a bool
    )
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(bad)], cwd=PKG_DIR, capture_output=True, text=True,
                       timeout=300, env={"MYPYPATH": str(PKG_DIR / "src"), "PATH": ""})
    assert r.returncode == 1
    assert 'bad.py:3: error: Argument 1 to "validate_pay"' in r.stdout, r.stdout
    assert 'bad.py:4: error: Incompatible types in assignment (expression has type "bool"' in r.stdout, r.stdout
