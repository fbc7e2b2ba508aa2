"""Skip Python-Markdown's inline pass for text in which no inline pattern can match.

Python-Markdown's ``InlineProcessor`` tries every inline pattern (code spans, links,
images, raw HTML, entities, emphasis, footnote references: 15 with our extensions) on
every text node, one regular-expression scan and several Python calls per pattern.
News prose is mostly plain sentences, and that loop was 40% of converting an article,
paid three times per article (the content check, the page, the listing excerpts).

Each of those patterns needs a character of its own to match at all: ``[`` for links
and references, ``!`` for images, ``<`` for autolinks and raw HTML, ``&`` for entities,
a backtick or backslash for code and escapes, the delimiter tokens for emphasis, two
spaces before a newline for a line break. A text with none of them (and no placeholder
of an earlier processor) comes out of the inline pass unchanged, so this treeprocessor,
just before ``inline``, marks such texts as ``AtomicString`` (which the inline pass
leaves alone) and a second one, just after it, turns them back into plain strings for
the processors that follow (``abbr``, ``toc``, ...). The HTML is byte-identical
(``tests/test_plain_text.py`` compares random documents converted with and without it).

The characters are known only for Python-Markdown's own patterns, checked by name,
class and regular expression; when any other inline pattern is registered (an
extension we do not know), nothing is marked and the inline pass runs as usual, and
one line in the log (``switched_off``) says which pattern.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown, inlinepatterns
from markdown.extensions.footnotes import FootnoteInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import STX, ETX, AtomicString

from .switched_off import switched_off

# name -> (class, its regular expression or None when it is built from tokens, characters
# without which it cannot match). Python-Markdown 3.11's defaults plus ``footnotes``.
_KNOWN: dict[str, tuple[type, str | None, str]] = {
    "backtick": (inlinepatterns.BacktickInlineProcessor, inlinepatterns.BACKTICK_RE, "`\\"),
    "escape": (inlinepatterns.EscapeInlineProcessor, inlinepatterns.ESCAPE_RE, "\\"),
    "reference": (inlinepatterns.ReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, "["),
    "link": (inlinepatterns.LinkInlineProcessor, inlinepatterns.LINK_RE, "["),
    "image_link": (inlinepatterns.ImageInlineProcessor, inlinepatterns.IMAGE_LINK_RE, "!["),
    "image_reference": (inlinepatterns.ImageReferenceInlineProcessor, inlinepatterns.IMAGE_REFERENCE_RE, "!["),
    "short_reference": (inlinepatterns.ShortReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, "["),
    "short_image_ref": (inlinepatterns.ShortImageReferenceInlineProcessor, inlinepatterns.IMAGE_REFERENCE_RE, "!["),
    "autolink": (inlinepatterns.AutolinkInlineProcessor, inlinepatterns.AUTOLINK_RE, "<"),
    "automail": (inlinepatterns.AutomailInlineProcessor, inlinepatterns.AUTOMAIL_RE, "<"),
    "linebreak": (inlinepatterns.SubstituteTagInlineProcessor, inlinepatterns.LINE_BREAK_RE, ""),  # "  \n"
    "html": (inlinepatterns.HtmlInlineProcessor, inlinepatterns.HTML_RE, "<"),
    "entity": (inlinepatterns.HtmlInlineProcessor, inlinepatterns.ENTITY_RE, "&"),
    "em_strong": (inlinepatterns.DelimiterProcessor, None, ""),  # its tokens, read at run time
    "footnote": (FootnoteInlineProcessor, r"\[\^([^\]]*)\]", "["),  # local to footnotes.extendMarkdown
}
LINE_BREAK = "  \n"
MARK_PRIORITY = 20.5  # Python-Markdown's inline pass is registered at 20
RESTORE_PRIORITY = 19.5


def _trigger_chars(md: Markdown) -> str | None:
    """Every character some registered inline pattern needs; None if one is unknown."""
    chars = {STX, ETX}  # placeholders of earlier processors are resolved by the inline pass
    for name in md.inlinePatterns._data:  # type: ignore[attr-defined]  # private: the registry has no public name list
        pattern = md.inlinePatterns[name]
        known = _KNOWN.get(name)
        if known is None or type(pattern) is not known[0]:
            switched_off("plain_text", f"mẫu inline lạ '{name}' ({type(pattern).__name__}) của Python-Markdown")
            return None
        if isinstance(pattern, inlinepatterns.DelimiterProcessor):
            chars.update("".join(pattern.tokens))
        elif known[1] is None or getattr(pattern, "pattern", None) != known[1]:
            switched_off("plain_text", f"mẫu inline '{name}' có biểu thức chính quy khác bảng đã biết")
            return None
        chars.update(known[2])
    return "".join(sorted(chars))


def _plain_matcher(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]|" + re.escape(LINE_BREAK))


class _Marks:
    """Texts marked in one document: (element, "text" or "tail", the marked string)."""

    def __init__(self) -> None:
        self.items: list[tuple[etree.Element, str, AtomicString]] = []
        self.patterns: tuple[tuple[str, int], ...] = ()
        self.matcher: re.Pattern[str] | None = None


class MarkPlainText(Treeprocessor):
    """Before the inline pass: plain texts become ``AtomicString``."""

    def __init__(self, md: Markdown, marks: _Marks) -> None:
        super().__init__(md)
        self.marks = marks

    def _matcher(self) -> re.Pattern[str] | None:
        patterns = self.md.inlinePatterns
        registered = tuple((name, id(patterns[name])) for name in patterns._data)  # type: ignore[attr-defined]  # private: the registry has no public name list
        if registered != self.marks.patterns:  # extensions may change patterns between documents
            chars = _trigger_chars(self.md)
            self.marks.patterns = registered
            self.marks.matcher = _plain_matcher(chars) if chars is not None else None
        return self.marks.matcher

    def run(self, root: etree.Element) -> None:
        items = self.marks.items
        items.clear()
        matcher = self._matcher()
        if matcher is None:
            return
        special = matcher.search
        for el in root.iter():
            text = el.text
            if text and type(text) is str and not special(text):
                el.text = marked = AtomicString(text)
                items.append((el, "text", marked))
            tail = el.tail
            if tail and type(tail) is str and not special(tail):
                el.tail = marked = AtomicString(tail)
                items.append((el, "tail", marked))


class RestorePlainText(Treeprocessor):
    """After the inline pass: the marked texts are plain strings again.

    The inline pass hands a marked tail back as a new ``AtomicString`` of the same
    value, so values are compared, not identities."""

    def __init__(self, md: Markdown, marks: _Marks) -> None:
        super().__init__(md)
        self.marks = marks

    def run(self, root: etree.Element) -> None:
        for el, attr, marked in self.marks.items:
            value = getattr(el, attr)
            if isinstance(value, AtomicString) and value == marked:
                setattr(el, attr, str(value))
        self.marks.items.clear()


class PlainTextExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        marks = _Marks()
        md.treeprocessors.register(MarkPlainText(md, marks), "microsite_plain_text", MARK_PRIORITY)
        md.treeprocessors.register(RestorePlainText(md, marks), "microsite_plain_text_restore", RESTORE_PRIORITY)


def makeExtension(**kwargs: object) -> PlainTextExtension:  # Markdown's loading convention
    return PlainTextExtension(**kwargs)
