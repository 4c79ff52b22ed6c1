"""Head data of a page from its document (vkc.site.meta) and its card (vkc.reports.cards):
description rules, escaping, legal force and supersession in the JSON-LD after expansion
(pyld, local context), and reproducible 1200x630 card bytes."""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path
from typing import Any

import pytest

from gates.schemaorg import SCHEMA, expand
from vkc.content import load_content
from vkc.document.nodes import Body, Document, Heading, Text, words
from vkc.document.pages import page_documents, record_pages
from vkc.model import LANGS
from vkc.reports.cards import Card, card_digest, render_card
from vkc.site.meta import (
    Site,
    description,
    head_html,
    markdown_document,
    page_head,
    script_json,
    shorten,
    structured_data,
)
from vkc.site.pages import site_of

REPO = Path(__file__).resolve().parents[1]
SITE = Site("https://vkc.example.org/", "Site <b>&")


def test_description_is_the_first_paragraph_before_any_section() -> None:
    body = Body(Text("First **bold** [link](https://x.org) words.\n\nSecond paragraph.", "en", "current"))
    doc = Document("en", "Page", (Heading(1, words("Page")), body), "page.md")
    assert description(doc, SITE) == "First bold link words."
    later = Document("en", "Page", (Heading(1, words("Page")), Heading(2, words("Rec"), "r"), body), "page.md")
    assert description(later, SITE) == "Page: a page of Site <b>&, in Vietnamese, English and Korean."


def test_a_missing_translation_is_not_the_description() -> None:
    body = Body(Text("Đoạn văn tiếng Việt.", "vi", "missing"))
    doc = Document("ko", "용어집", (Heading(1, words("용어집")), body), "glossary.md")
    assert description(doc, SITE) == "Site <b>&의 용어집 페이지입니다. 베트남어, 영어, 한국어로 제공됩니다."


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("word " * 50, 30) == "word word word word word word…"
    assert len(shorten("x" * 400)) == 160


def test_head_escapes_every_value() -> None:
    doc = Document("en", 'A "quoted" <title>', (Body(Text("x </script><!-- & y", "en", "current")),), "a.md")
    data = structured_data(doc, SITE)
    head = head_html(doc, SITE, data)
    assert '<meta property="og:title" content="A &quot;quoted&quot; &lt;title&gt;">' in head
    assert head.count("<script") == 1 and head.count("</script>") == 1
    assert json.loads(script_json({"a": "</script><!--&"})) == {"a": "</script><!--&"}
    assert "<" not in script_json({"a": "</script>"})
    escaped, _ = page_head(doc, SITE)
    assert escaped == "x &lt;/script&gt;&lt;!-- &amp; y"


def test_hand_written_page_as_a_document() -> None:
    text = "---\ntitle: x\n---\n# Using **this** site\n\n- a list\n\nThe first\nparagraph.\n\nMore.\n"
    doc = markdown_document("en", "use.md", text)
    assert doc.title == "Using this site"
    assert description(doc, SITE) == "The first paragraph."


@pytest.fixture(scope="module")
def superseded(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The shipped content with decision 950 superseded by decision 38 (a made-up change, for the test)."""
    root = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(REPO / "content", root)
    shutil.copytree(REPO / "versions", root.parent / "versions")  # the snapshots the content names
    legal = root / "legal.yaml"
    text = legal.read_text(encoding="utf-8")
    first = text.index("    status: unknown")
    text = (
        text[:first]
        + "    status: superseded\n    status_since: 2022-05-12\n    superseded_by: decision-38-bxd"
        + text[first + len("    status: unknown") :]
    )
    second = text.index("    status: unknown")
    text = text[:second] + "    status: in_force" + text[second + len("    status: unknown") :]
    legal.write_text(text, encoding="utf-8")
    content, diags = load_content(root)
    assert content is not None, diags
    return content


@pytest.mark.parametrize("lang", LANGS)
def test_legal_force_and_supersession(superseded: Any, lang: str) -> None:
    doc = page_documents(superseded)["legal.md"][lang]  # type: ignore[index]
    site = site_of(superseded, doc.lang, "https://vkc.example.org/")
    data = structured_data(doc, site, content=superseded, pages=record_pages(superseded), changed="2026-01-02")
    nodes = {n["@id"]: n for n in expand(data)}
    base = f"https://vkc.example.org/{'' if lang == 'vi' else lang + '/'}legal/#"
    old, new = nodes[base + "decision-950"], nodes[base + "decision-38-bxd"]
    assert old[SCHEMA + "legislationLegalForce"] == [{"@id": SCHEMA + "NotInForce"}]
    assert new[SCHEMA + "legislationLegalForce"] == [{"@id": SCHEMA + "InForce"}]
    assert new[SCHEMA + "legislationChanges"] == [{"@id": base + "decision-950"}]
    assert old["@reverse"][SCHEMA + "legislationChanges"] == [{"@id": base + "decision-38-bxd"}]
    assert old[SCHEMA + "legislationIdentifier"] == [{"@value": "950/QĐ-TTg"}]
    assert old[SCHEMA + "legislationDate"] == [{"@value": "2018-08-01"}]


def test_card_is_1200_by_630_and_reproducible() -> None:
    cards = [
        Card("vi", "Hướng dẫn về đô thị thông minh", "Cơ quan, tổ chức", "Bộ Xây dựng; Thủ tướng Chính phủ", "x"),
        Card("ko", "베트남 스마트시티 가이드라인", "용어집", "스마트시티 용어와 정의", "x"),
        Card("en", "Guideline", "Legal documents " * 20, "A long description " * 30, "x"),
    ]
    for card in cards:
        data = render_card(card)
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (1200, 630)
        assert render_card(card) == data
    assert card_digest(cards[0]) == card_digest(Card(*cards[0].__dict__.values()))
    assert card_digest(cards[0]) != card_digest(cards[1])
