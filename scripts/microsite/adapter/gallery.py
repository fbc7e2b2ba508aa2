"""MkDocs glue for photo stories (``::gallery``; ``media/gallery.py``, ``markdown/gallery_embed.py``).

The block processor asks for the gallery of a folder named relative to the page being
rendered: the page is MkDocs' link rewriter's (``relpath``, registered on every page's
parser, the accelerated one included), whose file keeps the source path inside docs/ even
for a staged article. The captions files are data, never published.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Markdown
from mkdocs.structure.files import Files

from ..markdown.gallery_embed import Loader
from ..media.gallery import CAPTIONS, Gallery, cached_gallery, folder_stamp, resolve_folder


def gallery_loader(docs_dir: Path) -> Loader:
    root = docs_dir.resolve().parent

    def load(md: Markdown, written: str) -> Gallery | None:
        try:
            relpath = md.treeprocessors["relpath"]
        except KeyError:
            relpath = None
        src_uri = getattr(getattr(relpath, "file", None), "src_uri", None)
        if src_uri is None:  # a blog excerpt's own parser: the full page shows the story
            return None
        folder = resolve_folder(written, docs_dir / src_uri, docs_dir)
        if folder is None or not folder.is_dir():
            return None  # the check reported it
        return cached_gallery(folder, written, root, folder_stamp(folder))

    return load


def drop_captions(files: Files) -> None:
    """The photo stories' ``chu-thich.yml`` are read by the build, not copied into the site."""
    for file in list(files):
        if Path(file.src_uri).name == CAPTIONS:
            files.remove(file)
