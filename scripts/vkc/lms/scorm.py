"""A course as a SCORM 1.2 package: ``imsmanifest.xml`` and one launchable page per lesson.

Why SCORM 1.2: it is the package format learning-management systems import (Moodle among
them), and its runtime (the ``API`` object a platform puts in a window above the lesson)
records completion and score. The manifest follows the ADL SCORM 1.2 content-packaging
binding (IMS Content Packaging 1.1.2 with the ``adlcp`` extensions): metadata
``ADL SCORM`` / ``1.2``, one organization with the course's modules and their lessons, one
``sco`` resource per lesson and one ``asset`` resource for the script and stylesheet they share.

Each lesson page is the lesson's document (:func:`vkc.document.training.lesson_blocks`,
answers included so that the page can check them) written by the site's writer with links to
the public site (:mod:`.links`), with ``vkc-scorm.js``: it finds the platform's ``API``, checks
the answers with no server, and reports ``cmi.core.lesson_status`` and ``cmi.core.score``.
Nothing in the package loads from another host (a Content-Security-Policy says so to the
browser). The zip is reproducible: sorted members, fixed times and permissions.
"""

from __future__ import annotations

import functools
import html
import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

import markdown
from lxml import etree
from lxml import html as lxml_html

from .. import model as m
from ..content import Content
from ..document.context import Ctx
from ..document.nodes import Block, Heading, Para, Small, words
from ..document.training import LessonPlace, lesson_blocks, lesson_page, lessons
from ..model import Lang, PartialDate
from ..site.meta import inline_text
from .links import public_writer

ASSETS = Path(__file__).resolve().parent
SCRIPT = "vkc-scorm.js"
STYLE = "vkc-lesson.css"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Zip's earliest time: every member gets it, so equal content gives equal bytes."""

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMAS = (
    f"{IMSCP} imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{ADLCP} adlcp_rootv1p2.xsd"
)
"""Where the bindings' schemas are (names relative to the package, as ADL's own examples give them)."""

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; connect-src 'none'"
)
"""The page may load only its own script and stylesheet from the package."""

_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition"]
"""Those of mkdocs.yml that the writer's Markdown uses (no table of contents: a lesson is one page)."""

_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{title}</title>
<link rel="stylesheet" href="{style}">
<script src="{script}" defer></script>
</head>
<body>
{main}
</body>
</html>
"""


def lesson_file(lesson: m.Lesson) -> str:
    """The lesson's page inside the package."""
    return f"{lesson.id}.html"


@functools.lru_cache(maxsize=512)
def _to_html(text: str) -> str:
    """A lesson's Markdown as HTML, kept per text: a process that builds again (the live
    preview) converted every lesson of every course for each edit."""
    return markdown.markdown(text, extensions=_EXTENSIONS, output_format="html")


def lesson_html(ctx: Ctx, place: LessonPlace, site_url: str, tree: str = "") -> str:
    """One lesson as a complete HTML page that runs inside a learning platform."""
    blocks = lesson_blocks(ctx, place, answers=True, site=False)
    notes: list[Block] = [
        Para((Small(words(ctx.word("course_prepared")), "prepared"),), "prepared"),
        Para((Small(words(ctx.word("lms_guideline")), "note"),), "note"),
    ]
    # After the heading and the course's facts, as on the site's lesson page.
    blocks[2:2] = notes
    path = lesson_page(place.course, place.lesson)
    writer = public_writer(ctx.content, path, ctx.lang, site_url, tree)
    body = _to_html(writer.blocks(blocks))
    main = lxml_html.fragment_fromstring(body, create_parent="main")
    main.set("class", "vkc-lesson")
    for link in main.iter("a"):
        if (link.get("href") or "").startswith(("http://", "https://")):
            # The platform shows the lesson in a frame: the guideline opens beside it, and the
            # lesson (with its runtime session) stays.
            link.set("target", "_blank")
            link.set("rel", "noopener")
    for clear in main.find_class("vkc-quiz__clear"):
        # Progress lives in the platform, not in the browser: nothing to clear here.
        footer = clear.getparent()
        if footer is not None:
            footer.remove(clear)
    none = etree.SubElement(main, "p", {"class": "vkc-lms-none", "hidden": "hidden"})
    none.text = ctx.word("lms_none")
    main.insert(0, none)
    first = blocks[0]
    title = inline_text(first.title) if isinstance(first, Heading) else ""
    return _PAGE.format(
        lang=ctx.lang,
        csp=html.escape(CSP),
        title=html.escape(title),
        style=STYLE,
        script=SCRIPT,
        main=lxml_html.tostring(main, encoding="unicode", method="html"),
    )


