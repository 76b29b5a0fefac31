"""A dashboard table as a file: CSV safe to open in a spreadsheet, or Parquet with typed columns."""

import csv
import io

import pyarrow as pa
import pyarrow.parquet as pq

from immportal.services.analytics.tables import DataTable
from immportal.services.audit.export import safe_cell

_ARROW_TYPES = {"date": pa.date32(), "int": pa.int64(), "float": pa.float64()}


def table_csv(table: DataTable) -> str:
    """The column names, then the rows; a cell a spreadsheet would run is made text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(c.key) for c in table.columns])
    for row in table.rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def table_parquet(table: DataTable) -> bytes:
    """The table as one Parquet file: dates as dates, counts as int64, days as float64."""
    arrays = [
        pa.array([row[n] for row in table.rows], type=_ARROW_TYPES[column.kind])
        for n, column in enumerate(table.columns)
    ]
    names = [c.key for c in table.columns]
    out = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(arrays, names=names), out)
    return out.getvalue()
