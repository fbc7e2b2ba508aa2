"""IPTC ninjs 3.1 documents: one per article, one per infographic, and a bulk index.

Partner CMSs (the province's paper, the portals) import ninjs directly: headline, lead, body
HTML, byline, renditions, licence (``usageTerms`` + ``rightsInfo``) and copyright.
The index is itself a ninjs ``composite`` whose associations point to every document,
so one schema validates everything.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..text.slugs import slugify
from ..media.model import VIDEO, KIND_LABELS
from .entry import CARD_SIZE, Entry, MediaAsset, SiteIdentity
from .infographic import Infographic
from .licence import copyright_notice, image_credit, usage_terms
from .republish import body_html, html_to_text

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
STANDARD = {"name": "ninjs", "version": "3.1", "schema": NINJS_SCHEMA}
INDEX_PATH = "api/ninjs/index.json"
INFOGRAPHIC_DIR = "api/ninjs/infographic/"


def _rights(identity: SiteIdentity, when: datetime) -> dict[str, Any]:
    return {
        "copyrightHolder": identity.publisher,
        "copyrightNotice": copyright_notice(identity, when),
        "usageTerms": usage_terms(identity),
        "rightsInfo": {"linkedRights": identity.licence_url},
    }


def _stamp(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def article_ninjs(entry: Entry, identity: SiteIdentity) -> dict[str, Any]:
    article = entry.article
    body = body_html(entry)
    text = html_to_text(entry.html)
    doc: dict[str, Any] = {
        "standard": dict(STANDARD),
        "uri": entry.url,
        "type": "text",
        "representationType": "full",
        "profile": "text-photo" if entry.image else "text-only",
        "version": str(1 + len(article.updates)),  # each update or correction is a new version
        "firstCreated": _stamp(entry.published),
        "versionCreated": _stamp(entry.modified),
        "contentCreated": _stamp(entry.published),
        "pubStatus": "usable",
        "language": identity.language,
        "title": article.title,
        "slugline": article.slug,
        "headlines": [{"role": "main", "value": article.title}],
        "descriptions": [{"role": "summary", "contentType": "text/plain", "value": article.summary}],
        "bodies": [
            {"role": "main", "contentType": "text/html", "value": body,
             "charCount": len(text), "wordCount": len(text.split())},
            {"role": "main", "contentType": "text/plain", "value": text},
        ],
        "by": article.byline,
        "infoSources": [{"name": identity.publisher, "role": "publisher", "uri": identity.url}],
        "subjects": [{"name": k} for k in entry.keywords],
        "renditions": [
            {"name": "web", "href": entry.url, "contentType": "text/html", "title": article.title},
            {"name": "presskit", "href": entry.kit_url, "contentType": "application/zip",
             "title": "Bộ tư liệu bài viết (ZIP)"},
            {"name": "card", "href": entry.card_url, "contentType": "image/png",
             "width": CARD_SIZE[0], "height": CARD_SIZE[1], "title": "Thẻ mạng xã hội"},
        ],
        **_rights(identity, entry.published),
    }
    if article.source:
        doc["edNote"] = article.source
    associations = [media_association(entry, media, n, identity) for n, media in enumerate(entry.media, 1)]
    if entry.image:
        img = entry.image
        rendition: dict[str, Any] = {"name": "original", "href": img.url, "contentType": img.media_type,
                                     "sizeInBytes": img.length}
        if img.width and img.height:
            rendition.update(width=img.width, height=img.height)
        doc["associations"] = [{
            "name": "featureimage",
            "rel": "featureimage",
            "uri": img.url,
            "type": "picture",
            "by": image_credit(img.credit),
            "descriptions": [{"role": "alt", "value": img.alt}],
            "renditions": [rendition],
            **_rights(identity, entry.published),
        }, *associations]
    elif associations:
        doc["associations"] = associations
    return doc


def media_association(entry: Entry, media: MediaAsset, number: int, identity: SiteIdentity) -> dict[str, Any]:
    """A video or audio file of the article: the file, its Vietnamese captions (WebVTT) and,
    for a video, its poster as renditions; the transcript as its plain-text body."""
    info = media.item.info
    original: dict[str, Any] = {"name": "original", "href": media.url, "contentType": media.media_type,
                                "sizeInBytes": info.size, "duration": round(info.duration, 3)}
    if media.kind == VIDEO:
        if info.width and info.height:
            original.update(width=info.width, height=info.height)
        original["videoCodec"] = info.video_codec
    renditions = [original, {"name": "captions-vi", "href": media.captions_url, "contentType": "text/vtt",
                             "title": "Phụ đề tiếng Việt (WebVTT)"}]
    if media.poster_url:
        renditions.append({"name": "poster", "href": media.poster_url, "contentType": "image/jpeg",
                           "title": "Ảnh đại diện của video"})
    return {
        "name": f"{media.kind}{number}",
        "rel": media.kind,
        "uri": media.url,
        "type": media.kind,
        "title": media.title,
        "headlines": [{"role": "main", "value": media.title}],
        "descriptions": [{"role": "summary", "value": f"Tệp {KIND_LABELS[media.kind]} kèm bài, có phụ đề tiếng Việt."}],
        "bodies": [{"role": "transcript", "contentType": "text/plain", "value": media.item.transcript_text}],
        "language": "vi",
        "renditions": renditions,
        **_rights(identity, entry.published),
    }


def infographic_ninjs(info: Infographic, identity: SiteIdentity) -> dict[str, Any]:
    when = info.as_of_datetime
    return {
        "standard": dict(STANDARD),
        "uri": identity.absolute(infographic_path(info)),  # unique even when pages are shared
        "type": "graphic",
        "representationType": "full",
        "version": "1",
        "contentCreated": _stamp(when),
        "pubStatus": "usable",
        "language": identity.language,
        "title": info.title,
        "slugline": info.id,
        "headlines": [{"role": "main", "value": info.title}],
        "descriptions": [{"role": "alt", "value": info.alt},
                         {"role": "source", "value": f"Nguồn số liệu: {info.source}"}],
        "by": f"Đồ họa: {identity.publisher}",
        "infoSources": [{"name": info.source, "role": "source"}],
        "renditions": [
            {"name": "page", "href": info.page, "contentType": "text/html", "title": info.title},
            *({"name": r.channel, "href": r.url, "contentType": r.media_type, "width": r.width,
               "height": r.height, "title": r.label} for r in info.renditions),
            {"name": "data", "href": info.data, "contentType": "text/csv", "title": "Số liệu (CSV)"},
        ],
        **_rights(identity, when),
    }


def infographic_path(info: Infographic) -> str:
    """Site-relative home of an infographic's ninjs document; one page may show several
    infographics, so documents are keyed by catalogue id, not by page."""
    return f"{INFOGRAPHIC_DIR}{slugify(info.id)}.json"


def index_ninjs(docs: list[tuple[str, dict[str, Any]]], identity: SiteIdentity,
                updated: datetime) -> dict[str, Any]:
    """Bulk-import index: a composite whose associations name each document and link to it.

    ``docs`` pairs each document's own URL (where its ninjs.json lives) with the document.
    """
    associations = []
    for href, doc in docs:
        item: dict[str, Any] = {
            "name": doc.get("slugline", doc["uri"]),
            "rel": "item",
            "uri": doc["uri"],
            "type": doc["type"],
            "headlines": doc["headlines"],
            "renditions": [{"name": "ninjs", "href": href, "contentType": "application/ninjs+json"}],
        }
        for key in ("versionCreated", "contentCreated", "by", "pubStatus"):
            if key in doc:
                item[key] = doc[key]
        associations.append(item)
    return {
        "standard": dict(STANDARD),
        "uri": identity.absolute(INDEX_PATH),
        "type": "composite",
        "representationType": "partial",
        "versionCreated": _stamp(updated),
        "language": identity.language,
        "title": f"{identity.name}: danh mục ninjs",
        "associations": associations,
        **_rights(identity, updated),
    }
