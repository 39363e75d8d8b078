"""The characters no strategy text may hold (SK025), against a plain reference, and why: what is left
is text every output can carry (UTF-8 files, the generated mkdocs.yml as PyYAML reads it)."""

from __future__ import annotations

import json

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from socialkit.strategy import scalars as S

ANY_TEXT = st.text(st.characters(codec=None) | st.sampled_from(["\ud800", "\udfff", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff", "\r"]))


def reference(text: str) -> str | None:
    for char in text:
        code = ord(char)
        control = (code < 0x20 and char not in "\t\n") or 0x7F <= code <= 0x9F
        if control or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            return f"U+{code:04X}"
    return None


@given(ANY_TEXT)
def test_bad_character_agrees_with_the_reference(text):
    assert S.bad_character(text) == reference(text)


@given(ANY_TEXT.filter(lambda text: S.bad_character(text) is None))
@example("Solvik\u2028Energi\u2029AB")
@example("tab\tand\nnew line")
@example("\ufeffbyte-order mark, no-break\u00a0space")
def test_accepted_text_encodes_and_loads_back_from_mkdocs_yml(text):
    text.encode("utf-8")  # strict: no surrogate
    line = f"site_name: {json.dumps(text, ensure_ascii=False)}\n"  # how render_mkdocs_yml quotes a value
    assert yaml.safe_load(line) == {"site_name": text}


def test_the_engine_refuses_a_rota_that_would_never_finish_compiling():
    from datetime import date, datetime

    import pytest

    from socialkit.engine import compile_rota
    from socialkit.engine.spec import RotaLayer, RotaSpec

    spec = RotaSpec(
        id="t", timezone="Europe/Stockholm", layers=(RotaLayer("l", datetime(2026, 1, 5, 8), 1, ("anna",), None),), overrides=()
    )
    with pytest.raises(ValueError, match="hands off more than"):
        compile_rota(spec, date(2026, 1, 1), 400)
