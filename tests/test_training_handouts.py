"""The training handouts rendered: PDF (pdftotext) and DOCX (pandoc) in vi, en and ko, the
answers and explanations in the trainer's handout only.

Rendered from tests/fixtures/course (one course, three questions); the expected words come from
the content and vkc.i18n.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypandoc  # type: ignore[import-untyped]  # no stubs
import pytest

from conftest import FIXTURES
from vkc import model as m
from vkc.content import Content, load_content
from vkc.i18n import t
from vkc.model import LANGS, Lang
from vkc.reports import Edition, build_handouts, render_docx, render_pdf

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: renders PDF and DOCX."""

QUESTIONS = ("q-year", "q-kinds", "q-number")


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, diagnostics = load_content(FIXTURES / "course")
    assert loaded is not None, diagnostics
    return loaded


@pytest.fixture(scope="module")
def handouts(content: Content, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every handout of the fixture as PDF and DOCX, by file name under downloads/."""
    folder = tmp_path_factory.mktemp("handouts")
    out: dict[str, Path] = {}
    editions: list[Edition] = build_handouts(content)
    for edition in editions:
        for fmt, render in (("pdf", render_pdf), ("docx", render_docx)):
            path = folder / f"{edition.stem}.{fmt}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(render(edition))
            out[f"{edition.stem}.{fmt}"] = path
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf(path: Path) -> str:
    return _flat(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    )


def _docx(path: Path) -> str:
    return _flat(str(pypandoc.convert_file(str(path), "plain", format="docx", extra_args=["--wrap=none"])))


def test_every_handout_is_written(handouts: dict[str, Path]) -> None:
    assert sorted(handouts) == sorted(
        f"training/course-test-{role}-{lang}.{fmt}"
        for role in ("trainer", "learner")
        for lang in LANGS
        for fmt in ("pdf", "docx")
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_answers_only_in_the_trainers_handout(
    handouts: dict[str, Path], content: Content, lang: Lang, fmt: str
) -> None:
    read = _pdf if fmt == "pdf" else _docx
    trainer = read(handouts[f"training/course-test-trainer-{lang}.{fmt}"])
    learner = read(handouts[f"training/course-test-learner-{lang}.{fmt}"])
    answer, explanation = t("q_answer", lang), t("q_feedback", lang)
    for question_id in QUESTIONS:
        question = content.get(question_id, m.Question)
        prompt = _flat(question.prompt.text(lang) or "")
        feedback = _flat(f"{explanation}: {question.feedback.text(lang)}")
        assert prompt in trainer and prompt in learner  # both ask every question ...
        assert feedback in trainer and feedback not in learner  # ... only one explains it
    assert f"{answer}: B" in trainer  # the single-choice answer by its letter
    assert f"{answer}: A, B" in trainer
    assert f"{answer}: 950/QĐ-TTg / 950" in trainer
    assert f"{answer}:" not in learner
    assert t("handout_trainer_note", lang) in trainer and t("handout_learner_note", lang) in learner
    assert t("course_prepared", lang) in trainer and t("course_prepared", lang) in learner
    # Where the answer is written, in both: a learner can look it up.
    see = _flat(f"{t('q_see', lang)}: 1.1")
    assert see in trainer and see in learner
