from django import forms
from django.utils.translation import gettext_lazy as _

from .catalogue import optional_kinds


class PreferencesForm(forms.Form):
    """One checkbox per kind that can be turned off, checked while the kind is on."""

    enabled = forms.MultipleChoiceField(
        label=_("Rappels que je reçois"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, disabled=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(kind.code, kind.label) for kind in optional_kinds()]
        self.fields["enabled"].choices = choices
        self.fields["enabled"].initial = [code for code, _label in choices if code not in disabled]

    def disabled_kinds(self):
        enabled = set(self.cleaned_data["enabled"])
        return [kind.code for kind in optional_kinds() if kind.code not in enabled]
