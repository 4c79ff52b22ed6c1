"""Synthetic content for the benchmarks: one trilingual word list, and the corpora built from it.

Why: speed goals (`make bench`) are stated for 10,000 records and 3 x 1000 pages in three
languages, far more than the real content holds. :func:`write_corpus` writes a content tree
that imitates real content: Vietnamese with diacritics, Korean in Hangul, English, several
files per collection, nested project records, translation hashes (current, stale and missing
translations) and references between records, so the loader, the schema and the
cross-reference checks all do their real work. The site, editions and search benchmarks draw
their pages from the same :data:`WORDS`. Output is deterministic for a given size and seed.
Nothing here is a fact: every text is assembled from the word list and is never published.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vkc.model import source_hash
from vkc.types import Lang

try:  # the C emitter writes 10,000 records in a fraction of the pure-Python time
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - only on a PyYAML built without libyaml
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

MIN_RECORDS = 60
"""Smallest tree that still holds every record kind."""

LANGS: tuple[Lang, ...] = ("vi", "en", "ko")

WORDS: tuple[tuple[str, str, str], ...] = (
    # Terms, as (vi, en, ko); some Korean ones carry their particles, as running text does.
    ("đô thị thông minh", "smart city", "스마트시티"),
    ("phát triển bền vững", "sustainable development", "지속가능한 발전"),
    ("chuyển đổi số", "digital transformation", "디지털 전환"),
    ("hạ tầng kỹ thuật", "technical infrastructure", "기반시설"),
    ("quy hoạch đô thị", "urban planning", "도시계획"),
    ("giao thông công cộng", "public transport", "대중교통"),
    ("năng lượng tái tạo", "renewable energy", "재생에너지"),
    ("quản lý môi trường", "environmental management", "환경 관리"),
    ("dữ liệu mở", "open data", "공공데이터"),
    ("chính quyền số", "digital government", "디지털 정부"),
    ("chính quyền điện tử", "electronic government", "전자정부"),
    ("người dân", "residents", "시민이"),
    ("dịch vụ công trực tuyến", "online public services", "온라인 공공서비스를"),
    ("cấp nước sạch", "clean water supply", "상수도"),
    ("thoát nước và xử lý nước thải", "drainage and waste-water treatment", "하수 처리"),
    ("chiếu sáng công cộng", "street lighting", "가로등"),
    ("đánh giá chỉ số", "indicator assessment", "지표 평가"),
    ("tiêu chuẩn", "standard", "표준을"),
    ("thí điểm", "pilot", "시범사업"),
    ("nghị định", "decree", "시행령"),
    ("hợp tác quốc tế", "international cooperation", "국제 협력"),
    ("Việt Nam", "Viet Nam", "베트남의"),
    ("Hàn Quốc", "Korea", "한국과"),
    ("Đà Nẵng", "Da Nang", "다낭"),
    ("Huế", "Hue", "후에"),
    ("Hà Nội", "Hanoi", "하노이"),
    ("Bộ Xây dựng", "Ministry of Construction", "건설부"),
    ("ứng phó biến đổi khí hậu", "climate change response", "기후변화 대응"),
    ("an toàn đô thị", "urban safety", "도시의 안전"),
    ("không gian đô thị", "urban space", "도시는"),
    ("nhà ở xã hội", "social housing", "사회주택"),
    ("công nghệ xây dựng", "construction technology", "건설기술"),
)
"""The one word list of every synthetic corpus (records, site pages, editions, search pages)."""
GLUE: tuple[tuple[str, str, str], ...] = (
    ("và", "and", "및"),
    ("cho", "for", "위한"),
    ("trong", "in", "에서"),
    ("về", "on", "에 관한"),
    ("của", "of", "의"),
    ("với", "with", "와 함께"),
    ("nhằm nâng cao", "to improve", "향상을 위한"),
    ("theo hướng", "towards", "방향의"),
)
"""Words that join two terms into a phrase."""


def words(lang: str) -> tuple[str, ...]:
    """The single words of :data:`WORDS` in ``lang`` (terms split at spaces, repeats kept)."""
    column = LANGS.index(lang)
    return tuple(word for term in WORDS for word in term[column].split())


_ONSETS = (
    "b",
    "c",
    "ch",
    "d",
    "đ",
    "g",
    "gi",
    "h",
    "kh",
    "l",
    "m",
    "n",
    "ng",
    "nh",
    "ph",
    "qu",
    "s",
    "t",
    "th",
    "tr",
    "v",
    "x",
)
_NUCLEI = tuple("aáàảãạăắằẳặâấầẩậeéèẻẹêếềểệiíìỉịoóòỏọôốồổộơớờởợuúùủụưứừửự")
_CODAS = ("", "", "n", "ng", "nh", "m", "t", "c", "i", "o", "u")


def _unaccent(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.replace("đ", "d")) if not unicodedata.combining(c))


SHARES: dict[str, float] = {
    "sources": 0.08,
    "organizations": 0.05,
    "legal_documents": 0.07,
    "standards": 0.02,
    "indicator_categories": 0.01,
    "indicators": 0.30,
    "projects": 0.15,
    "pilots": 0.02,
    "guideline": 0.05,
}
"""Share of records per collection; the glossary takes the rest."""


@dataclass
class Corpus:
    """What :func:`write_corpus` wrote."""

    root: Path
    """The content directory."""
    records: int
    """Records with an id, nested ones included (what `vkc check` counts)."""
    files: list[Path] = field(default_factory=list)
    """Every file written."""
    per_collection: dict[str, int] = field(default_factory=dict)
    """Records per top-level key, nested records counted with their parent's key."""


