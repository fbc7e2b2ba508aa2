"""Under the deploy headers (deploy/headers.json, served as nginx serves them), a script that
reached the site outside the theme's asset folder never runs; the theme's own does."""

from __future__ import annotations

from pathlib import Path

from secure_server import production_headers, serve_with_headers


def test_a_script_outside_assets_never_runs(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "theme.js").write_text("document.body.dataset.theme = 'ran';\n")
    uploads = tmp_path / "tin-tuc" / "posts" / "anh"
    uploads.mkdir(parents=True)
    (uploads / "probe.js").write_text("document.body.dataset.probe = 'ran';\n")
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang=vi><body><p>Thử</p>"
        '<script src="/tin-tuc/posts/anh/probe.js"></script><script src="/assets/theme.js"></script></body></html>')
    server = serve_with_headers(tmp_path, production_headers())
    try:
        page.goto(server.url + "/")
        page.wait_for_function("document.body.dataset.theme === 'ran'")
        assert page.evaluate("document.body.dataset.probe") is None
    finally:
        server.httpd.shutdown()
