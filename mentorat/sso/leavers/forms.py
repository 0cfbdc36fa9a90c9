import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from mentorat.core.models import Organisation

MAX_FILE_BYTES = 5 * 1024 * 1024


def read_staff_emails(upload):
    """The e-mail addresses of a CSV file (any column, `,` or `;`, with or without a header)."""
    raw = upload.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise ValidationError(_("Le fichier dépasse 5 Mo."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Le fichier doit être un CSV enregistré en UTF-8.")) from error
    delimiter = ";" if text.count(";") > text.count(",") else ","
    emails = set()
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        for cell in row:
            cell = cell.strip().lower()
            if "@" not in cell:
                continue
            try:
                validate_email(cell)
            except ValidationError:
                continue
            emails.add(cell)
    if not emails:
        raise ValidationError(_("Le fichier ne contient aucune adresse électronique valide."))
    return emails


class StaffListForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisme"), queryset=Organisation.objects.none())
    staff_file = forms.FileField(
        label=_("Liste des personnels actifs (CSV)"),
        help_text=_("Une adresse électronique par ligne, ou une colonne d'adresses ; 5 Mo au plus."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    def clean_staff_file(self):
        return read_staff_emails(self.cleaned_data["staff_file"])
