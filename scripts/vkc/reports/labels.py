"""The fixed words of the printed editions in each language, and dates formatted per locale.

Why: headings such as "Sources" or notices such as "not yet translated" are interface text,
not content; they live here, once per language, so that every edition says them the same way.
Dates go through Babel so that each language reads them in its own convention.
"""

from __future__ import annotations

from ..model import Lang

LABELS: dict[str, dict[Lang, str]] = {
    "guideline": {"vi": "Hướng dẫn", "en": "Guideline", "ko": "지침"},
    "project": {"vi": "Báo cáo dự án", "en": "Project report", "ko": "사업 보고서"},
    "bilingual": {"vi": "Bản song ngữ", "en": "Bilingual edition", "ko": "이중 언어판"},
    "contents": {"vi": "Mục lục", "en": "Contents", "ko": "목차"},
    "notice": {"vi": "Lưu ý", "en": "Notice", "ko": "알림"},
    "edition": {"vi": "Ấn bản", "en": "Edition", "ko": "판"},
    "version": {"vi": "Phiên bản", "en": "Version", "ko": "버전"},
    "date": {"vi": "Ngày", "en": "Date", "ko": "날짜"},
    "introduction": {"vi": "Giới thiệu", "en": "Introduction", "ko": "소개"},
    "indicators": {"vi": "Bộ chỉ số đánh giá", "en": "Evaluation indicators", "ko": "평가 지표"},
    "indicator": {"vi": "Chỉ số", "en": "Indicator", "ko": "지표"},
    "definition": {"vi": "Định nghĩa", "en": "Definition", "ko": "정의"},
    "unit": {"vi": "Đơn vị", "en": "Unit", "ko": "단위"},
    "method": {"vi": "Cách tính", "en": "Method", "ko": "산출 방법"},
    "standards": {"vi": "Tiêu chuẩn", "en": "Standards", "ko": "표준"},
    "timeline": {"vi": "Tiến trình dự án", "en": "Project timeline", "ko": "사업 일정"},
    "event": {"vi": "Sự kiện", "en": "Event", "ko": "행사"},
    "status": {"vi": "Trạng thái", "en": "Status", "ko": "상태"},
    "place": {"vi": "Địa điểm", "en": "Place", "ko": "장소"},
    "glossary": {"vi": "Thuật ngữ", "en": "Glossary", "ko": "용어집"},
    "note": {"vi": "Ghi chú", "en": "Note", "ko": "비고"},
    "sources": {"vi": "Nguồn tham khảo", "en": "Sources", "ko": "출처"},
    "cited": {"vi": "Nguồn", "en": "Sources", "ko": "출처"},
    "untranslated": {
        "vi": "chưa dịch",
        "en": "not yet translated; Vietnamese text",
        "ko": "미번역, 베트남어 원문",
    },
    "missing": {"vi": "chưa dịch", "en": "not yet translated", "ko": "미번역"},
    "illustrative": {"vi": "Dữ liệu minh họa", "en": "Illustrative data", "ko": "예시 데이터"},
    "proposed": {"vi": "bản dịch đề xuất", "en": "proposed translation", "ko": "제안 번역"},
    "project-overview": {"vi": "Tổng quan", "en": "Overview", "ko": "개요"},
    "funding": {"vi": "Nguồn vốn", "en": "Funding", "ko": "재원"},
    "approved-by": {"vi": "Phê duyệt bởi", "en": "Approved by", "ko": "승인 문서"},
    "partners": {"vi": "Các bên tham gia", "en": "Partners", "ko": "참여 기관"},
    "components": {"vi": "Hợp phần", "en": "Components", "ko": "구성 요소"},
    "component": {"vi": "Hợp phần", "en": "Component", "ko": "구성 요소"},
    "pilots": {"vi": "Thí điểm", "en": "Pilots", "ko": "시범 사업"},
    "location": {"vi": "Vị trí", "en": "Location", "ko": "위치"},
    "organizations": {"vi": "Cơ quan, tổ chức", "en": "Organizations", "ko": "기관"},
    "abbreviation": {"vi": "Viết tắt", "en": "Abbreviation", "ko": "약칭"},
    "country": {"vi": "Quốc gia", "en": "Country", "ko": "국가"},
    "legal-documents": {"vi": "Văn bản pháp lý", "en": "Legal documents", "ko": "법령 문서"},
    "number": {"vi": "Số hiệu", "en": "Number", "ko": "번호"},
    "title": {"vi": "Tên", "en": "Title", "ko": "제목"},
    "name": {"vi": "Tên", "en": "Name", "ko": "명칭"},
    "issuer": {"vi": "Cơ quan ban hành", "en": "Issued by", "ko": "발행 기관"},
    "signed": {"vi": "Ngày ký", "en": "Signed", "ko": "서명일"},
    "superseded-by": {"vi": "Được thay thế bởi", "en": "Superseded by", "ko": "대체 문서"},
    "no-url": {"vi": "không có địa chỉ trực tuyến", "en": "no online address", "ko": "온라인 주소 없음"},
}
"""Interface words per language; keys are stable, values are what the reader sees."""


def label(key: str, lang: Lang) -> str:
    """The interface word ``key`` in ``lang``."""
    return LABELS[key][lang]
