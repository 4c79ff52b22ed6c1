"""Interface strings of the generated pages, and dates formatted per locale with Babel.

Why: the pages are full publications in three languages, so every word the generator adds
around the content (headings, table headers, notices) exists in each of them. Dates keep
the precision the content knows: ``2024`` never becomes "1 January 2024".
"""

from __future__ import annotations

import datetime
import functools

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from .types import Lang, PartialDate

LANG_NAMES: dict[Lang, str] = {"vi": "Tiếng Việt", "en": "English", "ko": "한국어"}
"""Each language's name in itself, for the switcher and the glossary."""

_STRINGS: dict[str, tuple[str, str, str]] = {
    # Navigation titles of the generated pages.
    "home": ("Trang chủ", "Home", "홈"),
    "guideline": ("Hướng dẫn", "Guideline", "지침"),
    "indicators": ("Chỉ số đánh giá", "Indicators", "평가 지표"),
    "project": ("Dự án VKC", "VKC project", "VKC 사업"),
    "pilot": ("Thí điểm", "Pilot", "시범 사업"),
    "organizations": ("Cơ quan, tổ chức", "Organizations", "기관"),
    "legal": ("Văn bản pháp lý", "Legal documents", "법령·문서"),
    "glossary": ("Thuật ngữ", "Glossary", "용어집"),
    "sources": ("Nguồn tham khảo", "Sources", "출처"),
    "about": ("Về ấn phẩm này", "About this publication", "이 간행물에 대하여"),
    "translation_status": ("Tình trạng bản dịch", "Translation status", "번역 현황"),
    "more": ("Thông tin thêm", "More", "더 보기"),
    # The navigation section of the hand-written pages: a link when pruned, so its words say
    # where it leads ("More" alone fails Lighthouse's descriptive-link audit).
    "site_help": ("Sử dụng trang web", "Using this site", "사이트 이용 안내"),
    # A page's meta description when it has no paragraph of its own (the glossary's table).
    "meta_description": (
        "{page}: một trang của {site}, bằng tiếng Việt, tiếng Anh và tiếng Hàn.",
        "{page}: a page of {site}, in Vietnamese, English and Korean.",
        "{site}의 {page} 페이지입니다. 베트남어, 영어, 한국어로 제공됩니다.",
    ),
    # Translation notices.
    "missing_title": ("Chưa có bản dịch", "Not yet translated", "아직 번역되지 않음"),
    "missing_body": (
        "Phần này chưa được dịch; văn bản tiếng Việt được hiển thị.",
        "This text has no English translation yet; the Vietnamese original is shown.",
        "이 부분은 아직 한국어로 번역되지 않아 베트남어 원문을 표시합니다.",
    ),
    "missing_short": ("chưa dịch", "not yet translated", "미번역"),
    "stale_title": ("Bản dịch có thể đã cũ", "Translation may be out of date", "번역이 최신이 아닐 수 있음"),
    "stale_body": (
        "Văn bản tiếng Việt đã thay đổi ngày {date}, sau khi bản dịch này được thực hiện.",
        "The Vietnamese text changed on {date}, after this translation was made.",
        "이 번역 이후 베트남어 원문이 {date}에 변경되었습니다.",
    ),
    "stale_file": (
        "Văn bản tiếng Việt đã thay đổi sau khi bản dịch này được thực hiện; tệp nguồn thay đổi lần cuối ngày {date}.",
        "The Vietnamese text changed after this translation was made; its source file last changed on {date}.",
        "이 번역 이후 베트남어 원문이 변경되었습니다. 원문 파일의 마지막 변경일은 {date}입니다.",
    ),
    "stale_unknown": (
        "Văn bản tiếng Việt đã thay đổi sau khi bản dịch này được thực hiện (không rõ ngày).",
        "The Vietnamese text changed after this translation was made (date unknown).",
        "이 번역 이후 베트남어 원문이 변경되었습니다(날짜 미상).",
    ),
    "illustrative_title": ("Dữ liệu minh họa", "Illustrative data", "예시 데이터"),
    "illustrative_body": (
        "Nội dung này chỉ mang tính minh họa, không có nguồn chính thức xác nhận.",
        "This content is illustrative only; no official source supports it.",
        "이 내용은 예시일 뿐이며 공식 출처로 뒷받침되지 않습니다.",
    ),
    "proposed": ("bản dịch đề xuất", "our proposed translation", "제안 번역"),
    "sources_label": ("Nguồn", "Sources", "출처"),
    "open_data": ("Dữ liệu mở", "Open data", "공개 데이터"),
    "last_changed": ("Cập nhật lần cuối", "Last changed", "최종 수정"),
    # Guideline.
    "part_n": ("Phần {n}", "Part {n}", "제{n}부"),
    "contents": ("Mục lục", "Contents", "목차"),
    # Indicators.
    "indicator": ("Chỉ số", "Indicator", "지표"),
    "unit": ("Đơn vị", "Unit", "단위"),
    "definition": ("Định nghĩa", "Definition", "정의"),
    "method": ("Phương pháp tính", "Method", "산정 방법"),
    "standards": ("Tiêu chuẩn", "Standards", "표준"),
    "standards_referenced": ("Tiêu chuẩn được tham chiếu", "Standards referenced", "참조 표준"),
    "group_framework": ("Khung đánh giá", "Framework", "평가 체계"),
    "group_dimension": ("Khía cạnh", "Dimension", "차원"),
    "group_sub_dimension": ("Khía cạnh thành phần", "Sub-dimension", "하위 차원"),
    "group_category": ("Nhóm chỉ số", "Category", "범주"),
    "group_area": ("Lĩnh vực", "Area", "분야"),
    "group_maturity_level": ("Cấp độ trưởng thành", "Maturity level", "성숙도 단계"),
    "level_n": ("cấp độ {n}", "level {n}", "{n}단계"),
    "threshold": ("Quy tắc đạt", "Pass rule", "충족 기준"),
    "code": ("Mã", "Code", "코드"),
    "tier": ("Loại chỉ số", "Tier", "구분"),
    "tier_core": ("cốt lõi", "core", "핵심"),
    "tier_advanced": ("nâng cao", "advanced", "고급"),
    # Project.
    "overview": ("Tổng quan", "Overview", "개요"),
    "components": ("Hợp phần", "Components", "세부사업"),
    "component_n": ("Hợp phần {n}", "Component {n}", "제{n}세부사업"),
    "timeline": ("Tiến trình dự án", "Project timeline", "사업 일정"),
    "milestones": ("Mốc tiến độ", "Milestones", "추진 일정"),
    "funding": ("Nguồn vốn", "Funding", "재원"),
    "approved_by": ("Phê duyệt theo", "Approved by", "승인 근거"),
    "partners": ("Các bên tham gia", "Partners", "참여 기관"),
    "place": ("Địa điểm", "Place", "장소"),
    "organisers": ("Đơn vị tổ chức", "Organisers", "주최"),
    "participants": ("Thành phần tham gia", "Participants", "참여"),
    "status_planned": ("dự kiến", "planned", "계획"),
    "status_reached": ("đã đạt", "reached", "완료"),
    "status_unknown": ("chưa rõ", "unknown", "미상"),
    "location": ("Vị trí", "Location", "위치"),
    "status_note": ("Tình hình", "Status", "현황"),
    "project_label": ("Dự án", "Project", "사업"),
    # Organizations.
    "country": ("Quốc gia", "Country", "국가"),
    "country_vn": ("Việt Nam", "Viet Nam", "베트남"),
    "country_kr": ("Hàn Quốc", "Republic of Korea", "대한민국"),
    "country_intl": ("Quốc tế", "International", "국제"),
    "vi_name": ("Tên tiếng Việt", "Vietnamese name", "베트남어 명칭"),
    "parent": ("Trực thuộc", "Part of", "소속"),
    "valid_from": ("Từ", "Since", "시작"),
    "valid_until": ("Đến", "Until", "종료"),
    "succeeded": (
        "Từ {date}, chức năng được chuyển giao cho {name}.",
        "Since {date}, its functions have passed to {name}.",
        "{date}부터 기능이 {name}(으)로 이관되었습니다.",
    ),
    "succeeded_nodate": (
        "Chức năng được chuyển giao cho {name}.",
        "Its functions have passed to {name}.",
        "기능이 {name}(으)로 이관되었습니다.",
    ),
    "no_longer": (
        "không còn tồn tại dưới tên này",
        "no longer exists under this name",
        "현재 이 명칭으로 존재하지 않음",
    ),
    # Legal documents.
    "number": ("Số hiệu", "Number", "문서 번호"),
    "type": ("Loại", "Type", "종류"),
    "issuer": ("Cơ quan ban hành", "Issued by", "발행 기관"),
    "signed": ("Ngày ký", "Signed", "서명일"),
    "effective": ("Hiệu lực từ", "In force from", "시행일"),
    "status": ("Tình trạng", "Status", "상태"),
    "doc_in_force": ("Còn hiệu lực", "In force", "시행 중"),
    "doc_amended": ("Đã được sửa đổi", "Amended", "개정됨"),
    "doc_superseded": ("Đã được thay thế", "Superseded", "대체됨"),
    "doc_repealed": ("Đã bị bãi bỏ", "Repealed", "폐지됨"),
    "doc_unknown": ("Chưa xác minh", "Not verified", "확인되지 않음"),
    "superseded_by": (
        "Được thay thế bởi {doc} từ {date}.",
        "Superseded by {doc} since {date}.",
        "{date}부터 {doc}(으)로 대체되었습니다.",
    ),
    "amended_by": (
        "Được sửa đổi bởi {doc} từ {date}.",
        "Amended by {doc} since {date}.",
        "{date}부터 {doc}에 의해 개정되었습니다.",
    ),
    "status_since": ("Từ {date}.", "Since {date}.", "{date}부터."),
    "type_law": ("Luật", "Law", "법률"),
    "type_resolution": ("Nghị quyết", "Resolution", "결의"),
    "type_decree": ("Nghị định", "Decree", "시행령"),
    "type_decision": ("Quyết định", "Decision", "결정"),
    "type_directive": ("Chỉ thị", "Directive", "지시"),
    "type_circular": ("Thông tư", "Circular", "시행규칙"),
    "type_official_letter": ("Công văn", "Official letter", "공문"),
    "type_guidance": ("Hướng dẫn", "Guidance", "지침"),
    "type_mou": ("Bản ghi nhớ", "Memorandum of understanding", "양해각서"),
    # Glossary.
    "term_id": ("Liên kết", "Link", "링크"),
    "note": ("Ghi chú", "Note", "비고"),
    # Sources.
    "publisher": ("Nơi công bố", "Publisher", "발행처"),
    "date": ("Ngày", "Date", "날짜"),
    "language": ("Ngôn ngữ", "Language", "언어"),
    "confidence": ("Độ tin cậy", "Confidence", "신뢰도"),
    "confidence_high": ("cao", "high", "높음"),
    "confidence_medium-high": ("khá cao", "medium-high", "중상"),
    "confidence_medium": ("trung bình", "medium", "중간"),
    "confidence_low": ("thấp", "low", "낮음"),
    "lang_fr": ("Tiếng Pháp", "French", "프랑스어"),
    "original": ("Bản gốc", "Original", "원문"),
    "no_url": ("Không có địa chỉ trực tuyến", "No online address", "온라인 주소 없음"),
    # About.
    "authoritative": ("Văn bản có giá trị", "Authoritative text", "공식 본문"),
    "editions": (
        "Tải về: ấn bản PDF, DOCX và bảng thuật ngữ",
        "Downloads: PDF and DOCX editions, glossary",
        "내려받기: PDF·DOCX 판과 용어집",
    ),
    "edition": ("Ấn bản", "Edition", "판"),
    "version": ("Phiên bản", "Version", "버전"),
    "publisher_label": ("Đơn vị xuất bản", "Publisher", "발행"),
    "languages_note": (
        "Ấn phẩm có bằng tiếng Việt, tiếng Anh và tiếng Hàn; tiếng Việt là văn bản gốc và có giá trị.",
        "This publication exists in Vietnamese, English and Korean; the Vietnamese text is the original and authoritative one.",
        "이 간행물은 베트남어, 영어, 한국어로 제공되며 베트남어 본문이 원문이자 공식 본문입니다.",
    ),
    "date_unknown": ("không rõ ngày", "date unknown", "날짜 미상"),
    # Theme (the templates in overrides/ read these through mkdocs' extra config).
    "report_error": ("Báo lỗi trên trang này", "Report an error on this page", "이 페이지의 오류 신고"),
    "not_found_title": ("Không tìm thấy trang", "Page not found", "페이지를 찾을 수 없습니다"),
    "not_found_body": (
        "Trang bạn tìm không tồn tại hoặc đã được chuyển đi. Chọn trang chủ:",
        "The page you are looking for does not exist or has moved. Go to a home page:",
        "찾으시는 페이지가 없거나 이동되었습니다. 홈페이지로 이동:",
    ),
    "palette_dark": ("Chuyển sang chế độ tối", "Switch to dark mode", "어두운 모드로 전환"),
    "palette_light": ("Chuyển sang chế độ sáng", "Switch to light mode", "밝은 모드로 전환"),
    # Search script (vkc/search/assets/vkc-search.js receives them in data-text).
    "search_none": ("Không tìm thấy kết quả", "No matching pages", "일치하는 문서가 없습니다"),
    "search_count": ("# kết quả", "# results", "검색 결과 #개"),
    "search_file": (
        "Trình duyệt chặn tìm kiếm khi mở tệp trên máy. Hãy dùng bản web:",
        "Your browser blocks search in files opened from disk. Use the web edition:",
        "브라우저가 파일에서 여는 문서의 검색을 막습니다. 웹판을 이용하세요:",
    ),
    "search_bridge": ("Theo bảng thuật ngữ:", "From the glossary:", "용어집:"),
    "search_loading": ("Đang tải chỉ mục…", "Loading the index…", "색인을 불러오는 중…"),
    # Versions.
    "version_banner": (
        "Bạn đang đọc phiên bản {id} ({date}), đã được thay thế. Phiên bản hiện hành là {current} ({current_date}).",
        "You are reading version {id} ({date}), which has been superseded. The current version is {current} ({current_date}).",
        "지금 보시는 것은 대체된 {id} 판({date})입니다. 현행판은 {current} 판({current_date})입니다.",
    ),
    "version_same_page": (
        "Đọc trang này trong phiên bản hiện hành",
        "Read this page in the current version",
        "현행판에서 이 페이지 읽기",
    ),
    "version_page_gone": (
        "Trang này không còn trong phiên bản hiện hành.",
        "This page no longer exists in the current version.",
        "이 페이지는 현행판에 더 이상 없습니다.",
    ),
    "changes": ("Những thay đổi", "What changed", "변경 사항"),
    "changes_in": ("Những thay đổi trong phiên bản {id}", "What changed in version {id}", "{id} 판의 변경 사항"),
    "changes_first": (
        "Đây là phiên bản đầu tiên được công bố.",
        "This is the first published version.",
        "처음 공개된 판입니다.",
    ),
    "changes_none": ("Không có thay đổi nào về nội dung.", "No content changed.", "내용 변경이 없습니다."),
    "changes_since": (
        "Các thay đổi so với phiên bản {id} ({date}):",
        "Changes since version {id} ({date}):",
        "{id} 판({date}) 이후 변경 사항:",
    ),
    "change_added": ("mới", "added", "추가"),
    "change_removed": ("đã bỏ", "removed", "삭제"),
    "change_changed": ("đã sửa", "changed", "수정"),
    "change_stale": (
        "Bản dịch cần cập nhật theo thay đổi này: {fields}.",
        "Translations this change made out of date: {fields}.",
        "이 변경으로 갱신이 필요해진 번역: {fields}.",
    ),
    "page_updated": (
        "Cập nhật ngày {date} (phiên bản {id}): {what}.",
        "Updated {date} (version {id}): {what}.",
        "{date} 갱신({id} 판): {what}.",
    ),
    "page_updated_more": ("Những thay đổi", "What changed", "변경 사항"),
    "version_label": ("Phiên bản {id} ({date})", "Version {id} ({date})", "{id} 판 ({date})"),
    "feed_title": ("{title}: các phiên bản", "{title}: versions", "{title}: 판 목록"),
    # Notes in the TBX export, in the language of the rendering they annotate.
    "tbx_proposed": (
        "Bản dịch đề xuất, không phải tên chính thức đã được xác nhận.",
        "Proposed rendering, not an attested official name.",
        "제안 번역이며 확인된 공식 명칭이 아니다.",
    ),
    "tbx_variant_of": ("Biến thể của “{term}”.", "Variant of “{term}”.", "“{term}”의 변형."),
    "tbx_as_written": (
        "Cách ghi trong bảng thuật ngữ: {term}",
        "As the glossary writes it: {term}",
        "용어집 표기: {term}",
    ),
    # Printed editions.
    "edition_project": ("Báo cáo dự án", "Project report", "사업 보고서"),
    "edition_bilingual": ("Bản song ngữ", "Bilingual edition", "이중 언어판"),
    "notice": ("Lưu ý", "Notice", "알림"),
    "introduction": ("Giới thiệu", "Introduction", "소개"),
    "event": ("Sự kiện", "Event", "행사"),
    "abbreviation": ("Viết tắt", "Abbreviation", "약칭"),
    "title": ("Tên", "Title", "제목"),
    "name": ("Tên", "Name", "명칭"),
    "superseded_by_short": ("được thay thế bởi", "superseded by", "대체 문서:"),
    "pair_en": ("Việt – Anh", "Vietnamese – English", "베트남어 – 영어"),
    "pair_ko": ("Việt – Hàn", "Vietnamese – Korean", "베트남어 – 한국어"),
    # Figures drawn at build time (vkc.document.figures) and glossary tooltips.
    "fig_timeline": (
        "Tiến trình dự án dưới dạng hình: các sự kiện và mốc theo thứ tự thời gian (vòng tròn rỗng: dự kiến). "
        "Bảng bên dưới nêu cùng nội dung.",
        "The project timeline as a picture: events and milestones in order of date (a hollow circle: planned). "
        "The table below gives the same entries.",
        "사업 일정 그림: 행사와 주요 단계를 날짜순으로 표시합니다(빈 원: 계획). 아래 표에 같은 내용이 있습니다.",
    ),
    "fig_changes": (
        "Thay đổi về tổ chức dưới dạng hình: cơ quan trước, ngày thay đổi và cơ quan sau (khung đậm). "
        "Bảng bên dưới nêu cùng nội dung.",
        "Organizational changes as a picture: the bodies before, the day of the change and the body after "
        "(bold frame). The table below gives the same changes.",
        "조직 변경 그림: 변경 전 기관, 변경일, 변경 후 기관(굵은 테두리)을 표시합니다. 아래 표에 같은 내용이 있습니다.",
    ),
    "fig_progress": (
        "Tiến độ dịch theo ngôn ngữ dưới dạng hình. Bảng bên dưới nêu cùng số liệu.",
        "Translation progress per language as a picture. The table below gives the same figures.",
        "언어별 번역 진행률 그림입니다. 아래 표에 같은 수치가 있습니다.",
    ),
    "org_changes": ("Thay đổi về tổ chức", "Organizational changes", "조직 변경"),
    "before": ("Trước", "Before", "변경 전"),
    "after": ("Sau", "After", "변경 후"),
    "progress_summary": (
        "{current} cập nhật · {stale} lỗi thời · {missing} còn thiếu ({percent})",
        "{current} current · {stale} stale · {missing} missing ({percent})",
        "최신 {current} · 갱신 필요 {stale} · 누락 {missing} ({percent})",
    ),
    # Translation-status page.
    "ts_title": ("Tình trạng bản dịch", "Translation status", "번역 현황"),
    "ts_intro": (
        "Tiếng Việt là văn bản gốc. Một bản dịch là “cập nhật” khi được dịch từ văn bản tiếng Việt hiện tại, “lỗi thời” khi tiếng Việt đã thay đổi sau khi dịch, và “còn thiếu” khi chưa có.",
        "Vietnamese is the source text. A translation is “current” when it was made from today's Vietnamese, “stale” when the Vietnamese changed after it was made, and “missing” when there is none yet.",
        "베트남어가 원문이다. 번역은 현재의 베트남어를 바탕으로 했으면 ‘최신’, 번역한 뒤 베트남어가 바뀌었으면 ‘갱신 필요’, 아직 없으면 ‘누락’이다.",
    ),
    "ts_progress": ("Tiến độ", "Progress", "진행률"),
    "ts_language": ("Ngôn ngữ", "Language", "언어"),
    "ts_current": ("Cập nhật", "Current", "최신"),
    "ts_stale": ("Lỗi thời", "Stale", "갱신 필요"),
    "ts_missing": ("Còn thiếu", "Missing", "누락"),
    "ts_by_kind": ("Theo loại hồ sơ", "By record kind", "기록 유형별"),
    "ts_by_part": ("Theo phần của hướng dẫn", "By part of the guideline", "지침의 편별"),
    "ts_kind": ("Loại", "Kind", "유형"),
    "ts_part": ("Phần", "Part", "편"),
    "ts_none": ("Không có.", "None.", "없음."),
    "ts_howto": (
        "Sau khi rà soát một bản dịch, đánh dấu nó là cập nhật bằng lệnh",
        "After reviewing a translation, mark it current with",
        "번역을 검토한 뒤 다음 명령으로 최신으로 표시한다",
    ),
    "ts_lang_en": ("Tiếng Anh", "English", "영어"),
    "ts_lang_ko": ("Tiếng Hàn", "Korean", "한국어"),
    "kind_publication": ("Ấn phẩm", "Publication", "간행물"),
    "kind_guideline": ("Hướng dẫn", "Guideline", "지침"),
    "kind_part": ("Phần", "Part", "편"),
    "kind_chapter": ("Chương", "Chapter", "장"),
    "kind_section": ("Mục", "Section", "절"),
    "kind_source": ("Nguồn", "Source", "출처"),
    "kind_organization": ("Cơ quan, tổ chức", "Organization", "기관"),
    "kind_legal_document": ("Văn bản pháp luật", "Legal document", "법령 문서"),
    "kind_standard": ("Tiêu chuẩn", "Standard", "표준"),
    "kind_indicator_category": ("Nhóm chỉ số", "Indicator category", "지표 범주"),
    "kind_indicator": ("Chỉ số", "Indicator", "지표"),
    "kind_project": ("Dự án", "Project", "사업"),
    "kind_component": ("Hợp phần", "Component", "세부사업"),
    "kind_event": ("Sự kiện", "Event", "행사"),
    "kind_milestone": ("Mốc", "Milestone", "이정표"),
    "kind_pilot": ("Thí điểm", "Pilot", "시범사업"),
    "kind_glossary_term": ("Thuật ngữ", "Glossary term", "용어"),
    "kind_course": ("Khóa học", "Course", "교육 과정"),
    "kind_module": ("Học phần", "Module", "모듈"),
    "kind_lesson": ("Bài học", "Lesson", "차시"),
    "kind_question": ("Câu hỏi", "Question", "문항"),
    # Listing pages (browse by category, year, country, type, status).
    "browse": ("Tra cứu theo nhóm", "Browse", "분류별 보기"),
    "browse_indicators": ("Chỉ số theo nhóm và tiêu chuẩn", "Indicators by category and standard", "범주·표준별 지표"),
    "browse_events": ("Sự kiện theo năm", "Events by year", "연도별 행사"),
    "browse_organizations": (
        "Cơ quan theo quốc gia và tình trạng",
        "Organizations by country and status",
        "국가·상태별 기관",
    ),
    "browse_legal": ("Văn bản theo loại và tình trạng", "Legal documents by type and status", "종류·상태별 법령·문서"),
    "by_category": ("Theo nhóm chỉ số", "By category", "범주별"),
    "by_standard": ("Theo tiêu chuẩn", "By standard", "표준별"),
    "by_country": ("Theo quốc gia", "By country", "국가별"),
    "by_status": ("Theo tình trạng", "By status", "상태별"),
    "by_type": ("Theo loại văn bản", "By type", "종류별"),
    "no_indicators": (
        "Chưa có chỉ số nào tham chiếu tiêu chuẩn này.",
        "No indicator refers to this standard yet.",
        "이 표준을 참조하는 지표가 아직 없습니다.",
    ),
    "org_current": ("Đang tồn tại dưới tên này", "Exists under this name", "현재 이 명칭으로 존재"),
    "org_merged": ("Đã hợp nhất vào cơ quan khác", "Merged into another body", "다른 기관에 통합됨"),
    "org_renamed": ("Đã đổi tên hoặc tổ chức lại", "Renamed or reorganized", "명칭 변경 또는 재편"),
    "org_ended": (
        "Không còn tồn tại dưới tên này",
        "No longer exists under this name",
        "더 이상 이 명칭으로 존재하지 않음",
    ),
    # Cite this page.
    "cite_title": ("Trích dẫn trang này", "Cite this page", "이 페이지 인용하기"),
    "cite_text": (
        "{publisher}. “{title}”. Trong: {publication}, phiên bản {version} ({date}). {url} (truy cập ngày …).",
        "{publisher}. “{title}”. In: {publication}, version {version} ({date}). {url} (accessed …).",
        "{publisher}. 「{title}」. {publication}, 버전 {version}({date}). {url} (접속일: …).",
    ),
    "cite_text_home": (
        "{publisher}. {publication}, phiên bản {version} ({date}). {url} (truy cập ngày …).",
        "{publisher}. {publication}, version {version} ({date}). {url} (accessed …).",
        "{publisher}. {publication}, 버전 {version}({date}). {url} (접속일: …).",
    ),
    "cite_hint": (
        "Chép đoạn trích dẫn trên và điền ngày truy cập; hoặc tải tệp CSL-JSON để nhập vào Zotero hay phần mềm quản lý tài liệu khác:",
        "Copy the citation above and fill in the day you accessed the page, or download it as CSL-JSON for Zotero and other reference managers:",
        "위 인용문을 복사해 접속일을 채우거나, Zotero 등 참고문헌 관리 프로그램용 CSL-JSON 파일을 내려받으세요:",
    ),
    "cite_file": ("Trích dẫn CSL-JSON", "CSL-JSON citation", "CSL-JSON 인용 정보"),
    # Download cards.
    "format_pdf": ("Tài liệu PDF", "PDF document", "PDF 문서"),
    "format_docx": ("Tài liệu Word (DOCX)", "Word document (DOCX)", "워드 문서(DOCX)"),
    "format_zip": ("Tệp nén ZIP", "ZIP archive", "ZIP 압축 파일"),
    "format_json": ("Dữ liệu JSON", "JSON data", "JSON 데이터"),
    "format_csv": ("Bảng CSV", "CSV table", "CSV 표"),
    "format_tbx": ("Thuật ngữ TBX", "TBX termbase", "TBX 용어집"),
    "format_scorm": ("Gói SCORM 1.2 (ZIP)", "SCORM 1.2 package (ZIP)", "SCORM 1.2 패키지(ZIP)"),
    "format_xml": ("Câu hỏi Moodle XML", "Moodle XML questions", "Moodle XML 문항"),
    "size_kb": ("{n} kB", "{n} kB", "{n}kB"),
    "size_mb": ("{n} MB", "{n} MB", "{n}MB"),
    "pages_n": ("{n} trang", "{n} pages", "{n}쪽"),
    "lang_vi": ("Tiếng Việt", "Vietnamese", "베트남어"),
    "version_of": ("phiên bản {version}, {date}", "version {version}, {date}", "버전 {version}, {date}"),
    # Search filters (vkc-search.js receives them in data-text).
    "search_filter": ("Lọc theo loại", "Filter by kind", "종류별 필터"),
    "search_all": ("Tất cả", "All", "전체"),
    "search_other": ("Trang khác", "Other pages", "기타 페이지"),
    # The preview of `vkc serve` (never published): its script receives these words by prefix.
    "preview_title": (
        "Chưa thể tạo lại trang theo bản sửa: nội dung có lỗi",
        "The edit was not built: the content has problems",
        "수정 내용을 빌드하지 못함: 콘텐츠에 문제가 있음",
    ),
    "preview_intro": (
        "Trang vẫn hiển thị lần tạo thành công gần nhất. Hãy sửa các lỗi dưới đây; trang sẽ tự tải lại khi tạo lại thành công.",
        "The page still shows the last good build. Fix the problems below; the page reloads by itself once the build succeeds.",
        "페이지에는 마지막으로 성공한 빌드가 그대로 표시됩니다. 아래 문제를 고치면 빌드가 성공하는 즉시 페이지가 다시 로드됩니다.",
    ),
    "preview_key": ("Đường dẫn khóa", "Key path", "키 경로"),
    "preview_hint": ("Gợi ý", "Hint", "도움말"),
    "preview_close": ("Đóng", "Close", "닫기"),
    "preview_rebuilt": ("Đã tạo lại {n} trang", "Pages rebuilt: {n}", "다시 빌드한 페이지: {n}개"),
    "preview_unchanged": ("Trang này không thay đổi.", "This page did not change.", "이 페이지는 바뀌지 않았습니다."),
    "preview_label": ("Bản xem trước", "Preview", "미리 보기"),
    # The language switch of a downloaded archive when the other language's archive is absent.
    "archive_missing": (
        "Trang này không có trong bản lưu {name} đặt cạnh bản lưu này. "
        "Hãy giải nén {zip} vào cùng thư mục, hoặc đọc trang trên web: {{url}}",
        "This page is not in a {name} archive next to this one. "
        "Unpack {zip} into the same folder, or read the page on the web: {{url}}",
        "이 보관본 옆에 이 페이지가 든 {name} 보관본이 없습니다. "
        "{zip} 파일을 같은 폴더에 풀거나 웹에서 읽으세요: {{url}}",
    ),
    # Training (vkc.document.training; the quiz script receives its words in data- attributes).
    "training": ("Đào tạo", "Training", "교육"),
    "training_intro": (
        "Các khóa học xây dựng trên Hướng dẫn: học trên trang web này, kể cả khi không có mạng, hoặc in tài liệu phát tay.",
        "Courses built on the guideline: learn on this site, offline too, or print the handouts.",
        "지침을 바탕으로 만든 교육 과정입니다. 이 사이트에서 오프라인으로도 학습하거나 배부 자료를 인쇄할 수 있습니다.",
    ),
    "course_prepared": (
        "Do ban biên tập soạn từ các phần được trích dẫn; khi có khác biệt, văn bản được trích dẫn là căn cứ.",
        "Prepared by the editors from the cited sections; where they differ, the cited text prevails.",
        "편집진이 인용된 부분을 바탕으로 작성했습니다. 차이가 있으면 인용된 본문을 따릅니다.",
    ),
    "audience": ("Đối tượng", "Audience", "대상"),
    "duration": ("Thời lượng", "Duration", "소요 시간"),
    "minutes_n": ("{n} phút", "{n} minutes", "{n}분"),
    "hours_n": ("{h} giờ", "{h} h", "{h}시간"),
    "hours_minutes_n": ("{h} giờ {n} phút", "{h} h {n} min", "{h}시간 {n}분"),
    "outcomes": ("Kết quả học tập", "Learning outcomes", "학습 성과"),
    "outcomes_lead": (
        "Sau khóa học, học viên có thể:",
        "After the course, learners can:",
        "이 과정을 마치면 학습자는 다음을 할 수 있습니다.",
    ),
    "module_n": ("Học phần {n}", "Module {n}", "모듈 {n}"),
    "lesson_n": ("Bài {n}", "Lesson {n}", "{n}차시"),
    "course_label": ("Khóa học", "Course", "과정"),
    "objectives": ("Mục tiêu", "Objectives", "학습 목표"),
    "objectives_lead": (
        "Sau bài học này, học viên có thể:",
        "After this lesson, learners can:",
        "이 차시를 마치면 학습자는 다음을 할 수 있습니다.",
    ),
    "readings": ("Tài liệu đọc", "Readings", "읽을 자료"),
    "key_points": ("Ý chính", "Key points", "핵심 내용"),
    "based_on": ("Căn cứ", "Based on", "근거"),
    "self_check": ("Tự kiểm tra", "Self-check", "자가 점검"),
    "question_n": ("Câu {n}", "Question {n}", "문항 {n}"),
    "q_single": ("Chọn một đáp án.", "Choose one answer.", "답을 하나 고르세요."),
    "q_multiple": ("Chọn mọi đáp án đúng.", "Choose every correct answer.", "맞는 답을 모두 고르세요."),
    "q_short": ("Trả lời ngắn.", "Give a short answer.", "짧게 답하세요."),
    "q_answer": ("Đáp án", "Answer", "정답"),
    "q_answer_line": ("Câu trả lời", "Your answer", "답"),
    "q_feedback": ("Giải thích", "Explanation", "해설"),
    "q_see": ("Đáp án có tại", "Where the answer is written", "답이 나오는 곳"),
    "q_check": ("Kiểm tra", "Check", "확인"),
    "q_correct": ("Đúng.", "Correct.", "정답입니다."),
    "q_wrong": ("Chưa đúng.", "Not quite.", "정답이 아닙니다."),
    "q_empty": (
        "Hãy chọn hoặc nhập câu trả lời trước.",
        "Choose or type an answer first.",
        "먼저 답을 고르거나 입력하세요.",
    ),
    "quiz_clear": ("Xóa tiến độ", "Clear progress", "진행 기록 지우기"),
    "quiz_cleared": (
        "Đã xóa tiến độ của bài này.",
        "Progress on this lesson cleared.",
        "이 차시의 진행 기록을 지웠습니다.",
    ),
    "quiz_progress": (
        "Đã trả lời đúng {n}/{total} câu.",
        "{n} of {total} answered correctly.",
        "{total}문항 중 {n}문항을 맞혔습니다.",
    ),
    "quiz_local": (
        "Tiến độ chỉ được lưu trong trình duyệt của bạn, trên thiết bị này; không gửi đi đâu cả.",
        "Your progress is kept only in your own browser, on this device; it is sent nowhere.",
        "진행 기록은 이 기기의 브라우저에만 저장되며 어디에도 전송되지 않습니다.",
    ),
    "taught_in": ("Được giảng trong: {lessons}", "Taught in: {lessons}", "이 내용을 다루는 차시: {lessons}"),
    "previous_lesson": ("Bài trước", "Previous lesson", "이전 차시"),
    "next_lesson": ("Bài tiếp theo", "Next lesson", "다음 차시"),
    "back_to_course": ("Về trang khóa học", "Back to the course", "과정 페이지로"),
    "handouts": ("Tài liệu phát tay", "Handouts", "배부 자료"),
    "handout_trainer": ("Tài liệu cho giảng viên", "Trainer's handout", "강사용 자료"),
    "handout_learner": ("Tài liệu cho học viên", "Learner's handout", "학습자용 자료"),
    "handout_trainer_note": (
        "Bản này có đáp án và giải thích của các câu hỏi tự kiểm tra.",
        "This handout gives the answers to the self-check questions and why they are right.",
        "이 자료에는 자가 점검 문항의 정답과 해설이 들어 있습니다.",
    ),
    "handout_learner_note": (
        "Bản này có câu hỏi tự kiểm tra nhưng không có đáp án.",
        "This handout has the self-check questions without their answers.",
        "이 자료에는 자가 점검 문항이 있으나 정답은 없습니다.",
    ),
    # The course in a learning platform (vkc.lms): the files on the course page, and the
    # package's lesson page when it finds no platform around it.
    "lms_files": ("Cho hệ thống quản lý học tập", "For a learning platform", "학습관리시스템용"),
    "lms_note": (
        "Gói SCORM 1.2 mở các bài học trong hệ thống quản lý học tập (LMS) như Moodle, hệ thống này ghi nhận việc "
        "hoàn thành và điểm số; tệp Moodle XML chứa các câu hỏi tự kiểm tra để nhập vào ngân hàng câu hỏi của Moodle.",
        "The SCORM 1.2 package opens the lessons in a learning-management system such as Moodle, which records "
        "completion and score; the Moodle XML file holds the self-check questions for Moodle's question bank.",
        "SCORM 1.2 패키지는 Moodle 같은 학습관리시스템(LMS)에서 차시를 열고, 시스템이 이수 여부와 점수를 "
        "기록합니다. Moodle XML 파일에는 Moodle 문제 은행으로 가져올 자가 점검 문항이 들어 있습니다.",
    ),
    "lms_none": (
        "Không tìm thấy hệ thống quản lý học tập: câu trả lời được kiểm tra tại đây nhưng không được ghi nhận.",
        "No learning platform was found: your answers are checked here but not recorded.",
        "학습관리시스템을 찾지 못했습니다. 답은 여기에서 확인되지만 기록되지는 않습니다.",
    ),
    "lms_guideline": (
        "Các liên kết đến hướng dẫn mở trang web công khai trong một cửa sổ mới.",
        "Links to the guideline open the public website in a new window.",
        "지침 링크는 공개 웹사이트를 새 창으로 엽니다.",
    ),
}
_INDEX: dict[Lang, int] = {"vi": 0, "en": 1, "ko": 2}


