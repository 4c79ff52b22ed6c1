"""vkc: the publication system for Vietnam's smart-city guideline and the VKC records.

Data flows one way: load (YAML with positions) -> model (pydantic) -> validate (all
problems, then cross-references) -> render (site pages, reports) -> publish (atomic).
"""

__version__ = "0.1.0"
