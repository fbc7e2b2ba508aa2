"""``microsite deploy``: complete releases only, ``current`` swapped atomically, rollback works."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from microsite.cli import main
from microsite.deploy import releases as rel

from test_atomic_builds import snapshot


def fake_site(root: Path, text: str) -> Path:
    (root / "tin-tuc").mkdir(parents=True)
    (root / "index.html").write_text(f"<!doctype html><title>{text}</title>", encoding="utf-8")
    (root / "tin-tuc" / "index.html").write_text(text, encoding="utf-8")
    return root


def served(target: Path) -> dict[str, bytes]:
    return snapshot(target / "current")


def hidden(target: Path) -> list[str]:
    return sorted(p.name for p in [*target.iterdir(), *(target / "releases").iterdir()] if p.name.startswith("."))


def test_first_and_second_deploy_swap_current_and_keep_previous(tmp_path: Path) -> None:
    target = tmp_path / "srv"
    one, two = fake_site(tmp_path / "one", "một"), fake_site(tmp_path / "two", "hai")
    first = rel.deploy(one, target)
    assert first.previous is None
    assert (target / "current").is_symlink() and not os.readlink(target / "current").startswith("/")
    assert served(target) == snapshot(one)
    second = rel.deploy(two, target)
    assert second.previous == first.release
    assert served(target) == snapshot(two)
    assert snapshot(first.release) == snapshot(one)  # kept for rollback
    assert hidden(target) == []


def test_rollback_returns_to_previous_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "srv"
    rel.deploy(fake_site(tmp_path / "one", "một"), target)
    rel.deploy(fake_site(tmp_path / "two", "hai"), target)
    assert main(["deploy", str(target), "--rollback"]) == 0
    assert served(target)["tin-tuc/index.html"] == "một".encode()
    assert "Đã quay lại bản" in capsys.readouterr().out
    assert main(["deploy", str(target), "--rollback"]) == 1
    assert "Không có bản phát hành trước" in capsys.readouterr().err


def test_failed_copy_leaves_current_release_serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "srv"
    rel.deploy(fake_site(tmp_path / "one", "một"), target)
    before = served(target)

    def disk_full(src: Path, dst: Path, **kw: object) -> None:
        (Path(dst) / "index.html").write_text("nửa chừng", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rel.shutil, "copytree", disk_full)
    with pytest.raises(OSError):
        rel.deploy(fake_site(tmp_path / "two", "hai"), target)
    assert served(target) == before
    assert len(rel.releases(target)) == 1
    assert hidden(target) == []


def test_old_releases_are_pruned_but_current_and_previous_kept(tmp_path: Path) -> None:
    target = tmp_path / "srv"
    for i in range(5):
        rel.deploy(fake_site(tmp_path / f"s{i}", f"bản {i}"), target, keep=3)
    kept = rel.releases(target)
    assert len(kept) == 3
    assert rel.current_release(target) == kept[-1]
    assert served(target)["tin-tuc/index.html"] == "bản 4".encode()


def test_cli_deploys_the_project_site_and_refuses_a_missing_build(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    target = tmp_path / "srv"
    assert main(["deploy", "-d", str(project), str(target)]) == 1
    assert "Chạy microsite build trước" in capsys.readouterr().err
    fake_site(project / "site", "một")
    assert main(["deploy", "-d", str(project), str(target)]) == 0
    assert served(target) == snapshot(project / "site")


def test_a_real_folder_named_current_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "srv"
    (target / "current").mkdir(parents=True)
    (target / "current" / "index.html").write_text("trang cũ làm tay", encoding="utf-8")
    with pytest.raises(rel.DeployError, match="thư mục thật"):
        rel.deploy(fake_site(tmp_path / "one", "một"), target)
    assert (target / "current" / "index.html").read_text("utf-8") == "trang cũ làm tay"
    shutil.rmtree(target / "current")
