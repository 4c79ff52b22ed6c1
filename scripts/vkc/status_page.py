"""The translation-status page for translators (Markdown, one per site language).

Why: translators and reviewers should not need a terminal to see what to do next. The
page shows progress per language, per record kind and per part of the guideline, and
lists every stale and missing field with a link to its line in the YAML (when the
repository's address is known), from the same status `vkc status` prints.
"""

from __future__ import annotations

from . import model as m
from .content import Content
from .site.markdown import escape
from .translations import Counts, TextField, content_relative, language_status, text_fields

UI: dict[str, dict[m.Lang, str]] = {
    "title": {"vi": "Tình trạng bản dịch", "en": "Translation status", "ko": "번역 현황"},
    "intro": {
        "vi": "Tiếng Việt là văn bản gốc. Một bản dịch là *cập nhật* khi được dịch từ văn bản tiếng Việt hiện tại, "
        "*lỗi thời* khi tiếng Việt đã thay đổi sau khi dịch, và *còn thiếu* khi chưa có.",
        "en": "Vietnamese is the source text. A translation is *current* when it was made from today's Vietnamese, "
        "*stale* when the Vietnamese changed after it was made, and *missing* when there is none yet.",
        "ko": "베트남어가 원문이다. 번역은 현재의 베트남어를 바탕으로 했으면 *최신*, 번역한 뒤 베트남어가 바뀌었으면 "
        "*갱신 필요*, 아직 없으면 *누락*이다.",
    },
    "progress": {"vi": "Tiến độ", "en": "Progress", "ko": "진행률"},
    "language": {"vi": "Ngôn ngữ", "en": "Language", "ko": "언어"},
    "current": {"vi": "Cập nhật", "en": "Current", "ko": "최신"},
    "stale": {"vi": "Lỗi thời", "en": "Stale", "ko": "갱신 필요"},
    "missing": {"vi": "Còn thiếu", "en": "Missing", "ko": "누락"},
    "by_kind": {"vi": "Theo loại hồ sơ", "en": "By record kind", "ko": "기록 유형별"},
    "by_part": {"vi": "Theo phần của hướng dẫn", "en": "By part of the guideline", "ko": "지침의 편별"},
    "kind": {"vi": "Loại", "en": "Kind", "ko": "유형"},
    "part": {"vi": "Phần", "en": "Part", "ko": "편"},
    "none": {"vi": "Không có.", "en": "None.", "ko": "없음."},
    "howto": {
        "vi": "Sau khi rà soát một bản dịch, đánh dấu nó là cập nhật bằng lệnh",
        "en": "After reviewing a translation, mark it current with",
        "ko": "번역을 검토한 뒤 다음 명령으로 최신으로 표시한다",
    },
}
"""Interface text of the page."""
LANG_NAMES: dict[m.Lang, dict[m.TranslationLang, str]] = {
    "vi": {"en": "Tiếng Anh", "ko": "Tiếng Hàn"},
    "en": {"en": "English", "ko": "Korean"},
    "ko": {"en": "영어", "ko": "한국어"},
}
KIND_NAMES: dict[str, dict[m.Lang, str]] = {
    "publication": {"vi": "Ấn phẩm", "en": "Publication", "ko": "간행물"},
    "guideline": {"vi": "Hướng dẫn", "en": "Guideline", "ko": "지침"},
    "part": {"vi": "Phần", "en": "Part", "ko": "편"},
    "chapter": {"vi": "Chương", "en": "Chapter", "ko": "장"},
    "section": {"vi": "Mục", "en": "Section", "ko": "절"},
    "source": {"vi": "Nguồn", "en": "Source", "ko": "출처"},
    "organization": {"vi": "Cơ quan, tổ chức", "en": "Organization", "ko": "기관"},
    "legal_document": {"vi": "Văn bản pháp luật", "en": "Legal document", "ko": "법령 문서"},
    "standard": {"vi": "Tiêu chuẩn", "en": "Standard", "ko": "표준"},
    "indicator_category": {"vi": "Nhóm chỉ số", "en": "Indicator category", "ko": "지표 범주"},
    "indicator": {"vi": "Chỉ số", "en": "Indicator", "ko": "지표"},
    "project": {"vi": "Dự án", "en": "Project", "ko": "사업"},
    "component": {"vi": "Hợp phần", "en": "Component", "ko": "세부사업"},
    "event": {"vi": "Sự kiện", "en": "Event", "ko": "행사"},
    "milestone": {"vi": "Mốc", "en": "Milestone", "ko": "이정표"},
    "pilot": {"vi": "Thí điểm", "en": "Pilot", "ko": "시범사업"},
    "glossary_term": {"vi": "Thuật ngữ", "en": "Glossary term", "ko": "용어"},
}
"""Record kinds as the page names them."""


def _row(label: str, counts: Counts) -> str:
    return f"| {label} | {counts.current} | {counts.stale} | {counts.missing} | {counts.percent:.1f} % |"


def _table(lang: m.Lang, first: str, rows: list[str]) -> list[str]:
    head = f"| {UI[first][lang]} | {UI['current'][lang]} | {UI['stale'][lang]} | {UI['missing'][lang]} | "
    return [head + f"{UI['progress'][lang]} |", "|---|--:|--:|--:|--:|", *rows]


def _item(content: Content, text_field: TextField, tlang: m.TranslationLang, repo_url: str) -> str:
    line = text_field.line(tlang)
    where = f"{content_relative(content, text_field.loaded)}:{line}"
    if repo_url:
        path = content_relative(content, text_field.loaded)
        where = f"[{where}]({repo_url.rstrip('/')}/blob/main/{path}#L{line})"
    return f"- `{text_field.record_id}` `{text_field.key}`: {where}"


def render_status_page(content: Content, lang: m.Lang, repo_url: str = "") -> str:
    """Markdown body of the translation-status page in ``lang``.

    ``repo_url`` (e.g. ``https://github.com/org/repo``) makes each item link to its line
    on the ``main`` branch; without it the file and line are shown as text.
    """
    fields = text_fields(content)
    statuses = [language_status(fields, tlang) for tlang in m.TRANSLATION_LANGS]
    names = LANG_NAMES[lang]
    out = [f"# {UI['title'][lang]}", "", UI["intro"][lang], ""]
    out += _table(lang, "language", [_row(names[s.lang], s.counts) for s in statuses])
    parts = {p.id: p for p in content.guideline.parts}
    for status in statuses:
        out += ["", f"## {names[status.lang]}", "", f"### {UI['by_kind'][lang]}", ""]
        rows = [_row(KIND_NAMES.get(k, {}).get(lang, k), c) for k, c in status.kinds.items()]
        out += _table(lang, "kind", rows)
        by_part: dict[str, Counts] = {}
        for text_field in fields:
            if text_field.part:
                by_part.setdefault(text_field.part, Counts()).add(text_field.state(status.lang))
        if by_part:
            out += ["", f"### {UI['by_part'][lang]}", ""]
            rows = [
                _row(escape(parts[pid].title.text(lang) or parts[pid].title.vi), counts)
                for pid, counts in by_part.items()
            ]
            out += _table(lang, "part", rows)
        for state in ("stale", "missing"):
            items = [f for f, s in status.items if s == state]
            out += ["", f"### {UI[state][lang]} ({len(items)})", ""]
            out += [_item(content, f, status.lang, repo_url) for f in items] or [UI["none"][lang]]
    example = "ko" if lang == "ko" else "en"
    out += ["", f"{UI['howto'][lang]}: `vkc translations mark-current --lang {example} ID KEY_PATH`.", ""]
    return "\n".join(out)
