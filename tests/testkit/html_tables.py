"""Read the data tables of a page: each table's headings and cells, dates from <time datetime>."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlTable:
    """One table: its name (the data-table attribute), caption, headings and rows of cell text.

    A cell holding <time datetime="..."> reads as that machine-readable value.
    """

    name: str
    caption: str = ""
    headings: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    row_headers_scoped: bool = True


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[HtmlTable] = []
        self._table: HtmlTable | None = None
        self._cell: list[str] | None = None
        self._in_head = False
        self._in_caption = False
        self._row: list[str] = []
        self._time: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table":
            self._table = HtmlTable(values.get("data-table") or "")
        elif self._table is None:
            return
        elif tag == "caption":
            self._in_caption = True
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td"):
            self._cell = []
            if tag == "th" and not self._in_head and values.get("scope") != "row":
                self._table.row_headers_scoped = False
        elif tag == "time":
            self._time = values.get("datetime")

    def handle_endtag(self, tag: str) -> None:
        table = self._table
        if table is None:
            return
        if tag == "caption":
            self._in_caption = False
        elif tag == "thead":
            self._in_head = False
        elif tag in ("th", "td") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            if self._in_head:
                table.headings = self._row
            else:
                table.rows.append(self._row)
        elif tag == "table":
            self.tables.append(table)
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._table is None:
            return
        if self._in_caption:
            self._table.caption += data.strip()
        elif self._cell is not None:
            self._cell.append(data if self._time is None else self._time)
            self._time = None


def read_tables(html: str) -> dict[str, HtmlTable]:
    """The page's tables by their data-table name."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    return {t.name: t for t in parser.tables}
