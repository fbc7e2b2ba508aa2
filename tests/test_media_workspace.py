"""The workspace's "Video / âm thanh" editor component (admin/workspace.js), run in Node.js with a
recording stand-in for Decap's ``CMS`` object: the line it writes is the one the check reads,
and its preview is the player with Vietnamese captions. And the Decap configuration offers it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from microsite.media.embed import parse_line
from microsite.workspace.cms_config import WorkspaceSettings, cms_config

WORKSPACE_JS = Path(__file__).resolve().parent.parent / "scripts" / "microsite" / "workspace" / "admin" / "workspace.js"

# Decap's CMS object as workspace.js uses it, recording the editor components; then each case.
HARNESS = """
const components = {};
global.window = {
  MICROSITE_SITE: {styles: [], infographics: {}, infographicImage: '', statusUrl: '', vi: {}, sort: {}},
  h: () => null,
  localStorage: {getItem: () => 'raw', setItem: () => {}},
  CMS: {
    registerLocale() {}, getLocale() { return {}; }, registerPreviewStyle() {},
    registerEditorComponent(c) { components[c.id] = c; }, registerPreviewTemplate() {},
    registerEventListener() {}, init() {},
  },
};
global.document = {getElementById: () => null};
// The rest of workspace.js (autosave, banner, ...) needs a real page; the components come first.
try { require(process.argv[1]); } catch (e) { if (!components.media) { throw e; } }
const media = components.media;
const line = '::video anh/phong-su.mp4 "Phóng sự sơ kết"';
const match = line.match(media.pattern);
const data = media.fromBlock(match);
const out = {
  fields: media.fields.map(f => [f.name, f.widget]),
  data,
  block: media.toBlock(data),
  audio: media.toBlock({kind: 'audio', src: 'anh/ban-tin.mp3', title: ''}),
  preview: media.toPreview(data, path => '/docs/tin-tuc/posts/' + path),
  noMatch: '::video'.match(media.pattern) === null,
};
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def component() -> dict[str, object]:
    node = shutil.which("node")
    assert node, "Node.js is missing: .ci/system-deps installs it"
    done = subprocess.run([node, "-e", HARNESS, str(WORKSPACE_JS)], capture_output=True, text=True, timeout=60, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_component_writes_the_line_the_check_reads(component: dict[str, object]) -> None:
    assert component["data"] == {"kind": "video", "src": "anh/phong-su.mp4", "title": "Phóng sự sơ kết",
                                 "captions": "anh/phong-su.vi.vtt", "poster": "anh/phong-su.jpg"}
    assert component["block"] == '::video anh/phong-su.mp4 "Phóng sự sơ kết"'
    assert parse_line(str(component["block"])) == ("video", "anh/phong-su.mp4", "Phóng sự sơ kết")
    assert parse_line(str(component["audio"])) == ("audio", "anh/ban-tin.mp3", "")
    assert component["noMatch"] is True
    assert ["captions", "file"] in component["fields"] and ["poster", "image"] in component["fields"]  # type: ignore[operator]


def test_the_preview_is_the_player_with_captions(component: dict[str, object]) -> None:
    preview = str(component["preview"])
    assert '<video controls preload="none" playsinline poster="/docs/tin-tuc/posts/anh/phong-su.jpg"' in preview
    assert 'src="/docs/tin-tuc/posts/anh/phong-su.mp4"' in preview
    assert ('<track kind="captions" srclang="vi" label="Phụ đề tiếng Việt" default '
            'src="/docs/tin-tuc/posts/anh/phong-su.vi.vtt">') in preview


def test_decap_offers_the_component_and_the_lead_video_field() -> None:
    articles = next(c for c in cms_config(WorkspaceSettings())["collections"] if c["name"] == "articles")
    fields = {f["name"]: f for f in articles["fields"]}
    assert "media" in fields["body"]["editor_components"]
    assert fields["video"]["widget"] == "file" and fields["video"]["label"] == "Video đầu bài"
    assert fields["video"]["required"] is False
