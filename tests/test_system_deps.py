""".ci/system-deps, which `make test` runs first: silent when Chromium, chromedriver, Node.js,
npm, Java and ffprobe are on PATH, one line with the command to run for a user who is not root, an apt-get install
for root. The script runs with a PATH of stub commands, so nothing is installed or removed."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitekit import ROOT

SCRIPT = ROOT / ".ci" / "system-deps"
COMMANDS = ("chromium", "chromedriver", "node", "npm", "java", "ffprobe")
NOBODY = 65534

# Stands in for apt-get: logs its arguments, and `install` puts the six commands on PATH.
FAKE_APT_GET = """#!/bin/bash
echo "$*" >> "${0%/*}/apt-get.log"
if [ "$1" = install ]; then
  for cmd in chromium chromedriver node npm java ffprobe; do
    printf '#!/bin/bash\\n' > "${0%/*}/$cmd"
    /bin/chmod 755 "${0%/*}/$cmd"
  done
fi
"""


def _executable(path: Path, text: str = "#!/bin/bash\n") -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def bin_dir() -> Iterator[Path]:
    """A PATH folder that any user can read (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="system-deps-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def _run(path_dir: Path, as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    command = ["/bin/bash", str(SCRIPT)]
    setpriv = shutil.which("setpriv")
    if as_nobody and os.geteuid() == 0 and setpriv:
        command = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    return subprocess.run(command, env={"PATH": str(path_dir)}, cwd="/", capture_output=True,
                          text=True, timeout=60, check=False)


def test_script_is_executable() -> None:
    assert SCRIPT.stat().st_mode & stat.S_IXUSR


def test_everything_present_is_silent_and_installs_nothing(bin_dir: Path) -> None:
    for cmd in COMMANDS:
        _executable(bin_dir / cmd)
    _executable(bin_dir / "apt-get", FAKE_APT_GET)
    for _ in range(2):
        result = _run(bin_dir)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not (bin_dir / "apt-get.log").exists()


def test_user_who_is_not_root_gets_one_line_with_the_command(bin_dir: Path) -> None:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv to drop to another user")
    for cmd in ("chromedriver", "node", "npm", "java", "ffprobe"):
        _executable(bin_dir / cmd)
    _executable(bin_dir / "apt-get", FAKE_APT_GET)
    result = _run(bin_dir, as_nobody=True)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == ["system-deps: missing chromium; run: sudo .ci/system-deps "
                     "(or: sudo apt-get install chromium)"]
    assert not (bin_dir / "apt-get.log").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="the install path runs as root only")
def test_root_installs_only_the_missing_packages_then_finds_them(bin_dir: Path) -> None:
    """Node.js already present (NodeSource, say): Debian's nodejs is not asked for."""
    _executable(bin_dir / "node")
    _executable(bin_dir / "apt-get", FAKE_APT_GET)
    result = _run(bin_dir)
    assert (result.returncode, result.stderr) == (0, "")
    calls = (bin_dir / "apt-get.log").read_text(encoding="utf-8").splitlines()
    assert calls == ["update -qq",
                     "install -y -qq --no-install-recommends chromium chromium-driver npm default-jre-headless ffmpeg"]
    assert all((bin_dir / cmd).exists() for cmd in COMMANDS)


@pytest.mark.skipif(os.geteuid() != 0, reason="the install path runs as root only")
def test_root_fails_when_the_install_does_not_provide_the_commands(bin_dir: Path) -> None:
    _executable(bin_dir / "apt-get", "#!/bin/bash\n")
    result = _run(bin_dir)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "system-deps: still missing chromium chromedriver node npm java ffprobe after apt-get install "
        "chromium chromium-driver nodejs npm default-jre-headless ffmpeg"]


def test_ci_run_is_make_test_and_reports_its_status_and_duration(bin_dir: Path) -> None:
    """CI fails with `make test`'s own status (pytest's 5, "no tests collected", included)."""
    _executable(bin_dir / "make", '#!/bin/bash\necho "make $*" >> "${0%/*}/make.log"\nexit 5\n')
    result = subprocess.run(["/bin/bash", str(ROOT / ".ci" / "run")], env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
                            cwd="/", capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 5
    assert (bin_dir / "make.log").read_text(encoding="utf-8") == "make test\n"
    assert result.stdout.splitlines()[-1].startswith("make test: exit 5 after 0m")