def t(key: str, lang: Lang, **values: str) -> str:
    """The interface string ``key`` in ``lang``, with ``{name}`` placeholders filled in."""
    text = _STRINGS[key][_INDEX[lang]]
    return text.format(**values) if values else text


def words_for(prefix: str, lang: Lang) -> dict[str, str]:
    """Every interface word whose key starts with ``prefix``, keyed without it (for a script)."""
    return {key[len(prefix) :]: texts[_INDEX[lang]] for key, texts in _STRINGS.items() if key.startswith(prefix)}


THEME_WORDS: tuple[str, ...] = ("last_changed", "report_error", "not_found_title", "not_found_body", "more")
"""The words the theme's templates print (``config.extra.vkc_text``)."""


def theme_words(lang: Lang) -> dict[str, str]:
    """The theme's words in ``lang``."""
    return {key: t(key, lang) for key in THEME_WORDS}


def all_keys() -> list[str]:
    """Every interface word's key."""
    return list(_STRINGS)


def raw(key: str, lang: Lang) -> str:
    """The interface word ``key`` in ``lang`` with its ``{placeholders}`` unfilled."""
    return _STRINGS[key][_INDEX[lang]]


def has(key: str) -> bool:
    """Whether an interface string exists (for keys built from content values)."""
    return key in _STRINGS


