"""The Markdown a blog excerpt needs: the text before the separator, plus its definitions.

Why: Material's blog plugin renders every excerpt by converting the *whole* post and
cutting the HTML at ``<!-- more -->``, once per listing that shows it (blog index page,
archive year, category): with a one-paragraph lead and a 900-word body, three quarters
of the build's Markdown work was thrown away. Converting only the lead gives the same
excerpt as long as the definitions the lead may use come along, because Python-Markdown
resolves them document-wide: reference links (``[id]: url``), footnotes (``[^1]: text``
and its indented continuation lines) and abbreviations (``*[HTML]: ...``). They are kept
*after* the separator, so whatever they render (the footnote list) is cut off exactly as
Material's cut would.

Pure text in, text out: no MkDocs here (the adapter decides when to use it).
"""

from __future__ import annotations

import re

# A definition line as Python-Markdown reads it: up to three spaces of indent, then a
# reference ``[id]:``, a footnote ``[^id]:`` or an abbreviation ``*[abbr]:``.
_DEFINITION = re.compile(r"^ {0,3}(?:\*?\[[^\]\n]+\]|\[\^[^\]\n]+\]):")
_CONTINUATION = re.compile(r"^(?: {4}|\t)\S|^\s*$")


def _definitions(tail: str) -> list[str]:
    """Definition lines of ``tail``, each with its indented continuation (footnote bodies,
    a reference title on the next line)."""
    out: list[str] = []
    inside = False
    for line in tail.splitlines():
        if _DEFINITION.match(line):
            out.append(line)
            inside = True
        elif inside and _CONTINUATION.match(line) and line.strip():
            out.append(line)
        elif inside and not line.strip():
            continue  # a blank line may separate a footnote's paragraphs
        else:
            inside = False
    return out


def excerpt_source(markdown: str, separator: str) -> str | None:
    """Markdown for the excerpt, or None when the post has no separator (render it whole)."""
    head, found, tail = markdown.partition(separator)
    if not found:
        return None
    definitions = _definitions(tail)
    rest = "\n\n" + "\n".join(definitions) + "\n" if definitions else ""
    # Something after the separator keeps Material's "đọc tiếp" link: it shows the link
    # only when the cut left content behind.
    more = "\n\n<!-- -->\n" if tail.strip() else ""
    return head + separator + more + rest
