-- Pandoc Lua filter for the printable editions of vkc.
-- 1. Content text is untrusted: images (which would read files) become their alt text,
--    links other than http(s), mailto and in-document anchors become plain text, raw
--    blocks never pass (the reader disables them too; this is the second lock).
-- 2. A div of class "pair" holds two divs with a lang attribute: Vietnamese and its
--    translation, laid out side by side (a Typst grid in PDF, a two-column table in DOCX).
-- 3. In Typst, spans and divs with a lang attribute set the text language, the marks for
--    untranslated, stale, proposed and illustrative text are coloured, and a notice div is
--    a box with a coloured rule on its left.

local function typst_escape_free(s) return s:gsub('[^%w%-]', '') end

local sanitize = {
  Image = function(el) return pandoc.Span(el.caption) end,
  Link = function(el)
    local t = el.target
    if t:match('^https?://') or t:match('^mailto:') or t:match('^#') then return el end
    return pandoc.Span(el.content)
  end,
  RawBlock = function(el) return {} end,
  RawInline = function(el) return {} end,
}

local colors = {
  untranslated = '#8a5a00', stale = '#8a5a00', proposed = '#555555', illustrative = '#9a2b00',
  ['heading-note'] = '#555555',
}

local function Span(el)
  if FORMAT ~= 'typst' then return el end
  local open, close = {}, {}
  for _, class in ipairs(el.classes) do
    if colors[class] then
      table.insert(open, '#text(fill: rgb("' .. colors[class] .. '"))[')
      table.insert(close, ']')
    end
  end
  local lang = el.attributes['lang']
  if lang then
    table.insert(open, '#text(lang: "' .. typst_escape_free(lang) .. '")[')
    table.insert(close, ']')
  end
  if #open == 0 then return el end
  local out = {}
  for _, o in ipairs(open) do table.insert(out, pandoc.RawInline('typst', o)) end
  local span = pandoc.Span(el.content, pandoc.Attr(el.identifier))
  table.insert(out, span)
  for _, c in ipairs(close) do table.insert(out, pandoc.RawInline('typst', c)) end
  return out
end

local function typst_cell(div)
  local lang = typst_escape_free(div.attributes['lang'] or 'vi')
  local body = pandoc.write(pandoc.Pandoc(div.content), 'typst')
  -- Narrow columns: ragged right reads better than stretched spaces.
  return '[#set text(lang: "' .. lang .. '")\n#set par(justify: false)\n' .. body .. '\n]'
end

local function Div(el)
  if el.classes:includes('pair') then
    local cells = {}
    for _, child in ipairs(el.content) do
      if child.t == 'Div' then table.insert(cells, child) end
    end
    if FORMAT == 'typst' then
      local parts = {}
      for _, c in ipairs(cells) do table.insert(parts, typst_cell(c)) end
      return pandoc.RawBlock('typst',
        '#block(breakable: true, below: 0.9em, grid(columns: (1fr, 1fr), column-gutter: 1.4em, '
        .. table.concat(parts, ', ') .. '))')
    end
    local row = {}
    for _, c in ipairs(cells) do table.insert(row, c.content) end
    local simple = pandoc.SimpleTable({}, { 'AlignDefault', 'AlignDefault' }, { 0.5, 0.5 }, {}, { row })
    return pandoc.utils.from_simple_table(simple)
  end
  -- A figure drawn at build time. DOCX: the SVG file vkc.reports.render writes beside the
  -- reference document, its caption as the image's description and below it.
  if FORMAT == 'docx' and el.classes:includes('figure') and el.attributes['figure'] then
    local name = 'figure-' .. typst_escape_free(el.attributes['figure']) .. '.svg'
    local image = pandoc.Image(el.content[1].content, name, '', pandoc.Attr('', {}, { { 'width', '10cm' } }))
    return { pandoc.Para({ image }), pandoc.Para(el.content[1].content) }
  end
  -- PDF: its SVG and alt text come from sys.inputs (vkc.reports.render).
  if FORMAT == 'typst' and el.classes:includes('figure') and el.attributes['figure'] then
    local key = 'figure-' .. typst_escape_free(el.attributes['figure'])
    local caption = pandoc.write(pandoc.Pandoc(el.content), 'typst')
    return pandoc.RawBlock('typst', '#figure(image(bytes(sys.inputs.at("' .. key .. '")), format: "svg", '
      .. 'width: 62%, alt: sys.inputs.at("' .. key .. '-alt")), caption: [' .. caption .. '])')
  end
  -- A notice (missing or stale translation): a box with a coloured rule on its left, as the
  -- site's admonitions have.
  if FORMAT == 'typst' and el.classes:includes('notice') then
    local color = colors[el.classes[2]] or '#555555'
    local body = pandoc.write(pandoc.Pandoc(el.content), 'typst')
    return pandoc.RawBlock('typst', '#block(stroke: (left: 2pt + rgb("' .. color .. '")), inset: (left: 8pt, y: 3pt), '
      .. 'breakable: true)[' .. body .. ']')
  end
  if FORMAT == 'typst' and el.attributes['lang'] then
    local lang = typst_escape_free(el.attributes['lang'])
    table.insert(el.content, 1, pandoc.RawBlock('typst', '#set text(lang: "' .. lang .. '")'))
    return el
  end
end

-- The sanitizing pass runs first, so the raw Typst written by the layout pass survives.
return { sanitize, { Span = Span, Div = Div } }
