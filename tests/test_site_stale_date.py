"""A stale translation names the day its Vietnamese changed, from the content or from git."""

from __future__ import annotations

from pathlib import Path

from vkc.content import load_content
from vkc.model import PartialDate
from vkc.site.pages import generate_pages

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def test_stale_text_without_vi_changed_names_the_day_its_file_last_changed() -> None:
    content, diagnostics = load_content(MINI)
    assert content is not None, diagnostics
    dated = generate_pages(content, changed={"records.yaml": PartialDate(2026, 3, 4)})
    undated = generate_pages(content)
    # moc's name (records.yaml) is stale and records no vi_changed.
    assert (
        "The Vietnamese text changed after this translation was made; its source file last changed on March 4, 2026."
        in dated["organizations.md"]["en"].markdown
    )
    assert "원문 파일의 마지막 변경일은 2026년 3월 4일입니다." in dated["organizations.md"]["ko"].markdown
    assert (
        "The Vietnamese text changed after this translation was made (date unknown)."
        in undated["organizations.md"]["en"].markdown
    )
