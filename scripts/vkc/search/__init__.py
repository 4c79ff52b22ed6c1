"""Per-language search and offline reading (issue 7).

Engine choice, by measurement (../shared/research/baseline.md, 3x1000 synthetic pages):

- Material's lunr search: one index for all languages (23.5 MB; results mix languages),
  ready 5.7-7.4 s after page load, no diacritic folding (`do thi` ranks the page 330 of
  399), no Korean (`도시의` finds nothing, `시티` finds nothing). Rejected.
- Pagefind 1.5.2: one index per language, folds accents but not `đ` (`do` never matches
  `đô`; `do thi` ranks the page 65 of 130), whitespace tokens for Korean (`시티` gives
  unrelated results), 17-27 s and ~620 MB to index, no glossary bridge. Rejected.
- Our own: Python writes the text of each page section into ``<lang>/search/index.js`` and
  a small static client (assets/vkc-search.js) matches it in the browser. Measured by
  ``make bench`` (benchmarks/search.py, 3x1000 synthetic pages, 2-core machine): keystroke to
  results 16 ms median, 60-70 ms worst (goal 100 ms); ready 0.1-0.3 s after the first focus
  (lunr: 5.7 s); 4.0/5.4/6.1 MB per language (vi/en/ko), 0.8-0.9 MB gzipped (lunr: one
  23.5 MB index for all); 0.8 s to build all three. Chosen: it gives every rule the issue
  asks for (đ folding, exact tones first, Korean particles and compounds, glossary bridge,
  file://) and nothing to install.

Why the text and not an inverted index: the rules need substring and cross-space matching
for Hangul (`도시` in `도시는`, `스마트시티` against `스마트 시티`) and the original letters
next to the folded ones (exact tones first, highlighted excerpts). A per-character fold that
keeps the length gives both from one string, and `indexOf` over a few MB per language is
fast enough; an inverted index would need n-grams for Korean and a second copy for excerpts.
The index is a script (not JSON) so it also loads from ``file://`` in the downloaded archive.

Material's search plugin is disabled (mkdocs.yml ``plugins: []``) and the header carries
our box (overrides/partials/vkc-search.html).
"""

from .index import write_search
from .offline import write_offline

__all__ = ["write_offline", "write_search"]
