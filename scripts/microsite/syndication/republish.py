"""Copy-ready article text for partners: clean HTML for a CMS, plain text for radio and TV.

The HTML goes through nh3 (the Rust ``ammonia`` sanitiser) with a short allow-list:
structure, emphasis, links, images and tables only, so no script, no event handler and
no ``style`` attribute can reach a partner's CMS, and every relative URL is made
absolute against the article's canonical URL while sanitising.
"""

from __future__ import annotations

import html as html_lib
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

import lxml.html
import nh3
from lxml import etree

from ..media.model import VIDEO, spoken_duration
from .entry import Entry, ImageAsset, SiteIdentity
from .licence import attribution_text, image_credit

ALLOWED_TAGS = frozenset({
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "strong", "em", "b", "i",
    "a", "img", "figure", "figcaption", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "br", "hr", "abbr", "sub", "sup", "cite", "q", "small", "details", "summary",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_ATTRIBUTES = {("a", "href"), ("img", "src")}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Python-Markdown's toc permalink (``<a class="headerlink" …>¶</a>``) is site chrome, not text.
HEADERLINK = re.compile(r"<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>", re.S)


class SanitisedHtml(str):
    """HTML as ``clean_html`` returned it. Sanitising it again against the same base URL
    returns it unchanged (nh3's output is a fixed point and its URLs are absolute already;
    tested), so ``republish_html`` passes it through instead of paying for a second pass
    over the whole article."""

    __slots__ = ()


class _Sanitiser:
    """One ``nh3.Cleaner`` for every call: ``nh3.clean`` converts the allow-lists from Python
    sets on each call, which cost more than sanitising a short fragment (an article page
    sanitises three). The base URL differs per article, so the attribute filter reads it
    from a thread-local slot that ``clean`` fills for the duration of the call (nh3 calls
    the filter synchronously, in the calling thread)."""

    def __init__(self) -> None:
        self._base = threading.local()
        self._cleaner = nh3.Cleaner(
            tags=set(ALLOWED_TAGS),
            attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
            attribute_filter=self._absolute,
            url_schemes=set(URL_SCHEMES),
            link_rel=None,
            strip_comments=True,
        )

    def _absolute(self, tag: str, attr: str, value: str) -> str | None:
        if (tag, attr) in URL_ATTRIBUTES:
            return urljoin(self._base.url, value)
        return value

    def clean(self, html: str, base_url: str) -> str:
        self._base.url = base_url
        try:
            return self._cleaner.clean(html)
        finally:
            self._base.url = None


_SANITISER = _Sanitiser()


def clean_html(html: str, base_url: str) -> SanitisedHtml:
    """Sanitise rendered article HTML and make its URLs absolute against ``base_url``."""
    cleaned = _SANITISER.clean(HEADERLINK.sub("", html), base_url)
    return SanitisedHtml(re.sub(r"\n{3,}", "\n\n", cleaned).strip())


def figure_html(image: ImageAsset) -> str:
    """The featured image with its credit as a caption (credit is never dropped)."""
    size = f' width="{image.width}" height="{image.height}"' if image.width and image.height else ""
    return (f'<figure><img src="{html_lib.escape(image.url)}" alt="{html_lib.escape(image.alt)}"{size}>'
            f"<figcaption>{html_lib.escape(image_credit(image.credit))}</figcaption></figure>")


def attribution_html(entry: Entry, identity: SiteIdentity) -> str:
    text = html_lib.escape(attribution_text(entry, identity))
    link = f'<a href="{html_lib.escape(entry.url)}">{html_lib.escape(entry.url)}</a>'
    return "<p><em>" + text.replace(html_lib.escape(entry.url), link, 1) + "</em></p>"


def body_html(entry: Entry) -> str:
    """Featured image (if any) then the body: the full content used in feeds."""
    parts = [figure_html(entry.image)] if entry.image else []
    parts.append(entry.html)
    return "\n".join(parts)


def republish_html(entry: Entry, identity: SiteIdentity) -> str:
    """What a partner pastes into its CMS: headline, byline, content, attribution.

    Everything passes the sanitiser: what this function writes around the body, and the
    body too unless it is already ``SanitisedHtml`` (the same bytes as sanitising the
    assembled document, tested, for half the cost)."""
    head = [f"<h2>{html_lib.escape(entry.title)}</h2>",
            f"<p><strong>{html_lib.escape(entry.article.summary)}</strong></p>"]
    if entry.image:
        head.append(figure_html(entry.image))
    tail = [f"<p><strong>{html_lib.escape(entry.article.byline)}</strong></p>"] if entry.article.byline else []
    if entry.article.source:
        tail.append(f"<p>{html_lib.escape(entry.article.source)}</p>")
    tail.append(attribution_html(entry, identity))
    body = entry.html if isinstance(entry.html, SanitisedHtml) else clean_html(entry.html, entry.url)
    return "\n".join([clean_html("\n".join(head), entry.url), body, clean_html("\n".join(tail), entry.url)])


# -- plain text -------------------------------------------------------------------------

BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr",
                        "caption", "div", "br", "hr", "table", "ul", "ol"})
