"""Start tags of an HTML string, read with the standard library's tolerant parser."""

from __future__ import annotations

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))


def parse_html(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Start tags of ``html`` in document order (stdlib parser, tolerant of bad markup)."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.elements
