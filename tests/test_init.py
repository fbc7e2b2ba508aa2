"""``microsite init``: a complete project from flags or Vietnamese questions, never over a
folder that has content, and a site that builds at once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from microsite.adapter.runner import build
from microsite.cli import main as microsite
from sitekit import soup

FLAGS = ["--title", "Đại hội Đảng bộ huyện Đức Trọng lần thứ XIII", "--organisation", "Huyện ủy Đức Trọng",
         "--url", "https://dai-hoi.ductrong.example"]
RESOLUTION = ["--resolution", "12-NQ/HU", "--resolution-date", "2021-03-05", "--resolution-issuer",
              "Ban Chấp hành Đảng bộ huyện", "--resolution-title", "về phát triển du lịch giai đoạn 2021–2025"]


class Terminal(io.StringIO):
    """Standard input typed by an editor at a terminal."""

    def isatty(self) -> bool:
        return True


def _config(project: Path) -> dict:  # type: ignore[type-arg]
    # yaml.Loader: mkdocs.yml names the slugify function with !!python/name, as MkDocs reads it.
    return yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=yaml.Loader)


def _plugin(config: dict) -> dict:  # type: ignore[type-arg]
    return next(p["microsite"] for p in config["plugins"] if isinstance(p, dict) and "microsite" in p)


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_flags_make_a_complete_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "du-an"
    assert microsite(["init", str(project), *FLAGS, "--channel", "bao-lam-dong=Báo Lâm Đồng|Báo LĐ",
                      "--channel", "trang-huyen=Trang thông tin điện tử huyện Đức Trọng|Trang huyện",
                      "--category", "Văn kiện đại hội", "--description", "Tin bài về đại hội."]) == 0
    assert "Đã tạo dự án" in capsys.readouterr().out
    config = _config(project)
    assert config["site_name"] == "Đại hội Đảng bộ huyện Đức Trọng lần thứ XIII"
    assert config["site_url"] == "https://dai-hoi.ductrong.example/"
    assert config["site_description"] == "Tin bài về đại hội."
    assert config["theme"]["name"] == "material" and config["theme"]["custom_dir"] == "overrides"
    options = _plugin(config)
    assert options["publisher"] == "Huyện ủy Đức Trọng"
    assert options["channels"] == [
        {"key": "bao-lam-dong", "name": "Báo Lâm Đồng", "short": "Báo LĐ"},
        {"key": "trang-huyen", "name": "Trang thông tin điện tử huyện Đức Trọng", "short": "Trang huyện"}]
    assert options["categories"] == ["Văn kiện đại hội"] and options["resolutions"] == []
    assert set(options["identity"]["colours"]) == {"primary", "primary_light", "accent", "ink", "muted", "track",
                                                   "rule", "background"}
    # The default site's extensions and blog settings, so pages read the same.
    default = _config(Path(__file__).resolve().parents[1])
    assert config["markdown_extensions"] == default["markdown_extensions"]
    blog = [p for p in config["plugins"] if isinstance(p, dict) and "blog" in p]
    assert blog == [p for p in default["plugins"] if isinstance(p, dict) and "blog" in p]
    files = _files(project)
    for expected in ("README.md", ".gitignore", "overrides/README.md", "docs/index.md", "docs/tin-tuc/index.md",
                     "docs/so-lieu/index.md", "docs/tien-do/index.md", "docs/bao-chi/index.md",
                     "docs/_data/ke-hoach-tuyen-truyen.yml", "docs/_data/infographics/mau-tien-do.yml",
                     "docs/tin-tuc/posts/bai-mau-ra-mat-trang-chuyen-de.md"):
        assert expected in files, expected
    assert not [f for f in files if "nghi-quyet" in f or f.endswith("van-ban.yml")]
    article = (project / "docs/tin-tuc/posts/bai-mau-ra-mat-trang-chuyen-de.md").read_text("utf-8")
    assert "Bài mẫu" in article and "status: approved" in article and "- bao-lam-dong" in article
    assert "Bài mẫu" in (project / "README.md").read_text("utf-8")
    assert "mẫu" in (project / "docs/_data/infographics/mau-tien-do.yml").read_text("utf-8")


def test_refuses_a_folder_with_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ghi-chu.txt").write_text("đã có", "utf-8")
    assert microsite(["init", str(tmp_path), *FLAGS]) == 1
    err = capsys.readouterr().err
    assert "đã có nội dung" in err and "Chưa tạo dự án" in err
    assert _files(tmp_path) == ["ghi-chu.txt"]
    a_file = tmp_path / "ghi-chu.txt"
    assert microsite(["init", str(a_file), *FLAGS]) == 1
    assert a_file.read_text("utf-8") == "đã có"


@pytest.mark.parametrize(("extra", "message"), [
    (["--channel", "Báo Lâm Đồng"], "chưa đúng dạng"),
    (["--channel", "Báo LĐ=Báo Lâm Đồng"], "chỉ được gồm chữ thường"),
    (["--channel", "bao=Báo A", "--channel", "bao=Báo B"], "Hai kênh cùng mã \"bao\""),
    (["--resolution", "12-NQ/HU"], "Ngày ban hành nghị quyết"),
    (["--resolution-date", "2021-03-05"], "thiếu số hiệu"),
])
def test_wrong_answers_are_said_in_vietnamese_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                extra: list[str], message: str) -> None:
    assert microsite(["init", str(tmp_path / "du-an"), *FLAGS, *extra]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "du-an").exists()


def test_without_a_terminal_missing_flags_are_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Sở Văn hóa\n"))  # a pipe: nothing is read from it
    assert microsite(["init", str(tmp_path / "du-an"), "--title", "Tên trang"]) == 1
    err = capsys.readouterr().err
    assert "Thiếu --organisation, --url" in err
    assert not (tmp_path / "du-an").exists()


def test_in_a_terminal_it_asks_in_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    typed = "\n".join([
        "Tuần lễ văn hóa Đà Lạt", "", "Sở Văn hóa tỉnh Lâm Đồng", "https://tuan-le.example/",  # empty: asked again
        "",  # no description
        "bao-lam-dong=Báo Lâm Đồng|Báo LĐ", "ltv=Đài Phát thanh – Truyền hình Lâm Đồng|LTV", "",
        "Lễ hội", "",
        "",  # no resolution section
    ]) + "\n"
    monkeypatch.setattr("sys.stdin", Terminal(typed))
    project = tmp_path / "du-an"
    assert microsite(["init", str(project)]) == 0
    out = capsys.readouterr().out
    assert out.count("Tên trang chuyên đề: ") == 1 and out.count("Tên cơ quan chủ quản: ") == 2
    assert "Kênh thông tin" in out and "Số hiệu nghị quyết" in out
    config = _config(project)
    assert config["site_name"] == "Tuần lễ văn hóa Đà Lạt"
    assert [c["key"] for c in _plugin(config)["channels"]] == ["bao-lam-dong", "ltv"]
    assert _plugin(config)["categories"] == ["Lễ hội"]


def test_the_new_project_builds_at_once_with_its_resolution_section(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "du-an"
    assert microsite(["init", str(project), *FLAGS, *RESOLUTION]) == 0
    assert microsite(["new", "-d", str(project), "Hội nghị chuẩn bị đại hội"]) == 0
    draft = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert draft.parent == project / "docs/tin-tuc/posts" and "status: draft" in draft.read_text("utf-8")
    assert microsite(["status", "-d", str(project)]) == 0
    listed = capsys.readouterr().out
    assert "Hội nghị chuẩn bị đại hội" in listed and "Bài mẫu: ra mắt trang chuyên đề" in listed
    options = _plugin(_config(project))
    assert options["resolutions"] == [{
        "number": "12-NQ/HU", "date": "2021-03-05", "issuer": "Ban Chấp hành Đảng bộ huyện",
        "title": "về phát triển du lịch giai đoạn 2021–2025", "tag": "Nghị quyết 12-NQ/HU", "dir": "nghi-quyet-12",
        "feed_title": "Nghị quyết 12-NQ/HU – tin liên quan"}]
    assert microsite(["check", "-d", str(project)]) == 0
    site = build(project)
    assert not list(site.glob("tin-tuc/**/hoi-nghi-chuan-bi*"))  # the new draft is not public
    home = soup(site / "index.html")
    assert home.title is not None and "Đức Trọng" in home.title.get_text()
    assert "Nghị quyết 12" in [a.get_text(strip=True) for a in home.select(".md-tabs a")]
    documents = soup(site / "nghi-quyet-12" / "van-ban" / "index.html").get_text()
    assert "12-NQ/HU" in documents and "Ban Chấp hành Đảng bộ huyện" in documents
    (feed_dir,) = [p.parent for p in site.glob("nghi-quyet-12/feed.json")]
    assert (feed_dir / "feed.xml").is_file()
    (article,) = site.glob("tin-tuc/20*/*/*/bai-mau-ra-mat-trang-chuyen-de*/index.html")
    page = soup(article)
    assert "Bài mẫu" in page.h1.get_text()
    assert page.select("figure img")  # the sample infographic, embedded
    assert (site / "so-lieu" / "mau-tien-do" / "index.html").is_file()
    assert (site / "tien-do" / "index.html").is_file() and (site / "bao-chi" / "index.html").is_file()


def test_names_with_quotes_and_colons_stay_valid_yaml(tmp_path: Path) -> None:
    project = tmp_path / "du-an"
    organisation, category = 'Ban Tuyên giáo "Huyện ủy": Đức Trọng', "Tin: hoạt động"
    assert microsite(["init", str(project), "--title", 'Đại hội "XIII": Đức Trọng', "--organisation", organisation,
                      "--url", "https://dai-hoi.example/", "--category", category]) == 0
    assert microsite(["check", "-d", str(project)]) == 0
    article = (project / "docs/tin-tuc/posts/bai-mau-ra-mat-trang-chuyen-de.md").read_text("utf-8")
    meta = yaml.safe_load(article.split("---\n")[1])
    assert meta["source"] == f"Nguồn: {organisation}" and meta["categories"] == [category]
    assert _plugin(_config(project))["publisher"] == organisation
