#!/usr/bin/env bash
# Installs the system programs Toetsing needs and npm cannot bring: Chromium (PDF reports and
# browser tests; puppeteer cannot download its own browser here), poppler-utils (pdftotext and
# pdftoppm, for reading PDFs in tests and tools), fonts, openpyxl (the Excel round-trip test
# edits a working sheet with another spreadsheet library than the one that wrote it) and pikepdf
# (the PDF structure test reads the tags, XMP and fonts with another PDF library than the one that
# wrote them). Does nothing when all are present. The sRGB profile the PDFs embed ships in
# reports/icc/, so no colour-profile package is needed.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -qi liberation || missing+=(fonts-liberation)
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || missing+=(python3-openpyxl)
/usr/bin/python3 -c 'import pikepdf' >/dev/null 2>&1 || missing+=(python3-pikepdf)
# LibreOffice (Writer without a GUI) reads the Word reports back in the tests: soffice --convert-to pdf|txt.
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Toetsing: systeempakketten installeren: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "Installeer als beheerder: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