def manifest(ctx: Ctx, course: m.Course) -> bytes:
    """``imsmanifest.xml``: the course's modules and lessons, a SCO per lesson."""
    root = etree.Element(
        f"{{{IMSCP}}}manifest",
        {
            "identifier": f"vkc-{course.id}-{ctx.lang}",
            "version": ctx.content.publication.version,
            f"{{{XSI}}}schemaLocation": _SCHEMAS,
        },
        nsmap={None: IMSCP, "adlcp": ADLCP, "xsi": XSI},
    )
    metadata = etree.SubElement(root, f"{{{IMSCP}}}metadata")
    etree.SubElement(metadata, f"{{{IMSCP}}}schema").text = "ADL SCORM"
    etree.SubElement(metadata, f"{{{IMSCP}}}schemaversion").text = "1.2"
    organizations = etree.SubElement(root, f"{{{IMSCP}}}organizations", {"default": f"org-{course.id}"})
    organization = etree.SubElement(organizations, f"{{{IMSCP}}}organization", {"identifier": f"org-{course.id}"})
    etree.SubElement(organization, f"{{{IMSCP}}}title").text = inline_text(ctx.plain(course.title))
    resources = etree.SubElement(root, f"{{{IMSCP}}}resources")
    places = lessons(course)
    for module_number, module in enumerate(course.modules, start=1):
        group = etree.SubElement(organization, f"{{{IMSCP}}}item", {"identifier": f"item-{module.id}"})
        label = f"{ctx.word('module_n', n=str(module_number))}: {inline_text(ctx.plain(module.title))}"
        etree.SubElement(group, f"{{{IMSCP}}}title").text = label
        for place in (p for p in places if p.module is module):
            lesson = place.lesson
            item = etree.SubElement(
                group,
                f"{{{IMSCP}}}item",
                {"identifier": f"item-{lesson.id}", "identifierref": f"res-{lesson.id}", "isvisible": "true"},
            )
            label = f"{ctx.word('lesson_n', n=str(place.number))}: {inline_text(ctx.plain(lesson.title))}"
            etree.SubElement(item, f"{{{IMSCP}}}title").text = label
            resource = etree.SubElement(
                resources,
                f"{{{IMSCP}}}resource",
                {
                    "identifier": f"res-{lesson.id}",
                    "type": "webcontent",
                    f"{{{ADLCP}}}scormtype": "sco",
                    "href": lesson_file(lesson),
                },
            )
            etree.SubElement(resource, f"{{{IMSCP}}}file", {"href": lesson_file(lesson)})
            etree.SubElement(resource, f"{{{IMSCP}}}dependency", {"identifierref": "res-assets"})
    shared = etree.SubElement(
        resources,
        f"{{{IMSCP}}}resource",
        {"identifier": "res-assets", "type": "webcontent", f"{{{ADLCP}}}scormtype": "asset"},
    )
    for name in (SCRIPT, STYLE):
        etree.SubElement(shared, f"{{{IMSCP}}}file", {"href": name})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def scorm_package(
    content: Content,
    course: m.Course,
    lang: Lang,
    site_url: str,
    tree: str = "",
    stale_since: Mapping[int, PartialDate] | None = None,
) -> bytes:
    """The course's SCORM 1.2 package in ``lang`` as zip bytes."""
    ctx = Ctx(content, lang, stale_since or {})
    members: dict[str, bytes] = {"imsmanifest.xml": manifest(ctx, course)}
    for place in lessons(course):
        members[lesson_file(place.lesson)] = lesson_html(ctx, place, site_url, tree).encode("utf-8")
    for name in (SCRIPT, STYLE):
        members[name] = (ASSETS / name).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return out.getvalue()
