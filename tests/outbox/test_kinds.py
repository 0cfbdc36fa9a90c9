"""The outbox page names every e-mail by a French label, never by its template's code."""

from pathlib import Path

import pytest

from mentorat.outbox.kinds import LABELS, kind_label

EMAILS = Path(__file__).resolve().parents[2] / "templates" / "emails"
KINDS = sorted(path.name.removesuffix("_subject.txt") for path in EMAILS.glob("*_subject.txt"))


@pytest.mark.parametrize("kind", KINDS)
def test_every_email_template_has_a_french_label(kind):
    label = str(kind_label(kind))
    assert label != str(LABELS["other"]), f"{kind} has no label in mentorat/outbox/kinds.py"
    assert kind not in label and "_" not in label


def test_an_unknown_kind_is_written_other_not_as_its_code():
    assert str(kind_label("call-closing")) == "Autre"
    assert str(kind_label("account/email_confirmation")) == "Compte (confirmation d'adresse, mot de passe)"
