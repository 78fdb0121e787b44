"""Test-support package for journeydocs (browser + real mermaid).

    from harness.browser import require_browser, launch, open_page, run_axe
    from harness.mermaid import parse_all, render_all

See the module docstrings.  Browser work shares ONE headless Chromium per
test session (system Chromium via Playwright; see harness.browser).
"""
