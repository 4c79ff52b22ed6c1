"""The main text of each edition: the numbered guideline, the bilingual guideline, the project.

Why: these are the parts whose structure differs between editions; the listings they share
(indicators, timeline, glossary, sources) live in :mod:`.annexes`.
"""

from __future__ import annotations

from ..model import LegalDocument, Organization, Pilot, Project, Section, Sourced
from ..numbering import numbered_title
from .markup import Ctx, body_md, esc, heading, paragraphs


def guideline_md(ctx: Ctx) -> str:
    """The guideline: introduction, then parts, chapters and sections with the site's numbers."""
    guideline = ctx.content.guideline
    out = [heading(1, ctx.word("introduction"), "introduction"), ctx.block(guideline.intro)]
    for part in guideline.parts:
        out.append(heading(1, numbered_title(ctx.numbers[part.id], ctx.inline(part.title), ctx.lang), part.id))
        out.append(ctx.block(part.intro))
        out.append(ctx.cited_line(part))
        for chapter in part.chapters:
            out.append(_section_md(ctx, chapter, 2))
    return "\n".join(x for x in out if x)


def _section_md(ctx: Ctx, section: Section, level: int) -> str:
    out = [heading(level, numbered_title(ctx.numbers[section.id], ctx.inline(section.title), ctx.lang), section.id)]
    out.append(ctx.block(section.body))
    out.append(ctx.cited_line(section))
    out.extend(_section_md(ctx, sub, level + 1) for sub in section.sections)
    return "\n".join(x for x in out if x)


def bilingual_md(vi: Ctx, other: Ctx) -> str:
    """The guideline with the Vietnamese beside ``other``'s language, paragraph by paragraph.

    Each row is a ``pair`` div of two ``lang`` divs; the Lua filter of :mod:`.render` lays it
    out as a two-column grid (PDF) or table (DOCX). When the two texts have a different
    number of paragraphs, the whole bodies face each other in one row, so nothing is paired
    with the wrong paragraph.
    """
    guideline = vi.content.guideline
    out = [heading(1, f"{vi.word('introduction')} / {other.word('introduction')}", "introduction")]
    out.append(_pairs(vi, other, guideline.intro.vi, guideline.intro.text(other.lang)))
    for part in guideline.parts:
        number = vi.numbers[part.id]
        title = f"{numbered_title(number, esc(part.title.vi), 'vi')} / {numbered_title(number, other.inline(part.title), other.lang)}"
        out.append(heading(1, title, part.id))
        if part.intro:
            out.append(_pairs(vi, other, part.intro.vi, part.intro.text(other.lang)))
        out.append(_cited(vi, other, part))
        for chapter in part.chapters:
            out.append(_bilingual_section(vi, other, chapter, 2))
    return "\n".join(x for x in out if x)


def _bilingual_section(vi: Ctx, other: Ctx, section: Section, level: int) -> str:
    title = f"{numbered_title(vi.numbers[section.id], esc(section.title.vi), 'vi')} / {other.inline(section.title)}"
    out = [heading(level, title, section.id)]
    if section.body:
        out.append(_pairs(vi, other, section.body.vi, section.body.text(other.lang)))
    out.append(_cited(vi, other, section))
    out.extend(_bilingual_section(vi, other, sub, level + 1) for sub in section.sections)
    return "\n".join(x for x in out if x)


def _cited(vi: Ctx, other: Ctx, record: Sourced) -> str:
    line = vi.cited_line(record)
    return line.replace(f"*{vi.word('cited')}:*", f"*{vi.word('cited')} / {other.word('cited')}:*")


def _pairs(vi: Ctx, other: Ctx, left: str, right: str | None) -> str:
    lefts = paragraphs(left)
    if right is None:
        rights = [f"*\\[{other.word('missing')}\\]*"] + [""] * (len(lefts) - 1)
    else:
        rights = paragraphs(right)
        if len(rights) != len(lefts):
            lefts, rights = ["\n\n".join(lefts)], ["\n\n".join(rights)]
    rows = []
    for vi_text, other_text in zip(lefts, rights, strict=True):
        rows.append(
            f"::::: {{.pair}}\n::: {{lang=vi}}\n{body_md(vi_text) or ' '}\n:::\n"
            f"::: {{lang={other.lang}}}\n{body_md(other_text) if other_text else ' '}\n:::\n:::::\n"
        )
    return "\n".join(rows)


def project_md(ctx: Ctx, project: Project) -> str:
    """One project: overview, components, pilots and its own timeline."""
    from .annexes import timeline_md

    out = [heading(1, ctx.inline(project.name), project.id), ctx.block(project.summary)]
    facts = []
    if project.funding:
        facts.append(f"**{ctx.word('funding')}:** {ctx.cell(project.funding)}")
    if project.approved_by:
        doc = ctx.content.get(project.approved_by, LegalDocument)
        facts.append(f"**{ctx.word('approved-by')}:** {esc(doc.number)} — {ctx.inline(doc.title)}")
    if project.partners:
        names = [ctx.inline(ctx.content.get(p, Organization).name, proposed=True) for p in project.partners]
        facts.append(f"**{ctx.word('partners')}:** " + "; ".join(names))
    out.extend(f"{fact}\n" for fact in facts)
    out.append(ctx.cited_line(project))
    if project.components:
        out.append(heading(2, ctx.word("components"), f"{project.id}-components"))
        for component in project.components:
            number = f"{ctx.word('component')} {component.number}: " if component.number is not None else ""
            out.append(heading(3, number + ctx.inline(component.title), component.id))
            out.append(ctx.block(component.description))
            out.append(ctx.cited_line(component))
    pilots = [p for p in ctx.content.collection("pilots", Pilot) if p.project == project.id]
    if pilots:
        out.append(heading(2, ctx.word("pilots"), f"{project.id}-pilots"))
        for pilot in pilots:
            out.append(heading(3, ctx.inline(pilot.name), pilot.id))
            out.append(f"**{ctx.word('location')}:** {ctx.cell(pilot.location)}\n")
            out.append(ctx.block(pilot.description))
            out.append(ctx.block(pilot.status_note))
            out.append(ctx.cited_line(pilot))
    out.append(timeline_md(ctx, [project], 2, f"{project.id}-timeline"))
    return "\n".join(x for x in out if x)