@functools.lru_cache(maxsize=4096)
def format_partial(date: PartialDate, lang: Lang) -> str:
    """A date in ``lang``'s conventions, to the precision it is known (day, month or year).

    Kept per date and language: Babel takes about half a millisecond a date, and a build
    formats the same few dates hundreds of times (every page's date, every file's card)."""
    locale = lang
    if date.precision == "day":
        assert date.month is not None and date.day is not None
        return format_date(datetime.date(date.year, date.month, date.day), "long", locale=locale)
    if date.precision == "month":
        assert date.month is not None
        return format_skeleton("yMMMM", datetime.date(date.year, date.month, 1), locale=locale)
    return format_skeleton("y", datetime.date(date.year, 1, 1), locale=locale)


def format_range(start: PartialDate, end: PartialDate | None, lang: Lang) -> str:
    """A date or a period ``start – end``."""
    if end is None:
        return format_partial(start, lang)
    return f"{format_partial(start, lang)} – {format_partial(end, lang)}"


@functools.lru_cache(maxsize=4096)
def format_size(size: int, lang: Lang) -> str:
    """A file size in kB or MB (decimal units, as file managers on phones show them), in
    ``lang``'s number format: "1,2 MB" in Vietnamese, "1.2 MB" in English."""
    if size < 1_000_000:
        kb = size / 1000
        number = format_decimal(kb, "#,##0.#" if kb < 10 else "#,##0", locale=lang)
        return t("size_kb", lang, n=number)
    return t("size_mb", lang, n=format_decimal(size / 1_000_000, "#,##0.#", locale=lang))
