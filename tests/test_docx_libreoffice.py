"""The DOCX editions of the shipped content, opened by an unmodified third-party client.

LibreOffice (Debian's libreoffice-writer-nogui, installed by `make test`) converts all six
files to PDF in one headless run, without updating fields, and pdftotext reads the result:
what a reader who opens the file in LibreOffice sees. Before the fix the table of contents
was empty there and the Korean files broke English words and numbers anywhere
("s|ervices", "201|9 년", "ISO 37122:2|019").
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from conftest import REPO
from vkc.content import load_content
from vkc.reports import build_edition, render_docx
from vkc.reports.docx_fix import W_NS

W = f"{{{W_NS}}}"
TOC_TITLES = {"vi": "Mục lục", "en": "Contents", "ko": "목차"}
LATIN_TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")


@dataclass
class Converted:
    docx: dict[str, Path]
    text: dict[str, str]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: apt-get install libreoffice-writer-nogui (make test installs it)"
    content, diagnostics = load_content(REPO / "content")
    assert content is not None, diagnostics
    root = tmp_path_factory.mktemp("lo")
    docx: dict[str, Path] = {}
    for kind in ("guideline", "project"):
        for lang in ("vi", "en", "ko"):
            edition = build_edition(content, kind, lang)
            path = root / f"{edition.stem}.docx"
            path.write_bytes(render_docx(edition))
            docx[edition.stem] = path
    # A private profile: no interference with a LibreOffice the developer has open.
    profile = (root / "profile").as_uri()
    args = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*args, "--outdir", str(root / "pdf"), *map(str, docx.values())], check=True, capture_output=True)
    text = {}
    for stem in docx:
        pdf = root / "pdf" / f"{stem}.pdf"
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True)
        text[stem] = out.stdout.decode("utf-8")
    return Converted(docx, text)


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style, text) of every body paragraph of the DOCX."""
    with zipfile.ZipFile(path) as docx:
        root = etree.fromstring(docx.read("word/document.xml"))
    out = []
    for p in root.iter(W + "p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        out.append(("" if style is None else style.get(W + "val", ""), "".join(t.text or "" for t in p.iter(W + "t"))))
    return out


STEMS = [f"{kind}-{lang}" for kind in ("guideline", "project-report") for lang in ("vi", "en", "ko")]


@pytest.mark.parametrize("stem", STEMS)
def test_table_of_contents_lists_every_heading_in_libreoffice(converted: Converted, stem: str) -> None:
    headings = [
        text for style, text in _paragraphs(converted.docx[stem]) if style in ("Heading1", "Heading2", "Heading3")
    ]
    assert len(headings) >= 5
    # Compared without whitespace: entries wrap, and pdftotext sets a space between Latin
    # digits and Hangul (a font change).
    text = re.sub(r"\s", "", converted.text[stem])
    keys = [re.sub(r"\s", "", h) for h in headings]
    start = text.index(TOC_TITLES[stem.rsplit("-", 1)[1]].replace(" ", ""))
    body = text.index(keys[0], text.index(keys[0], start) + len(keys[0]))  # the body's first heading
    toc = text[start:body]
    missing, at = [], 0
    for heading, key in zip(headings, keys, strict=True):
        found = toc.find(key, at)
        if found < 0:
            missing.append(heading)
        else:
            at = found + len(key)
    assert missing == []  # every heading, in the document's order


def _table_words(path: Path) -> set[str]:
    """Words of 10 or more characters in table cells: a column narrower than one wraps it."""
    with zipfile.ZipFile(path) as docx:
        root = etree.fromstring(docx.read("word/document.xml"))
    cells = (" ".join(t.text or "" for t in tc.iter(W + "t")) for tc in root.iter(W + "tc"))
    return {word for cell in cells for word in cell.split() if len(word) >= 10}


@pytest.mark.parametrize("stem", ["guideline-ko", "project-report-ko"])
def test_korean_files_keep_latin_words_and_numbers_whole(converted: Converted, stem: str) -> None:
    words = set()
    for _style, paragraph in _paragraphs(converted.docx[stem]):
        words.update(LATIN_TOKEN.findall(paragraph))
        # pdftotext joins a word that wraps after a hyphen ("BTTTT-" + "KHCN").
        words.update(LATIN_TOKEN.findall(re.sub(r"(?<=\w)-(?=\w)", "", paragraph)))
    text = converted.text[stem]
    pages = int(re.findall(r"^\d+ / (\d+)$", text, re.MULTILINE)[-1])
    words.update(str(n) for n in range(1, pages + 1))  # the footer's page numbers
    # A word longer than its table column wraps in any word processor ("understandin|g"):
    # that is layout, not language; join those pieces back before looking for breaks.
    long_words = _table_words(converted.docx[stem])
    lines = text.splitlines()
    for i in range(len(lines) - 1):
        head, _, last = lines[i].rpartition(" ")
        first, _, rest = lines[i + 1].partition(" ")
        if last and first and last + first in long_words:
            lines[i], lines[i + 1] = f"{head} {last}{first}".strip(), rest
    # Addresses may wrap anywhere (pdftotext also drops a hyphen at a line's end): leave out
    # their lines and every piece of an address (a run without spaces holding a "/").
    lines = [re.sub(r"\S*/\S*", " ", line) for line in lines if "://" not in line]
    broken = sorted({token for line in lines for token in LATIN_TOKEN.findall(line)} - words)
    assert broken == [], [line for line in lines if set(LATIN_TOKEN.findall(line)) & set(broken)]
    if stem == "guideline-ko":  # the words the issue found broken
        flat = " ".join(text.split())
        for phrase in ("Indicators for city services", "Indicators for resilient cities", "2019 년", "ISO 37122:2019"):
            assert phrase in flat
