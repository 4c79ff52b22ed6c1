"""The reference document that styles the DOCX editions, made from pandoc's own default.

Why: pandoc's default reference.docx declares English text with Chinese as the East Asian
language, so Word would proof Korean as Chinese and pick Chinese fonts. We derive the
reference from the pandoc in use (no binary file to keep in step with pandoc versions) and
set the document languages: the edition's language, Korean for East Asian text.
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
            target.writestr(zipfile.ZipInfo(info.filename, _FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()
