"""kd-markdown, pass 2: one labelled section -> its base content and the per-profile additions
("Voor <profiel> geldt aanvullend"), across table rows and page breaks.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.model import DossierError
from knowledge.parsers.kd_markdown.body import _Sec
from knowledge.parsers.kd_markdown.elements import _Item, _ends_sentence, _starts_lower


@dataclass
class _Block:
    profiel: str  # as named in the text
    line: int
    items: list[_Item] = field(default_factory=list)


@dataclass
class _Content:
    base: list[_Item] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)


def _extend(target: list[_Item], items: list[_Item], *, same_paragraph: bool = False, cut_cell: bool = False) -> None:
    """Append items to a block's (or the base's) items, joining what continues the last one."""
    for n, item in enumerate(items):
        last = target[-1] if target else None
        joins = False
        if last is not None and item.kind == "text" and last.kind in ("text", "bullet"):
            if not _ends_sentence(last.text) and _starts_lower(item.text):
                joins = True  # a sentence cut by a page break or a blank line
            elif n == 0 and last.kind == "text" and not item.text.startswith("* ") and (cut_cell or same_paragraph):
                joins = True  # the next line of the same paragraph, or a cell cut by a page break
        if joins:
            last.text = f"{last.text} {item.text}"
            last.last = max(last.last, item.last)
        else:
            target.append(_Item(item.kind, item.text, item.first, item.last))


def _has_comp(items: list[_Item]) -> bool:
    return any(it.kind == "comp" for it in items)


def _continue_row(source: str, where: str, blocks: list[_Block], cells: list[list[_Item]], line: int) -> None:
    """A row of cells without "Voor ..." headers continues the last len(cells) blocks, in order."""
    n = len(cells)
    if n > len(blocks):
        raise DossierError(source, f"{where}: line {line} continues {n} additions, but only {len(blocks)} "
                                   "'Voor ... geldt aanvullend' blocks are open")
    j = len(blocks) - n - 1
    for i, cell in enumerate(cells):
        j = max(j + 1, len(blocks) - n + i)
        if not cell:
            continue
        while _has_comp(cell) and _has_comp(blocks[j].items):
            j += 1  # competences of a block that has them already belong to the next one
            if j >= len(blocks):
                raise DossierError(source, f"{where}: line {line} gives competences to an addition that has them")
        _extend(blocks[j].items, cell, cut_cell=True)


def _is_cut(block: _Block) -> bool:
    """A block whose cell the page cut: still empty, or its last text stops mid-sentence."""
    if not block.items:
        return True
    last = block.items[-1]
    return last.kind in ("text", "bullet") and not _ends_sentence(last.text)


def _loose_cells(paragraphs: list[list[_Item]]) -> list[list[_Item]]:
    """Loose paragraphs after a page break as a row: a competence line closes a cell."""
    cells: list[list[_Item]] = [[]]
    for para in paragraphs:
        if cells[-1] and _has_comp(cells[-1]):
            cells.append([])
        cells[-1].extend(para)
    return [c for c in cells if c]


def _interpret(source: str, where: str, sec: _Sec) -> _Content:
    content = _Content()
    blocks = content.blocks
    after_break, prev_blank = False, True
    loose: list[list[_Item]] = []

    def flush() -> None:
        if not loose:
            return
        cut = [b for b in blocks if _is_cut(b)]
        if len(cut) == len(loose):  # one loose paragraph per cut (or still empty) cell
            for block, para in zip(cut, loose):
                _extend(block.items, para, cut_cell=True)
        else:
            _continue_row(source, where, blocks, _loose_cells(loose), loose[0][0].first)
        loose.clear()

    for el in sec.elems:
        if el.kind == "blank":
            prev_blank = True
            continue
        if el.kind == "break":
            flush()
            after_break, prev_blank = True, True
            continue
        if el.kind == "row":
            flush()
            if any(cell and cell[0].kind == "voor" for cell in el.cells):
                for cell in el.cells:
                    if cell and cell[0].kind == "voor":
                        blocks.append(_Block(cell[0].text, cell[0].first))
                        _extend(blocks[-1].items, cell[1:])
                    elif cell:
                        _extend(blocks[-1].items if blocks else content.base, cell)
            else:
                cells = list(el.cells)
                while cells and not cells[-1]:
                    cells.pop()
                _continue_row(source, where, blocks, cells, el.line)
            after_break, prev_blank = False, False
            continue
        items = el.items
        if items[0].kind == "voor":
            flush()
            blocks.append(_Block(items[0].text, items[0].first))
            _extend(blocks[-1].items, items[1:])
            after_break = False
        elif blocks and after_break:
            if loose and not prev_blank:
                _extend(loose[-1], items, same_paragraph=True)
            else:
                loose.append(list(items))
        elif blocks:
            _extend(blocks[-1].items, items, same_paragraph=not prev_blank)
        else:
            _extend(content.base, items, same_paragraph=not prev_blank)
        prev_blank = False
    flush()
    return content
