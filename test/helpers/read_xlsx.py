"""Read a workbook with openpyxl (not exceljs, which wrote it) and print it as JSON.

Usage: read_xlsx.py FILE
Prints {"sheets": [{"name": ..., "rows": [[value, ...], ...], "types": [["n"|"s"|"b"|"d"|null, ...], ...],
"formats": [[number_format, ...], ...]}]}: every used row, values as openpyxl reads them
(numbers as numbers), the cell types, and the number formats (to see "0%").
"""
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows, types, formats = [], [], []
    for row in ws.iter_rows():
        rows.append([c.value for c in row])
        types.append([None if c.value is None else c.data_type for c in row])
        formats.append([c.number_format for c in row])
    out.append({"name": ws.title, "rows": rows, "types": types, "formats": formats})
print(json.dumps({"sheets": out}, default=str))
