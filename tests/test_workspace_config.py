"""The Decap CMS configuration is generated from the content model and covers all of it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from microsite.content.dates import parse_datetime
from microsite.content.model import Status
from microsite.text.press import TIMEZONE
from microsite.adapter.runner import project_settings
from microsite.workspace.api_policy import Areas
from microsite.workspace.cms_config import (DATE_WIDGET, DATETIME_FORMAT, SCHEMAS, WorkspaceSettings, channel_names,
                                            cms_config, gallery_folders, load_schema, resolution_folders)
from microsite.workspace.problem_labels import field_label
from microsite.workspace.locale import merged, vietnamese_strings
from microsite.workspace.schema_fields import SchemaFields, UnlabelledField, schema_paths
from microsite.workspace.team import team_backend, team_settings

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "node_modules" / "decap-cms-locales" / "dist" / "esm"
CATEGORIES = ("Sơ kết giữa nhiệm kỳ", "Nghị quyết 43")
SITE = project_settings(ROOT)  # the default site's channels and resolution section


def _config() -> dict[str, Any]:
    return cms_config(WorkspaceSettings(categories=CATEGORIES, channels=channel_names(SITE.site),
                                        resolutions=resolution_folders(SITE.site),
                                        backend={"name": "proxy", "proxy_url": "http://127.0.0.1:8000/api/v1"},
                                        galleries=gallery_folders(ROOT / "docs")))


def _collection(name: str) -> dict[str, Any]:
    for item in _config()["collections"]:
        if item["name"] == name:
            return item
        for file in item.get("files", ()):
            if file["name"] == name:
                return file
    raise KeyError(name)


def _paths(fields: list[dict[str, Any]], prefix: str = "") -> set[str]:
    out: set[str] = set()
    for field in fields:
        path = prefix + field["name"]
        out.add(path)
        out |= _paths(field.get("fields", []), path + ".")
    return out


def _by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


@pytest.mark.parametrize("collection,schema", [("articles", "article"), ("infographics", "infographic"),
                                               ("tien-do", "tracker"), ("ke-hoach", "plan"), ("van-ban", "documents"),
                                               ("tin-tuc-posts-anh-chuyen-muc-bon-kenh-chu-thich-yml", "gallery")])
def test_every_schema_field_has_a_labelled_form_field(collection: str, schema: str) -> None:
    fields = _collection(collection)["fields"]
    assert _paths(fields) - {"body"} == set(schema_paths(load_schema(schema)))

    def labelled(items: list[dict[str, Any]]) -> None:
        for f in items:
            assert f["label"] and f["label"] != f["name"] and f.get("hint"), f["name"]
            labelled(f.get("fields", []))
    labelled(fields)


def test_required_flags_follow_the_schema() -> None:
    schema = load_schema("article")
    fields = _by_name(_collection("articles")["fields"])
    for name in schema["properties"]:
        want = name in schema["required"]
        if name == "tags":  # may be empty: written as [] by default, Decap would refuse an empty required list
            assert fields[name]["default"] == [] and not fields[name]["required"]
            continue
        assert fields[name]["required"] is want, name
    assert fields["body"]["required"]


def test_selects_come_from_the_site() -> None:
    fields = _by_name(_collection("articles")["fields"])
    assert [o["value"] for o in fields["channels"]["options"]] == list(channel_names(SITE.site))
    assert fields["channels"]["multiple"] and fields["channels"]["min"] == 1
    assert [o["value"] for o in fields["categories"]["options"]] == list(CATEGORIES)
    assert [o["value"] for o in fields["status"]["options"]] == [s.value for s in Status]
    assert fields["status"]["default"] == "draft"
    assert "Đã thẩm định" in fields["reviewer"]["hint"] and not fields["reviewer"]["required"]
    plan = _by_name(_by_name(_collection("ke-hoach")["fields"])["items"]["fields"])
    assert [o["value"] for o in plan["channel"]["options"]] == list(channel_names(SITE.site))


def test_files_and_pictures_where_microsite_new_puts_them() -> None:
    articles = _collection("articles")
    assert articles["folder"] == "tin-tuc/posts" and articles["slug"] == "{{slug}}"
    assert articles["extension"] == "md" and articles["format"] == "yaml-frontmatter"
    assert articles["media_folder"] == articles["public_folder"] == "anh"  # docs/tin-tuc/posts/anh/x.jpg -> anh/x.jpg
    assert _config()["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    image = _by_name(_by_name(articles["fields"])["image"]["fields"])
    assert image["src"]["widget"] == "image" and set(image) == {"src", "alt", "credit", "caption", "focus"}
    assert image["focus"]["pattern"][0] == load_schema("article")["properties"]["image"]["properties"]["focus"]["pattern"]
    assert _collection("van-ban")["file"] == "_data/van-ban.yml"
    assert _collection("ke-hoach")["file"] == "_data/ke-hoach-tuyen-truyen.yml"
    assert _collection("tien-do")["folder"] == "_data/tien-do"
    assert _collection("nghi-quyet")["folder"] == "nghi-quyet-43"


DAYJS_TO_STRFTIME = {"YYYY": "%Y", "MM": "%m", "DD": "%d", "HH": "%H", "mm": "%M"}


def test_datetime_format_round_trips_through_our_parser() -> None:
    fields = _by_name(_collection("articles")["fields"])
    assert fields["date"]["widget"] == DATE_WIDGET and fields["date"]["format"] == DATETIME_FORMAT
    pattern = re.sub("|".join(DAYJS_TO_STRFTIME), lambda m: DAYJS_TO_STRFTIME[m.group(0)], DATETIME_FORMAT)
    when = datetime(2023, 4, 5, 9, 30, tzinfo=TIMEZONE)
    written = when.strftime(pattern)
    assert written == "2023-04-05 09:30" and parse_datetime(written) == when


def test_each_photo_story_has_a_captions_form(tmp_path: Path) -> None:
    """Every folder with a captions file gets a form; its photo is chosen among the folder's own
    files; the form saves the file the story reads, and nothing else of the folder."""
    stories = next(c for c in _config()["collections"] if c["name"] == "phong-su-anh")
    assert stories["label"] == "Phóng sự ảnh" and stories["delete"] is False
    (form,) = stories["files"]
    assert form["file"] == "tin-tuc/posts/anh/chuyen-muc-bon-kenh/chu-thich.yml"
    assert form["label"] == "Phóng sự ảnh: anh/chuyen-muc-bon-kenh"  # as the article's ::gallery line says
    photos = _by_name(form["fields"])["photos"]
    assert photos["summary"].startswith("{{fields.file")
    file_field = _by_name(photos["fields"])["file"]
    folder = ROOT / "docs" / "tin-tuc" / "posts" / "anh" / "chuyen-muc-bon-kenh"
    assert file_field["widget"] == "select"
    assert file_field["options"] == sorted(p.name for p in folder.iterdir() if p.suffix == ".png")
    assert form["file"] in Areas.from_config(_config()).files

    docs = tmp_path / "docs"
    (docs / "bai" / "anh" / "mot").mkdir(parents=True)
    (docs / "bai" / "anh" / "mot" / "chu-thich.yml").write_text("photos: []\n")
    (docs / "bai" / "anh" / "mot" / "02.jpg").write_bytes(b"")
    (docs / "bai" / "anh" / "mot" / "01.jpg").write_bytes(b"")
    (docs / "_data" / "x").mkdir(parents=True)
    (docs / "_data" / "x" / "chu-thich.yml").write_text("photos: []\n")
    (docs / "bai" / "lien-ket").symlink_to(docs / "bai" / "anh")
    found = gallery_folders(docs)
    assert [(g.captions, g.photos) for g in found] == [("bai/anh/mot/chu-thich.yml", ("01.jpg", "02.jpg"))]


def test_problems_of_captions_and_home_files_name_the_form_labels() -> None:
    assert field_label("docs/tin-tuc/posts/anh/x/chu-thich.yml", "photos[2].credit") == "Ảnh (mục 2) › Tác giả ảnh"
    assert field_label("docs/_data/trang-chu.yml", "visual.alt") == "Ảnh nền › Mô tả ảnh nền"


def test_a_schema_field_without_label_stops_the_generation() -> None:
    with pytest.raises(UnlabelledField, match="extra"):
        SchemaFields({"properties": {"extra": {"type": "string"}}}, {}).fields()


def test_all_schemas_are_known() -> None:
    assert all(path.is_file() for path in SCHEMAS.values())


# -- a team's backend -------------------------------------------------------------------
GITLAB = {"backend": "gitlab", "repo": "ban-tuyen-giao/so-ket", "base_url": "https://gitlab.example.vn",
          "app_id": "abc123"}


def test_gitlab_team_uses_the_editorial_workflow() -> None:
    ws = team_settings(WorkspaceSettings(categories=CATEGORIES), GITLAB)
    config = cms_config(ws)
    assert config["backend"] == {"name": "gitlab", "branch": "main", "repo": "ban-tuyen-giao/so-ket",
                                 "base_url": "https://gitlab.example.vn", "app_id": "abc123",
                                 "auth_type": "pkce", "api_root": "https://gitlab.example.vn/api/v4"}
    assert config["publish_mode"] == "editorial_workflow"
    assert yaml.safe_load(yaml.safe_dump(config, allow_unicode=True)) == config


def test_forgejo_has_the_workflow_gitea_must_not_save_to_main() -> None:
    forgejo, workflow = team_backend({**GITLAB, "backend": "forgejo"})
    assert workflow and forgejo["api_root"] == "https://gitlab.example.vn/api/v1"
    with pytest.raises(ValueError, match="main"):
        team_backend({**GITLAB, "backend": "gitea"})
    gitea, workflow = team_backend({**GITLAB, "backend": "gitea", "branch": "bien-tap"})
    assert not workflow and gitea["branch"] == "bien-tap"
    assert "publish_mode" not in cms_config(WorkspaceSettings(backend=gitea))


@pytest.mark.parametrize("options", [{**GITLAB, "backend": "github"}, {**GITLAB, "app_id": ""}])
def test_bad_team_options_are_refused_in_vietnamese(options: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="workspace"):
        team_backend(options)


# -- Vietnamese throughout ---------------------------------------------------------------
LOCALE_DUMP = """
const base = process.argv[1];
const en = (await import(base + '/en/index.js')).default;
const vi = (await import(base + '/vi/index.js')).default;
console.log(JSON.stringify({en, vi}));
"""


def _leaves(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(_leaves(value, prefix + key + "."))
        else:
            out[prefix + key] = value
    return out


def test_every_english_string_of_decap_has_a_vietnamese_one() -> None:
    node = shutil.which("node")
    if node is None or not LOCALES.is_dir():
        pytest.fail("node and node_modules/decap-cms-locales are needed: run `npm ci`")
    dump = subprocess.run([node, "--input-type=module", "-e", LOCALE_DUMP, str(LOCALES)],
                          capture_output=True, text=True, check=True)
    locales = json.loads(dump.stdout)
    english = _leaves(locales["en"])
    vietnamese = _leaves(merged(locales["vi"], vietnamese_strings()))
    missing = [k for k in english if not str(vietnamese.get(k, "")).strip()]
    assert missing == []
    # The placeholders Decap fills in must survive, but where Decap puts a JavaScript engine's
    # own English message (a deploy preview's failure: "Cannot read properties of undefined").
    dropped = {"ui.toast.onFailToLoadDeployPreview": {"%{details}"}}
    for key, text in english.items():
        wanted = set(re.findall(r"%\{\w+\}", text)) - dropped.get(key, set())
        assert wanted <= set(re.findall(r"%\{\w+\}", vietnamese[key])), key
    ours = _leaves(vietnamese_strings())
    assert all(key in english for key in ours), "a string for a key Decap does not have"
