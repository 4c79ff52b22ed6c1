"""The hand-written pages' navigation: every page in it, in order, at most NAV_FANOUT entries a level."""

from __future__ import annotations

from typing import Any

import pytest

from vkc.site.langconfig import NAV_FANOUT, _bounded, _folder_nav


def _leaves(items: list[Any]) -> list[str]:
    out: list[str] = []
    for item in items:
        inner = item if isinstance(item, str) else next(iter(item.values()))
        out += [inner] if isinstance(inner, str) else _leaves(inner)
    return out


def _widest(items: list[Any]) -> int:
    inner = [_widest(next(iter(i.values()))) for i in items if isinstance(i, dict)]
    return max([len(items), *inner])


def _depth(items: list[Any]) -> int:
    return 1 + max((_depth(next(iter(i.values()))) for i in items if isinstance(i, dict)), default=0)


@pytest.mark.parametrize("pages", [1, NAV_FANOUT, NAV_FANOUT + 1, 57, 1000])
def test_every_page_once_in_order_and_no_level_too_wide(pages: int) -> None:
    paths = ["a.md", *[f"bench/s{i // 20:03d}/page-{i:04d}.md" for i in range(pages)]]
    nav = _folder_nav(paths)
    assert _leaves(nav) == paths
    assert _widest(nav) <= NAV_FANOUT


def test_ten_times_the_pages_adds_at_most_one_level() -> None:
    small = _folder_nav([f"page-{i:04d}.md" for i in range(40)])
    large = _folder_nav([f"page-{i:04d}.md" for i in range(400)])
    assert _depth(large) <= _depth(small) + 1


def test_a_group_is_named_after_its_first_and_last_entry_and_an_index_stays_first() -> None:
    nav = _folder_nav(["guide/index.md", *[f"guide/p{i:02d}.md" for i in range(12)]])
    [(folder, inner)] = [next(iter(nav[0].items()))]
    assert folder == "guide"
    assert inner[0] == "guide/index.md"
    assert [next(iter(g)) for g in inner[1:]] == ["p00 \u2013 p05", "p06 \u2013 p11"]
    assert next(iter(inner[1].values())) == [f"guide/p{i:02d}.md" for i in range(6)]


def test_titled_entries_are_grouped_under_their_titles() -> None:
    # The What-changed pages: {title: path} entries, newest first.
    entries: list[Any] = [{f"Version {n}": f"changes/v{n}.md"} for n in range(25, 0, -1)]
    grouped = _bounded(entries)
    assert [next(iter(g)) for g in grouped] == [
        "Version 25 \u2013 Version 18",
        "Version 17 \u2013 Version 10",
        "Version 9 \u2013 Version 1",
    ]
    assert _leaves([{"all": grouped}]) == [f"changes/v{n}.md" for n in range(25, 0, -1)]


def test_a_folders_index_comes_first_so_it_stays_the_page_of_its_section() -> None:
    nav = _folder_nav(["guide/about.md", "guide/index.md", "guide/zeta.md"])
    assert nav == [{"guide": ["guide/index.md", "guide/about.md", "guide/zeta.md"]}]
