"""Gate: every page's link preview and structured data, on the shipped content's build.

- Open Graph and Twitter-card tags on every page in all three languages, in the page's
  language, with absolute addresses under site_url, and a 1200x630 PNG card in the tree;
- a meta description on every page, the same as og:description;
- JSON-LD on every page, expanded with pyld (local context, no network) and every type and
  property found in the schema.org vocabulary (gates/schemaorg.py); the legal documents, the
  organizations and the timeline's events checked field by field after expansion.
"""

from __future__ import annotations

import html
import json
import re
import struct
from pathlib import Path
from typing import Any

import pytest
import yaml

from gates import schemaorg
from gates.site import LANG_PREFIX, Built, built, html_pages, page_lang

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

S = schemaorg.SCHEMA
LOCALES = {"vi": "vi_VN", "en": "en_US", "ko": "ko_KR"}
CONTENT = Path(__file__).resolve().parents[1] / "content"
HAND = {p.stem for p in (CONTENT.parent / "docs" / "vi").glob("*.md")}
"""Hand-written pages: dated by git only when committed."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built(tmp_path_factory)


def _pages(root: Path) -> list[str]:
    return [p for p in html_pages(root) if not p.endswith("404.html")]


def _meta(page: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for _attr, key, value in re.findall(r'<meta (property|name)="([^"]+)" content="([^"]*)">', page):
        out.setdefault(key, []).append(html.unescape(value))
    return out


def _jsonld(page: str) -> Any:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_open_graph_on_every_page(site: Built) -> None:
    root, url = site.root, site.url
    pages = _pages(root)
    assert len(pages) >= 45
    langs = set()
    for rel in pages:
        lang = page_lang(rel)
        langs.add(lang)
        page = (root / rel).read_text(encoding="utf-8")
        meta = _meta(page)
        where = rel
        path = rel.removesuffix("index.html")
        assert meta["og:url"] == [url + path], where
        assert meta["og:locale"] == [LOCALES[lang]], where
        assert sorted(meta["og:locale:alternate"]) == sorted(v for k, v in LOCALES.items() if k != lang), where
        title = re.search(r"<title>([^<]*)</title>", page)
        assert title and meta["og:title"][0] and meta["og:title"][0] in html.unescape(title.group(1)), where
        assert meta["og:description"] == meta["description"] == meta["twitter:description"], where
        assert 20 <= len(meta["description"][0]) <= 160, where
        assert meta["og:site_name"] and meta["twitter:card"] == ["summary_large_image"], where
        assert meta["og:image:width"] == ["1200"] and meta["og:image:height"] == ["630"], where
        image = meta["og:image"][0]
        assert image == meta["twitter:image"][0] and image.startswith(url + LANG_PREFIX[lang] + "assets/cards/"), where
        card = root / image[len(url) :]
        assert _png_size(card.read_bytes()) == (1200, 630), where
    assert langs == {"vi", "en", "ko"}


def test_description_in_the_page_language(site: Built) -> None:
    """The description is the page's own first paragraph, in its language."""
    root = site.root
    en = _meta((root / "en/guideline/part-1/index.html").read_text(encoding="utf-8"))["description"][0]
    ko = _meta((root / "ko/guideline/part-1/index.html").read_text(encoding="utf-8"))["description"][0]
    vi = _meta((root / "guideline/part-1/index.html").read_text(encoding="utf-8"))["description"][0]
    assert en.startswith("This part presents the Vietnamese policy and legal instruments")
    assert re.search(r"[\uac00-\ud7a3]", ko) and not re.search(r"[\uac00-\ud7a3]", vi + en)
    assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", vi)
    # A hand-written page: its own first paragraph too.
    hand = _meta((root / "en/accessibility/index.html").read_text(encoding="utf-8"))["description"][0]
    assert hand.startswith("We want everyone to be able to read this site")


def test_structured_data_on_every_page(site: Built) -> None:
    root = site.root
    for rel in _pages(root):
        data = _jsonld((root / rel).read_text(encoding="utf-8"))
        expanded = schemaorg.expand(data)
        assert schemaorg.problems(expanded) == [], rel
        page = next(n for n in expanded if f"{S}WebPage" in n.get("@type", []))
        assert page["@id"] == site.url + rel.removesuffix("index.html"), rel
        assert page[f"{S}inLanguage"] == [{"@value": page_lang(rel)}], rel
        crumbs = page[f"{S}breadcrumb"][0][f"{S}itemListElement"]
        assert crumbs[-1][f"{S}item"] == [{"@value": page["@id"]}], rel
        if rel.removeprefix("en/").removeprefix("ko/").split("/")[0] not in HAND:  # git dates them
            assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", page[f"{S}dateModified"][0]["@value"]), rel