class _Text:
    """Deterministic trilingual phrases."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.terms: list[tuple[str, str, str]] = []
        """Glossary terms that texts mention now and then, with their renderings."""

    def name(self) -> tuple[str, str, str]:
        """A made-up proper name: Vietnamese syllables, their unaccented spelling, Hangul."""
        syllables = [
            self.rng.choice(_ONSETS) + self.rng.choice(_NUCLEI) + self.rng.choice(_CODAS)
            for _ in range(self.rng.randint(2, 3))
        ]
        vi = " ".join(syllables).capitalize()
        en = " ".join(_unaccent(s).capitalize() for s in syllables)
        ko = "".join(chr(self.rng.randrange(0xAC00, 0xD7A4)) for _ in range(len(syllables) + 1))
        return vi, en, ko

    def _phrase(self, words: int) -> tuple[str, str, str]:
        picks = [self.rng.randrange(len(WORDS)) for _ in range(words)]
        glue = [self.rng.randrange(len(GLUE)) for _ in range(words - 1)]
        out: list[str] = []
        for column in range(len(LANGS)):
            parts = [WORDS[picks[0]][column]]
            for pick, join in zip(picks[1:], glue, strict=True):
                parts += [GLUE[join][column], WORDS[pick][column]]
            out.append(" ".join(parts))
        vi, en, ko = out
        return vi[0].upper() + vi[1:], en[0].upper() + en[1:], ko

    def ltext(self, words: int = 3, sentences: int = 1) -> dict[str, Any]:
        """A localized text: mostly current translations, some stale, some Korean missing."""
        triples = [self._phrase(words) for _ in range(sentences)]
        vi = " ".join(t[0] + "." for t in triples) if sentences > 1 else triples[0][0]
        en = " ".join(t[1] + "." for t in triples) if sentences > 1 else triples[0][1]
        ko = " ".join(t[2] + "." for t in triples) if sentences > 1 else triples[0][2]
        if self.terms and self.rng.random() < 0.25:  # a mention of a glossary term, translated alike
            term_vi, term_en, term_ko = self.rng.choice(self.terms)
            vi, en, ko = f"{vi} ({term_vi})", f"{en} ({term_en})", f"{ko} ({term_ko})"
        roll = self.rng.random()
        value: dict[str, Any] = {"vi": vi, "en": en}
        if roll < 0.85:
            value["ko"] = ko
        if roll < 0.6:
            current = source_hash(vi)
            value["translated_from"] = {"en": current, "ko": current} if "ko" in value else {"en": current}
        elif roll < 0.7:
            value["translated_from"] = {"en": source_hash(vi + " (bản trước)")}
            value["vi_changed"] = f"2025-{self.rng.randint(1, 12):02d}"
        return value

    def date(self, first_year: int = 2015, last_year: int = 2026) -> str:
        """A date at day, month or year precision."""
        year = self.rng.randint(first_year, last_year)
        roll = self.rng.random()
        if roll < 0.7:
            return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        if roll < 0.9:
            return f"{year}-{self.rng.randint(1, 12):02d}"
        return str(year)


def _split(total: int) -> dict[str, int]:
    counts = {key: int(total * share) for key, share in SHARES.items()}
    counts["glossary"] = total - sum(counts.values())
    return counts


class _Writer:
    def __init__(self, total: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.t = _Text(self.rng)
        self.plan = _split(total)
        self.sources = [f"src-{i:05d}" for i in range(max(self.plan["sources"], 1))]
        self.orgs = [f"org-{i:05d}" for i in range(max(self.plan["organizations"], 1))]
        self.standards = [f"std-{i:05d}" for i in range(max(self.plan["standards"], 1))]
        self.categories = [f"cat-{i:05d}" for i in range(max(self.plan["indicator_categories"], 1))]
        self.docs = [f"doc-{i:05d}" for i in range(max(self.plan["legal_documents"], 1))]
        # Distinct made-up terms, as in a real glossary (not phrases every text contains).
        names: dict[str, tuple[str, str, str]] = {}
        while len(names) < self.plan["glossary"]:
            triple = self.t.name()
            names.setdefault(triple[0].casefold(), triple)
        self.t.terms = list(names.values())

    def cite(self) -> list[str]:
        return self.rng.sample(self.sources, k=min(len(self.sources), self.rng.randint(1, 3)))

    def source(self, rid: str) -> dict[str, Any]:
        vi, _, _ = self.t._phrase(4)
        record: dict[str, Any] = {
            "id": rid,
            "title": vi,
            "publisher": self.rng.choice(("Báo Xây dựng", "Kinh tế & Đô thị", "Cổng thông tin Chính phủ", "MOLIT")),
            "date": self.t.date(),
            "url": f"https://example.org/tin-tuc/{rid}.html",
            "language": self.rng.choice(("vi", "vi", "en", "ko")),
            "confidence": self.rng.choice(("high", "medium-high", "medium", "low")),
        }
        if self.rng.random() < 0.3:
            record["note"] = self.t.ltext(6)
        return record

    def organization(self, rid: str, index: int) -> dict[str, Any]:
        name = self.t.ltext(2)
        if self.rng.random() < 0.2:
            name["proposed"] = ["en", "ko"] if "ko" in name else ["en"]
        record: dict[str, Any] = {
            "id": rid,
            "name": name,
            "abbreviation": f"ORG{index}",
            "country": self.rng.choice(("vn", "kr", "intl")),
            "sources": self.cite(),
        }
        if index > 0 and self.rng.random() < 0.3:
            record["parent"] = self.orgs[self.rng.randrange(index)]
        if index > 0 and self.rng.random() < 0.1:
            # Month precision: vkc check compares successions day by day only (no gap or overlap).
            record["valid_from"] = "2008-08"
            record["valid_until"] = "2025-03"
            record["succeeded_by"] = self.orgs[self.rng.randrange(index)]
            record["change"] = self.t.ltext(5)
        return record

    def _signed_year(self, index: int) -> int:
        """Documents are signed in index order, 2010-2020: a successor is a later document."""
        return 2010 + index * 11 // len(self.docs)

    def legal_document(self, rid: str, index: int) -> dict[str, Any]:
        year = self._signed_year(index)
        signed = self.t.date(year, year)
        record: dict[str, Any] = {
            "id": rid,
            "number": f"{index + 1}/{self.rng.randint(2010, 2025)}/NĐ-CP",
            "type": self.rng.choice(("law", "decree", "decision", "circular", "official_letter")),
            "title": self.t.ltext(5),
            "issuer": self.rng.choice(self.orgs),
            "signed": signed,
            "effective": self.t.date(2021, 2026),
            "status": "in_force",
            "summary": self.t.ltext(6, sentences=3),
            "sources": self.cite(),
        }
        later = [k for k in range(index + 1, len(self.docs)) if self._signed_year(k) > year]
        if later and self.rng.random() < 0.2:
            record["status"] = "superseded"
            record["status_since"] = "2025-07"  # month precision, as for organizations
            record["superseded_by"] = self.docs[self.rng.choice(later)]
        return record

    def standard(self, rid: str, index: int) -> dict[str, Any]:
        return {
            "id": rid,
            "code": f"ISO {37100 + index}:2019",
            "title": self.t.ltext(4),
            "publisher": "ISO",
            "summary": self.t.ltext(6, sentences=2),
            "sources": self.cite(),
        }

    def category(self, rid: str) -> dict[str, Any]:
        return {"id": rid, "name": self.t.ltext(2), "description": self.t.ltext(6), "sources": self.cite()}

    def indicator(self, rid: str) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": rid,
            "category": self.rng.choice(self.categories),
            "name": self.t.ltext(3),
            "definition": self.t.ltext(7, sentences=2),
            "unit": {"vi": "%", "en": "%", "ko": "%"},
            "method": self.t.ltext(8, sentences=2),
            "standards": [{"standard": self.rng.choice(self.standards)}],
        }
        if self.rng.random() < 0.25:
            record["illustrative"] = "true"
        else:
            record["sources"] = self.cite()
        return record

    def project(self, index: int, size: int) -> dict[str, Any]:
        pid = f"project-{index:04d}"
        components = max(1, size // 15)
        milestones = max(1, size // 6)
        events = max(0, size - 1 - components - milestones)
        comp_ids = [f"{pid}-c{i}" for i in range(components)]
        record: dict[str, Any] = {
            "id": pid,
            "name": self.t.ltext(6),
            "short_name": f"P{index}",
            "summary": self.t.ltext(8, sentences=3),
            "funding": self.t.ltext(4),
            "approved_by": self.rng.choice(self.docs),
            "partners": self.rng.sample(self.orgs, k=min(3, len(self.orgs))),
            "sources": self.cite(),
            "components": [
                {"id": cid, "number": str(i + 1), "title": self.t.ltext(4), "sources": self.cite()}
                for i, cid in enumerate(comp_ids)
            ],
            "events": [],
            "milestones": [],
        }
        for i in range(events):
            start = f"2024-{self.rng.randint(1, 6):02d}-{self.rng.randint(1, 28):02d}"
            event: dict[str, Any] = {
                "id": f"{pid}-e{i}",
                "date": start,
                "title": self.t.ltext(5),
                "description": self.t.ltext(8, sentences=2),
                "place": self.t.ltext(2),
                "organisers": self.rng.sample(self.orgs, k=min(2, len(self.orgs))),
                "participants": self.rng.sample(self.orgs, k=min(3, len(self.orgs))),
                "sources": self.cite(),
            }
            if self.rng.random() < 0.2:
                event["end"] = f"2024-{self.rng.randint(7, 12):02d}"
            record["events"].append(event)
        for i in range(milestones):
            record["milestones"].append(
                {
                    "id": f"{pid}-m{i}",
                    "date": self.t.date(2024, 2027),
                    "title": self.t.ltext(4),
                    "status": self.rng.choice(("planned", "reached", "unknown")),
                    "sources": self.cite(),
                }
            )
        return record

    def pilot(self, rid: str, projects: list[dict[str, Any]]) -> dict[str, Any]:
        project = self.rng.choice(projects)
        return {
            "id": rid,
            "name": self.t.ltext(3),
            "project": project["id"],
            "component": project["components"][0]["id"],
            "location": self.t.ltext(2),
            "description": self.t.ltext(8, sentences=3),
            "illustrative": "true",
        }

    def guideline(self, size: int) -> dict[str, Any]:
        # One guideline, a few parts, chapters of one chapter + three sections each.
        parts = max(1, min(5, size // 40))
        chapters = max(1, (size - 1 - parts) // 4)
        spare = size - 1 - parts - chapters * 4
        guideline: dict[str, Any] = {
            "id": "guideline",
            "title": self.t.ltext(4),
            "intro": self.t.ltext(8, sentences=3),
            "parts": [],
        }
        for p in range(parts):
            guideline["parts"].append(
                {"id": f"part-{p}", "title": self.t.ltext(3), "intro": self.t.ltext(8, 2), "sources": self.cite()}
            )
            guideline["parts"][p]["chapters"] = []
        for c in range(chapters):
            part = guideline["parts"][c % parts]
            sections = 3 + (1 if c < spare else 0)
            part["chapters"].append(
                {
                    "id": f"chapter-{c}",
                    "title": self.t.ltext(4),
                    "body": self.t.ltext(10, sentences=4),
                    "sources": self.cite(),
                    "sections": [
                        {
                            "id": f"chapter-{c}-s{s}",
                            "title": self.t.ltext(3),
                            "body": self.t.ltext(10, sentences=3),
                            "illustrative": "true",
                        }
                        for s in range(sections)
                    ],
                }
            )
        return guideline


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")


def write_corpus(root: Path, records: int = 10_000, *, seed: int = 1, per_file: int = 500) -> Corpus:
    """Write a valid content tree of exactly ``records`` records (nested ones counted) under ``root``.

    Files hold at most about ``per_file`` records each; `vkc check --content ROOT` passes.
    """
    if records < MIN_RECORDS:
        raise ValueError(f"a synthetic corpus needs at least {MIN_RECORDS} records")
    w = _Writer(records, seed)
    corpus = Corpus(root=root, records=0)
    plan = w.plan

    def flat(key: str, items: list[dict[str, Any]]) -> None:
        for start in range(0, len(items), per_file):
            path = root / key / f"{key}-{start // per_file + 1:03d}.yaml"
            _dump(path, {key: items[start : start + per_file]})
            corpus.files.append(path)
        corpus.per_collection[key] = len(items)

    flat("sources", [w.source(rid) for rid in w.sources])
    flat("organizations", [w.organization(rid, i) for i, rid in enumerate(w.orgs)])
    flat("legal_documents", [w.legal_document(rid, i) for i, rid in enumerate(w.docs)])
    flat("standards", [w.standard(rid, i) for i, rid in enumerate(w.standards)])
    flat("indicator_categories", [w.category(rid) for rid in w.categories])
    flat("indicators", [w.indicator(f"ind-{i:05d}") for i in range(plan["indicators"])])

    # Projects of about 50 records each (1 project + components, events, milestones).
    project_total = max(plan["projects"], 8)
    count = max(1, project_total // 50)
    sizes = [project_total // count + (1 if i < project_total % count else 0) for i in range(count)]
    projects = [w.project(i, size) for i, size in enumerate(sizes)]
    for start in range(0, count, max(1, per_file // 50)):
        path = root / "projects" / f"projects-{start + 1:03d}.yaml"
        _dump(path, {"projects": projects[start : start + max(1, per_file // 50)]})
        corpus.files.append(path)
    corpus.per_collection["projects"] = project_total
    flat("pilots", [w.pilot(f"pilot-{i:04d}", projects) for i in range(plan["pilots"])])

    guideline_total = max(plan["guideline"], 6)
    guideline_path = root / "guideline.yaml"
    _dump(guideline_path, {"guideline": w.guideline(guideline_total)})
    corpus.files.append(guideline_path)
    corpus.per_collection["guideline"] = guideline_total

    written = sum(corpus.per_collection.values())
    flat("glossary", [_glossary(w, i) for i in range(max(0, records - written))])

    publication_path = root / "publication.yaml"
    _dump(
        publication_path,
        {
            "publication": {
                "title": w.t.ltext(4),
                "publisher": w.t.ltext(2),
                "edition": {"vi": "Bản tổng hợp", "en": "Synthetic edition", "ko": "합성판"},
                "version": "0.0",
                "date": "2026-01-01",
                "notice": {
                    "vi": "Nội dung tổng hợp dùng để đo hiệu năng.",
                    "en": "Synthetic content for benchmarks.",
                    "ko": "성능 측정용 합성 콘텐츠.",
                },
            }
        },
    )
    corpus.files.append(publication_path)
    corpus.records = sum(corpus.per_collection.values())
    return corpus


def _glossary(w: _Writer, index: int) -> dict[str, Any]:
    vi, en, ko = w.t.terms[index] if index < len(w.t.terms) else w.t.name()
    term: dict[str, Any] = {"vi": vi, "en": en, "ko": ko, "translated_from": {"en": source_hash(vi)}}
    if w.rng.random() < 0.3:
        term["proposed"] = ["ko"]
    return {
        "id": f"term-{index:05d}",
        "term": term,
        "definition": w.t.ltext(8, sentences=2),
        "note": w.t.ltext(5) if w.rng.random() < 0.3 else None,
        "sources": w.cite(),
    }
