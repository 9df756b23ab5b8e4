"""push.canonical_code's shortcut for a desk's dossier code gives what codes.parse_code gives."""

from __future__ import annotations

import random

import pytest

from central.errors import Malformed
from central.push import canonical_code
from counter_app.domain import codes


def _reference(text: str, notice: bool) -> codes.ParsedCode | None:
    """canonical_code as it was before the shortcut (None: refused with a 422)."""
    parsed = codes.parse_code(text)
    if parsed is None or codes.normalise_scan(text) != text or parsed.is_notice != notice:
        return None
    return parsed


def _texts() -> list[str]:
    rnd = random.Random(20)
    agencies = ["000.00.01.H12", "H12", "A1", "1.2.3", "X", "a12", "H12.", ".H12", "H 12", "H12\n", "Ｈ12"]
    days = ["261102", "260230", "261301", "000101", "991231", "26110", "2611021", "２61102", "26 1102"]
    numbers = ["1001", "2999", "2000", "9000", "0999", "999", "10001", "BS1001", "BS2000", "bs1001", "1001\n",
               " 1001", "1٠01"]
    out = [f"{a}-{d}-{n}" for a in agencies for d in days for n in numbers]
    alphabet = "0123456789ABZaz.-_ \n/BS٣"
    out += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 24))) for _ in range(3000)]
    out += [f"{rnd.choice(agencies)}-{rnd.randint(0, 999999):06d}-{rnd.randint(0, 12000)}" for _ in range(3000)]
    out += [f"{rnd.choice(agencies[:5])}-{rnd.randint(0, 99):02d}{rnd.randint(1, 12):02d}{rnd.randint(1, 31):02d}-"
            f"{rnd.choice(['', 'BS'])}{rnd.randint(1000, 9999)}" for _ in range(3000)]
    return out


@pytest.mark.parametrize("notice", [False, True])
def test_canonical_code_matches_parse_code(notice: bool) -> None:
    accepted = 0
    for text in _texts():
        expected = _reference(text, notice)
        if expected is None:
            with pytest.raises(Malformed):
                canonical_code(text, notice=notice)
        else:
            accepted += 1
            assert canonical_code(text, notice=notice) == expected, text
    assert accepted > 100  # the corpus reaches both answers
