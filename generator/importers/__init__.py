"""Import: journeys from spreadsheets (CSV, XLSX), playbook.json and mermaid journey
blocks become playbook files; ``sheet_export`` writes a journey back as a spreadsheet.

Modules: ``columns`` (header names → fields), ``spreadsheet`` (reading CSV/XLSX),
``tabular`` (rows → journeys), ``mermaid``, ``playbook_json``, ``draft`` (what an
import makes), ``writer`` (files, site.yml appended to), ``run`` (the steps),
``command`` (the CLI), ``sheet_export`` (a journey → CSV/XLSX).
"""
