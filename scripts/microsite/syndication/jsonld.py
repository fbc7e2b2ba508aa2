"""schema.org ``NewsArticle`` JSON-LD, with licence fields on every image.

Search engines and partners' aggregators read licence and credit from
``ImageObject`` (creditText, copyrightNotice, license, acquireLicensePage);
``acquireLicensePage`` points at the article's own republish box.
"""

from __future__ import annotations

import json
from typing import Any

from ..content.model import UpdateKind
from ..media.model import VIDEO, iso_duration
from .entry import CARD_SIZE, Entry, MediaAsset, SiteIdentity
from .licence import copyright_notice

REPUBLISH_ANCHOR = "dang-lai"  # id of the republish box on the article page


def image_object(identity: SiteIdentity, entry: Entry, url: str, credit: str,
                 width: int | None = None, height: int | None = None, caption: str | None = None
                 ) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "ImageObject",
        "url": url,
        "contentUrl": url,
        "creditText": credit,
        "copyrightNotice": copyright_notice(identity, entry.published),
        "license": identity.licence_url,
        "acquireLicensePage": f"{entry.url}#{REPUBLISH_ANCHOR}",
    }
    if width and height:
        data.update(width=width, height=height)
    if caption:
        data["caption"] = caption
    return data


def corrections(entry: Entry) -> list[dict[str, Any]]:
    """schema.org ``correction``: each đính chính as a dated ``CorrectionComment``."""
    return [{"@type": "CorrectionComment", "text": u.note, "datePublished": u.date.isoformat()}
            for u in entry.article.updates if u.kind is UpdateKind.CORRECTION]


def media_object(entry: Entry, media: MediaAsset) -> dict[str, Any]:
    """schema.org ``VideoObject``/``AudioObject`` of an embedded file, with its captions and
    transcript (search engines index both; Google asks a video for a thumbnail and upload date)."""
    data: dict[str, Any] = {
        "@type": "VideoObject" if media.kind == VIDEO else "AudioObject",
        "name": media.title,
        "description": entry.article.summary,
        "thumbnailUrl": media.poster_url or entry.card_url,
        "uploadDate": entry.published.isoformat(),
        "duration": iso_duration(media.duration),
        "contentUrl": media.url,
        "encodingFormat": media.media_type,
        "contentSize": f"{media.length} B",
        "inLanguage": "vi",
        "caption": {"@type": "MediaObject", "contentUrl": media.captions_url, "encodingFormat": "text/vtt",
                    "inLanguage": "vi"},
        "transcript": media.item.transcript_text,
    }
    if media.kind == VIDEO and media.item.info.width and media.item.info.height:
        data.update(width=media.item.info.width, height=media.item.info.height)
    return data


def news_article(entry: Entry, identity: SiteIdentity) -> dict[str, Any]:
    article = entry.article
    images = [image_object(identity, entry, entry.card_url, identity.publisher, *CARD_SIZE)]
    # Search engines pick the ratio they show: the lead photo cropped 16:9, 4:3 and 1:1 around its
    # focal point (photos.library), else the photo as it is.
    for img in reversed(entry.crops or ((entry.image,) if entry.image else ())):
        images.insert(0, image_object(identity, entry, img.url, img.credit, img.width, img.height, img.alt))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": entry.url},
        "url": entry.url,
        "headline": article.title[:110],
        "description": article.summary,
        "datePublished": entry.published.isoformat(),
        "dateModified": entry.modified.isoformat(),
        "author": [{"@type": "Person", "name": name} for name in article.authors],
        "publisher": {
            "@type": "Organization",
            "name": identity.publisher,
            "url": identity.url,
            "logo": {"@type": "ImageObject", "url": identity.logo_url},
        },
        "image": images,
        "inLanguage": identity.language,
        "isAccessibleForFree": True,
        "keywords": entry.keywords,
        "articleSection": article.categories,
        "copyrightHolder": {"@type": "Organization", "name": identity.publisher},
        "copyrightYear": entry.published.year,
        "license": identity.licence_url,
    }
    if fixes := corrections(entry):
        data["correction"] = fixes
    for key, kind in (("video", "video"), ("audio", "audio")):
        objects = [media_object(entry, m) for m in entry.media if m.kind == kind]
        if objects:
            data[key] = objects
    return data


def script_json(data: dict[str, Any]) -> str:
    """JSON safe to place inside ``<script type="application/ld+json">`` (no ``</``).

    Compact: search engines read it, and every article page carries it (an indented
    copy was ~15% larger, and ``indent`` puts the json module on its pure-Python encoder)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/")