CELL_TAGS = frozenset({"td", "th"})
# Pictures and players are not read on air; nor is a transcript's "show" label (its text is).
SKIPPED_TAGS = frozenset({"figure", "script", "style", "summary"})


class _Blocks:
    """Text gathered block by block; a table row's cells are read as a list: "A, B, C"."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.cells: list[list[str]] = [[]]

    def add(self, text: str) -> None:
        self.cells[-1].append(text)

    def new_cell(self) -> None:
        self.cells.append([])

    def flush(self) -> None:
        parts = (" ".join("".join(cell).split()) for cell in self.cells)  # white space collapsed
        text = ", ".join(part for part in parts if part)
        if text:
            self.blocks.append(text)
        self.cells = [[]]


# A token of sanitised HTML: a start or end tag (nh3 quotes every attribute value with "
# and may leave ">" in one) or the text up to the next tag.
_TOKEN = re.compile(r'<(/?)([A-Za-z][A-Za-z0-9]*)(?:[^>"\']|"[^"]*"|\'[^\']*\')*>|([^<]+)')


def _sanitised_text(html: SanitisedHtml) -> str | None:
    """``html_to_text`` read from the tokens of nh3's output, without building a tree.

    nh3 writes well-formed markup from a short list of tags: no comments, no script or
    style, every "<" in text escaped. The same blocks come out as from lxml's walk in
    0,5 ms instead of 0,8 ms an article (tested on generated and fuzzed articles); None,
    for lxml to read it, if any "<" does not open a tag."""
    out, skipped, at = _Blocks(), 0, 0
    for match in _TOKEN.finditer(html):
        if match.start() != at:
            return None
        at = match.end()
        text = match.group(3)
        if text is not None:
            if not skipped:
                out.add(html_lib.unescape(text))
            continue
        tag, end = match.group(2).lower(), match.group(1)
        if tag in SKIPPED_TAGS:
            skipped += -1 if end else 1
        elif tag in BLOCK_TAGS:
            out.flush()
        elif tag in CELL_TAGS and not end:
            out.new_cell()
    if at != len(html) or skipped:
        return None
    out.flush()
    return "\n\n".join(out.blocks)


@lru_cache(maxsize=8192)
def html_to_text(html: str) -> str:
    """Paragraphs separated by blank lines; no markup, no image captions.

    lxml walks the markup (a third of the time of the standard library's parser, which
    was most of the cost of the radio text); sanitised HTML is read from its tokens
    (``_sanitised_text``). Memoised: the radio text and the ninjs document of an
    article both need it."""
    if not html.strip():
        return ""
    if isinstance(html, SanitisedHtml):
        text = _sanitised_text(html)
        if text is not None:
            return text
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out, skipped = _Blocks(), 0
    for event, element in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = element.tag if isinstance(element.tag, str) else None
        if event in ("comment", "pi"):  # their own text is not read; what follows them is
            if not skipped and element.tail:
                out.add(element.tail)
            continue
        if event == "start":
            if tag in SKIPPED_TAGS:
                skipped += 1
            elif tag in BLOCK_TAGS:
                out.flush()
            elif tag in CELL_TAGS:
                out.new_cell()
            if tag and not skipped and element.text:
                out.add(element.text)
            continue
        if tag in SKIPPED_TAGS:
            skipped -= 1
        elif tag in BLOCK_TAGS:
            out.flush()
        if element is not root and not skipped and element.tail:
            out.add(element.tail)
    out.flush()
    return "\n\n".join(out.blocks)


# Abbreviations expanded only as whole words; inside document numbers such as
# "12-NQ/TU" or "45-KH/TU" they stay, because a code is read as written.
ABBREVIATIONS = {
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "BCH": "Ban Chấp hành",
    "TTĐT": "thông tin điện tử",
    "NQ": "Nghị quyết",
    "TW": "Trung ương",
    "TP": "thành phố",
}
_WORD_EDGE_BEFORE = r"(?<![\w/\-.])"
_WORD_EDGE_AFTER = r"(?![\w/\-]|\.\w)"  # "TP.HCM" is a name and stays
# One pass for all of them (no expansion contains an abbreviation, so the order of the
# table does not matter); longest first so that no short one wins over a longer one.
_ABBREVIATION = re.compile("(?=[" + "".join(sorted({k[0] for k in ABBREVIATIONS})) + "])" + _WORD_EDGE_BEFORE + "("
                           + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
                           + ")" + _WORD_EDGE_AFTER)

# (pattern, replacement, substrings of which the text needs one for the pattern to match at
# all: a scan of a whole article per pattern is most of the cost, and most skip). A pattern
# that opens with a look-behind starts with a look-ahead for the character every match
# begins with: the same matches, found about twice as fast (re then skips other positions).
READ_ALOUD_RULES: list[tuple[re.Pattern[str], str, tuple[str, ...]]] = [
    # 29-3-2023 -> 29 tháng 3 năm 2023
    (re.compile(r"(?=\d)(?<![\d/\-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d\-])"), r"\1 tháng \2 năm \3", ("-",)),
    # tháng 3-2023 -> tháng 3 năm 2023
    (re.compile(r"(?=t)\btháng (\d{1,2})-(\d{4})\b"), r"tháng \1 năm \2", ("tháng ",)),
    # 2020–2025 -> 2020 đến 2025
    (re.compile(r"(?=\d)(?<![\d\-])(\d{4})\s?[–-]\s?(\d{4})(?![\d\-])"), r"\1 đến \2", ("–", "-")),
    # "TP. Huế" -> "thành phố Huế" (the abbreviation's own full stop goes too)
    (re.compile(r"(?=T)(?<![\w.])TP\.\s"), "thành phố ", ("TP.",)),
    # 21,5% -> 21,5 phần trăm
    (re.compile(r"(\d+(?:,\d+)?)\s?%"), r"\1 phần trăm", ("%",)),
]
# 14/16 -> 14 trên 16 (not dates such as 29/3/2023: no slash or digit on either side)
FRACTION = re.compile(r"(?=\d)(?<![\d/,.])(\d{1,3})/(\d{1,3})(?![\d/])")


def _fraction(match: re.Match[str]) -> str:
    return f"{int(match.group(1))} trên {int(match.group(2))}"


def read_aloud(text: str) -> str:
    """Rewrite numbers and abbreviations the way a presenter reads them, where that is safe."""
    for pattern, repl, needs in READ_ALOUD_RULES:
        if any(part in text for part in needs):
            text = pattern.sub(repl, text)
    if "/" in text:
        text = FRACTION.sub(_fraction, text)
    if any(short in text for short in ABBREVIATIONS):
        text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    return text


@lru_cache(maxsize=4096)
def _spoken(title: str, summary: str, html: str) -> str:
    """Title, lead and body read aloud. Memoised on the texts: the article page's reuse box
    and the press kit both print it, and rewriting is the costly part."""
    return "\n\n".join(read_aloud(p) for p in (title, summary, html_to_text(html)))


def media_lines(entry: Entry) -> list[str]:
    """One line per video or audio file of the article: what it is, how long, where to fetch it
    (the presenter or the editor of the DRT bulletin plays it from there)."""
    return [f"{'Video' if m.kind == VIDEO else 'Âm thanh'} kèm bài: {m.title} (dài {spoken_duration(m.duration)}), "
            f"tệp: {m.url}, phụ đề: {m.captions_url}" for m in entry.media]


def radio_script(entry: Entry, identity: SiteIdentity) -> str:
    """Plain text for radio and television: title, lead, body read aloud (a transcript under
    a player too), the files to play, byline, attribution."""
    spoken = _spoken(entry.title, entry.article.summary, entry.html)
    if entry.media:
        spoken += "\n\n" + "\n".join(media_lines(entry))
    tail = [entry.article.byline] if entry.article.byline else []
    if entry.article.source:
        tail.append(entry.article.source)
    tail.append(attribution_text(entry, identity))
    return spoken + "\n\n" + "\n".join(tail) + "\n"


@dataclass(frozen=True)
class ReuseTexts:
    """What the article page's reuse box shows and its press kit contains, computed once."""

    html: str  # republish_html
    radio: str  # radio_script


def reuse_texts(entry: Entry, identity: SiteIdentity) -> ReuseTexts:
    return ReuseTexts(republish_html(entry, identity), radio_script(entry, identity))


def forget() -> None:
    """Drop the memoised texts: they are for one build (``microsite serve`` rebuilds in one
    process and would otherwise keep every earlier build's articles in memory)."""
    html_to_text.cache_clear()
    _spoken.cache_clear()
