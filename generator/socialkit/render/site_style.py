"""The playbook's own stylesheet: what WCAG 2.1 AA and a 390 px phone need beyond the Material theme.

The rules are in socialkit.css beside this module; the plugin adds it to the site as
`assets/socialkit.css` (served from the site itself like everything else). axe-core
in the browser test finds each of these without it.
"""

from __future__ import annotations

from pathlib import Path

STYLESHEET = "assets/socialkit.css"


def stylesheet_file() -> Path:
    """The stylesheet as a file of the package (the i18n plugin takes only files it can read from disk)."""
    return Path(__file__).with_name("socialkit.css")