def test_the_checker_sees_wrong_terms() -> None:
    """The vocabulary check fails on a property that does not apply and on an unknown type."""
    data = {
        "@context": "https://schema.org/",
        "@graph": [
            {"@type": "Event", "@id": "https://x.org/#e", "name": "x", "foundingDate": "2020"},
            {"@type": "Legislaton", "@id": "https://x.org/#l"},
        ],
    }
    assert schemaorg.problems(schemaorg.expand(data)) == [
        "https://x.org/#e: foundingDate does not apply to Event",
        "https://x.org/#l: unknown type https://schema.org/Legislaton",
    ]


def _node(site: Built, lang: str, page: str, anchor: str) -> dict[str, Any]:
    rel = f"{LANG_PREFIX[lang]}{page}/index.html"
    expanded = schemaorg.expand(_jsonld((site.root / rel).read_text(encoding="utf-8")))
    target = f"{site.url}{LANG_PREFIX[lang]}{page}/#{anchor}"
    return next(n for n in expanded if n.get("@id") == target)


def _values(node: dict[str, Any], prop: str) -> list[Any]:
    return [v.get("@value", v.get("@id")) for v in node.get(S + prop, [])]


def _records(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))
    key = next(iter(data))
    records: list[dict[str, Any]] = data[key]
    return records


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
def test_legislation(site: Built, lang: str) -> None:
    doc = _records("legal.yaml")[0]
    node = _node(site, lang, "legal", doc["id"])
    assert node["@type"] == [S + "Legislation"]
    assert _values(node, "legislationIdentifier") == [doc["number"]]
    if doc.get("signed"):
        assert _values(node, "legislationDate") == [str(doc["signed"])]
    title = doc["title"][lang] if lang != "vi" else doc["title"]["vi"]
    assert _values(node, "name") == [" ".join(title.split())]
    issuer = node[S + "legislationPassedBy"][0]
    assert issuer["@id"] == f"{site.url}{LANG_PREFIX[lang]}organizations/#{doc['issuer']}"
    assert issuer["@type"] == [S + "GovernmentOrganization"]
    # The shipped records verify no status: no legal force is claimed.
    assert doc["status"] != "unknown" or S + "legislationLegalForce" not in node


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
def test_government_organization(site: Built, lang: str) -> None:
    orgs = _records("organizations.yaml")
    org = next(o for o in orgs if o.get("parent") and o.get("valid_until"))  # a merged ministry
    node = _node(site, lang, "organizations", org["id"])
    assert node["@type"] == [S + "GovernmentOrganization"]
    assert _values(node, "dissolutionDate") == [str(org["valid_until"])]
    parent = node[S + "parentOrganization"][0]
    assert parent["@id"] == f"{site.url}{LANG_PREFIX[lang]}organizations/#{org['parent']}"
    name = org["name"][lang] if lang != "vi" else org["name"]["vi"]
    assert _values(node, "name") == [" ".join(name.split())]
    # schema.org has no successor property: the successor stays in the page's text only.
    assert org["succeeded_by"] not in json.dumps(node)
    founded = next(o for o in orgs if o.get("valid_from"))
    assert _values(_node(site, lang, "organizations", founded["id"]), "foundingDate") == [str(founded["valid_from"])]


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
def test_timeline_event(site: Built, lang: str) -> None:
    project = _records("project.yaml")[0]
    event = project["events"][0]
    node = _node(site, lang, "project", event["id"])
    assert node["@type"] == [S + "Event"]
    assert _values(node, "startDate") == [str(event["date"])]
    title = event["title"][lang] if lang != "vi" else event["title"]["vi"]
    assert _values(node, "name") == [" ".join(title.split())]
    people = [o["@id"] for key in ("organizer", "attendee") for o in node.get(S + key, [])]
    expected = [*event.get("organisers", []), *event.get("participants", [])]
    assert people == [f"{site.url}{LANG_PREFIX[lang]}organizations/#{o}" for o in expected]


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
def test_open_data_is_a_dataset(site: Built, lang: str) -> None:
    rel = f"{LANG_PREFIX[lang]}legal/index.html"
    expanded = schemaorg.expand(_jsonld((site.root / rel).read_text(encoding="utf-8")))
    dataset = next(n for n in expanded if S + "Dataset" in n.get("@type", []))
    files = [d[S + "contentUrl"][0]["@value"] for d in dataset[S + "distribution"]]
    assert files == [f"{site.url}downloads/data/legal_documents.{ext}" for ext in ("json", "csv")]
    assert all((site.root / f[len(site.url) :]).is_file() for f in files)
