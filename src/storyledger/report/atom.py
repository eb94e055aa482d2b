"""Atom feeds of logged changes (RFC 4287), readable by any feed reader.

Story titles, outlet names and search names come from fetched articles and users: they are
hostile. Everything goes through ElementTree (which escapes markup), characters XML cannot
carry are dropped, and links are built from percent-encoded ids only.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import quote

from storyledger.follow import Change

ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
MAX_TEXT = 2000


def clean(text: str | None) -> str:
    """Text XML 1.0 can hold, cut to a readable length."""
    text = _NOT_XML.sub("", text or "")
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _timestamp(value: str | None) -> str:
    if not value:
        return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return value.replace("+00:00", "Z") if "T" in value else f"{value}T00:00:00Z"


def story_url(base: str, story_id: str) -> str:
    return f"{base.rstrip('/')}/stories/{quote(story_id, safe='')}"


def render_atom(
    feed_id: str, title: str, self_url: str, base: str, changes: Iterable[Change]
) -> bytes:
    """The feed document: one entry per change, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    items = list(changes)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}title").text = clean(title)
    updated = max((c.at for c in items), default=None)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(updated)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "storyledger"
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "storyledger"
    for change in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{feed_id}:change:{change.id}"
        story = change.story_title or change.story
        headline = change.summary if len(change.summary) <= 160 else change.summary[:159] + "…"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = clean(f"{headline} ({story})")
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _timestamp(change.at)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=story_url(base, change.story))
        ET.SubElement(entry, f"{{{ATOM}}}category", term=change.kind)
        ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = clean(change.summary)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")


def story_feed_id(story_id: str) -> str:
    return f"urn:storyledger:story:{quote(story_id, safe='')}"


def search_feed_id(name: str) -> str:
    return f"urn:storyledger:search:{quote(name, safe='')}"
