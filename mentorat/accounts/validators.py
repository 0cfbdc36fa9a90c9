"""What a person's name and phone number may hold. Names are shown in pages, e-mails, PDFs and
spreadsheets: letters (any alphabet, accents included), with spaces, hyphens, apostrophes and a
full stop between them (« Marie-Hélène », « N'Diaye », « O’Brien », « de la Tour », « J.-P. »), so
that no markup nor formula is ever stored."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NAME_MAX_LENGTH = 100
_LETTERS = r"[^\W\d_]+"
_NAME = re.compile(rf"{_LETTERS}\.?(?:(?: |-|'|’|\. ?){_LETTERS}\.?)*")
_PHONE = re.compile(r"\+?[0-9][0-9 .]{7,22}")


def validate_person_name(value):
    value = value.strip()
    if len(value) > NAME_MAX_LENGTH:
        raise ValidationError(_("%(max)d caractères au plus."), code="max_length", params={"max": NAME_MAX_LENGTH})
    if value and not _NAME.fullmatch(value):
        raise ValidationError(
            _("Lettres seulement, avec des espaces, des traits d'union ou des apostrophes entre elles."),
            code="invalid_name",
        )


def normalise_phone(value):
    """« 06 12 34 56 78 », « 06.12.34.56.78 », « +33 6 12 34 56 78 » → digits grouped by two."""
    digits = re.sub(r"[ .]", "", value or "")
    if digits.startswith("+33") and len(digits) == 12:
        digits = "0" + digits[3:]
    if len(digits) == 10 and digits.startswith("0"):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return digits


def validate_phone(value):
    digits = re.sub(r"[ .]", "", value or "")
    french = len(digits) == 10 and digits.startswith("0") or digits.startswith("+33") and len(digits) == 12
    international = digits.startswith("+") and 8 <= len(digits) <= 16
    if value and not (_PHONE.fullmatch(value.strip()) and (french or international)):
        raise ValidationError(
            _("Indiquez un numéro à 10 chiffres (06 12 34 56 78) ou au format international (+33 6 12 34 56 78)."),
            code="invalid_phone",
        )
