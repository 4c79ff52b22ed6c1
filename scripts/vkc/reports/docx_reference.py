"""The reference document that styles the DOCX editions, made from pandoc's own default.

Why: pandoc's default reference.docx declares English text with Chinese as the East Asian
language, so Word would proof Korean as Chinese and pick Chinese fonts, and it has no page
numbers. We derive the reference from the pandoc in use (no binary file to keep in step
with pandoc versions), set the document languages (the edition's language, Korean for East
Asian text) and add a running header (the current part, a Word STYLEREF field) and a footer
with the page number (PAGE / NUMPAGES fields); pandoc keeps the reference's header and footer.
"""

from __future__ import annotations

import functools
import io
import re
import subprocess
import zipfile

import pypandoc  # type: ignore[import-untyped]  # no stubs; only get_pandoc_path() is used

from ..model import Lang

_LOCALE: dict[Lang, str] = {"vi": "vi-VN", "en": "en-US", "ko": "ko-KR"}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_HEADER = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<w:hdr {_W}><w:p><w:pPr><w:jc w:val="right" /></w:pPr>'
    '<w:fldSimple w:instr=" STYLEREF &quot;heading 1&quot; "><w:r><w:rPr><w:sz w:val="16" /></w:rPr>'
    "<w:t> </w:t></w:r></w:fldSimple></w:p></w:hdr>"
)
_FOOTER = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<w:ftr {_W}><w:p><w:pPr><w:jc w:val="center" /></w:pPr>'
    '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> / </w:t></w:r>'
    '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _add_header_footer(name: str, data: bytes) -> bytes:
    text = data.decode("utf-8")
    if name == "word/_rels/document.xml.rels":
        extra = (
            f'<Relationship Type="{_REL}/header" Id="rIdVkcHeader" Target="header1.xml" />'
            f'<Relationship Type="{_REL}/footer" Id="rIdVkcFooter" Target="footer1.xml" />'
        )
        text = text.replace("</Relationships>", extra + "</Relationships>")
    elif name == "[Content_Types].xml":
        extra = (
            f'<Override PartName="/word/header1.xml" ContentType="{_CT}.header+xml" />'
            f'<Override PartName="/word/footer1.xml" ContentType="{_CT}.footer+xml" />'
        )
        text = text.replace("</Types>", extra + "</Types>")
    elif name == "word/document.xml":
        refs = (
            f'<w:headerReference xmlns:r="{_REL}" w:type="default" r:id="rIdVkcHeader" />'
            f'<w:footerReference xmlns:r="{_REL}" w:type="default" r:id="rIdVkcFooter" />'
        )
        text = text.replace("<w:sectPr>", "<w:sectPr>" + refs, 1)
    return text.encode("utf-8")


@functools.cache
def _pandoc_default() -> bytes:
    args = [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"]
    return subprocess.run(args, capture_output=True, check=True).stdout


def set_languages(styles_xml: str, lang: Lang) -> str:
    """``styles.xml`` with the default language ``lang`` and Korean as East Asian language."""
    return re.sub(
        r"<w:lang\b[^>]*/>",
        f'<w:lang w:val="{_LOCALE[lang]}" w:eastAsia="ko-KR" w:bidi="ar-SA" />',
        styles_xml,
        count=1,
    )


@functools.cache
def reference_docx(lang: Lang) -> bytes:
    """The reference DOCX for an edition in ``lang`` (same bytes on every call)."""
    source = zipfile.ZipFile(io.BytesIO(_pandoc_default()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/styles.xml":
                data = set_languages(data.decode("utf-8"), lang).encode("utf-8")
            data = _add_header_footer(info.filename, data)
            target.writestr(zipfile.ZipInfo(info.filename, _FIXED_TIME), data, zipfile.ZIP_DEFLATED)
        for name, xml in (("word/header1.xml", _HEADER), ("word/footer1.xml", _FOOTER)):
            target.writestr(zipfile.ZipInfo(name, _FIXED_TIME), xml.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return out.getvalue()
