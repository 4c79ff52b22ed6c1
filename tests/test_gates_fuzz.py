"""Gate: the loader and the page generator never crash, and content text never becomes markup.

Hypothesis writes hostile text (Markdown and HTML syntax, scripts, Hangul, Vietnamese,
control characters, long runs) into the fields every page shows, (1) through the YAML
loader (`load_content` of the `mini` fixture with one text replaced) and (2) straight into
the validated model handed to `generate_pages`, the pure function behind every page (no
mkdocs build per example). Any crash found is kept in tests/fixtures/regressions/ and
replayed by test_regressions_replay. Examples here: 1,000 + 400, besides the loader fuzz of
tests/test_fuzz_loader.py.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vkc import model as m
from vkc.content import Content, load_content
from vkc.diagnostics import has_errors
from vkc.site.pages import generate_pages

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REGRESSIONS = FIXTURES / "regressions"
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "{#id .cls}",
    "--8<-- '/etc/passwd'",
    "!!! note",
    "# heading",
    "| a | b |\n|---|---|",
    "```",
    "*",
    "**",
    "_",
    "\\",
    "&amp;",
    "&#60;",
    "<!--",
    "]]>",
    "---",
    "\n\n",
    "\t",
    "\x00",
    "\u202e",
    "\ufeff",
    "Nghị định 269/2025/NĐ-CP",
    "아시아경제",
    "{{ config }}",
    "{% raw %}",
    "%",
]
TEXT = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=12), min_size=1, max_size=6).map("".join)
NONBLANK = TEXT.filter(lambda s: s.strip() != "")


def _ltext(vi: str, en: str | None, ko: str | None) -> m.LocalizedText:
    return m.LocalizedText(vi=vi, en=en, ko=ko)


@pytest.fixture(scope="module")
def fixtures() -> dict[str, Content]:
    """`mini` (with an organization) and `search` (with glossary terms), loaded once."""
    out = {}
    for name in ("mini", "search"):
        content, diags = load_content(FIXTURES / name)
        assert content is not None and not has_errors(diags)
        out[name] = content
    assert "organizations" in out["mini"].records and "glossary" in out["search"].records
    return out


def _with_texts(content: Content, texts: list[m.LocalizedText]) -> Content:
    """``content`` with the publication title, notice, guideline intro, a part title, an
    organization's name and a glossary term replaced (the model is immutable: copies)."""
    pub = content.publication.model_copy(update={"title": texts[0], "notice": texts[1]})
    parts = list(content.guideline.parts)
    parts[0] = parts[0].model_copy(update={"title": texts[3]})
    guideline = content.guideline.model_copy(update={"intro": texts[2], "parts": parts})
    records = dict(content.records)
    by_id = dict(content.by_id)
    for collection, field, text in (("organizations", "name", texts[4]), ("glossary", "term", texts[5])):
        if collection not in records:
            continue
        items = list(records[collection])
        items[0] = items[0].model_copy(update={field: text})
        records[collection] = items
        by_id[items[0].id] = items[0]
    return dataclasses.replace(content, publication=pub, guideline=guideline, records=records, by_id=by_id)


_TAG = re.compile(r"(?<!\\)<([a-zA-Z][a-zA-Z0-9]*)")
"""An HTML start tag; ``\\<`` is escaped text (Python-Markdown shows it as ``\\&lt;``)."""
_SCRIPT_LINK = re.compile(r"(?<!\\)\]\(\s*(?:javascript|vbscript|data):", re.I)
"""A Markdown link to a script URL (``\\](`` is escaped text, not a link)."""
OUR_TAGS = {
    "span",
    "small",
    "div",
    "p",
    "abbr",
    "time",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "ul",
    "li",
    "data",
    # The figures (vkc.document.figures): drawn by the build, their text escaped.
    "figure",
    "figcaption",
    "svg",
    "title",
    "text",
    "rect",
    "line",
    "circle",
    "path",
}
"""Tags the generator itself writes; content text can add none (its '<' is escaped)."""


def check_pages(content: Content) -> None:
    """The property: pages in every language, front matter intact, no markup from text."""
    pages = generate_pages(content)
    for path, per_lang in pages.items():
        assert set(per_lang) == {"vi", "en", "ko"}
        for page in per_lang.values():
            assert page.path == path
            front, sep, body = page.markdown[4:].partition("\n---\n")
            assert page.markdown.startswith("---\n") and sep
            # Read as mkdocs reads front matter (mkdocs.utils.meta: libyaml's safe loader);
            # also about 5 times faster than the pure-Python loader, most of an example's time.
            meta = yaml.load(front, Loader=yaml.CSafeLoader)
            assert isinstance(meta["title"], str)
            assert set(_TAG.findall(body)) <= OUR_TAGS, path
            assert not _SCRIPT_LINK.search(body), path


TEXTS = st.lists(
    st.builds(_ltext, NONBLANK, st.none() | NONBLANK, st.none() | NONBLANK),
    min_size=6,
    max_size=6,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fixture=st.sampled_from(["mini", "search"]), texts=TEXTS)
def test_generator_never_crashes_nor_emits_markup(
    fixtures: dict[str, Content], fixture: str, texts: list[m.LocalizedText]
) -> None:
    changed = _with_texts(fixtures[fixture], texts)
    try:
        check_pages(changed)
    except Exception:
        _keep(fixture, texts)
        raise


_kept: list[Path] = []


def _keep(fixture: str, texts: list[m.LocalizedText]) -> None:
    """Save a crashing example as a regression fixture (replayed by the test below).

    Hypothesis calls the test again for every smaller example it tries and replays the
    smallest last: each new failure replaces the one saved before it in this run.
    """
    data = {"fixture": fixture, "texts": [t.model_dump(include={"vi", "en", "ko"}) for t in texts]}
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = REGRESSIONS / f"generator-{hashlib.sha256(text.encode()).hexdigest()[:12]}.json"
    while _kept:
        _kept.pop().unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")
    _kept.append(path)


def test_regressions_replay(fixtures: dict[str, Content]) -> None:
    """Every crash hypothesis ever found, replayed (files in tests/fixtures/regressions)."""
    cases = sorted(REGRESSIONS.glob("generator-*.json"))
    assert (REGRESSIONS / "README.md").is_file()
    for case in cases:
        data = json.loads(case.read_text(encoding="utf-8"))
        texts = [m.LocalizedText(**item) for item in data["texts"]]
        check_pages(_with_texts(fixtures[data["fixture"]], texts))


@pytest.fixture(scope="module")
def mini_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-mini") / "content"
    shutil.copytree(FIXTURES / "mini", root)
    return root


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_loader_takes_any_text_in_a_field(mini_copy: Path, text: str) -> None:
    source = (FIXTURES / "mini" / "publication.yaml").read_text(encoding="utf-8")
    # A JSON string is a YAML double-quoted scalar: the text reaches the field whatever it holds.
    replaced = source.replace("vi: Hướng dẫn thử nghiệm", f"vi: {json.dumps(text)}", 1)
    (mini_copy / "publication.yaml").write_text(replaced, encoding="utf-8")
    content, diags = load_content(mini_copy)
    if content is None:
        assert has_errors(diags)
        return
    shown = content.publication.title.vi
    assert shown == text.strip()
