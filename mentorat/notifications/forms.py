from django import forms
from django.utils.translation import gettext_lazy as _


class PreferencesForm(forms.Form):
    """One checkbox per kind that the person receives and can turn off, checked while it is on."""

    enabled = forms.MultipleChoiceField(
        label=_("Rappels que je reçois"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, kinds, disabled=(), **kwargs):
        """`kinds`: the optional kinds shown; the others keep their state in `disabled`."""
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        self.disabled = list(disabled)
        choices = [(kind.code, kind.label) for kind in kinds]
        self.fields["enabled"].choices = choices
        self.fields["enabled"].initial = [code for code, _label in choices if code not in self.disabled]

    def disabled_kinds(self):
        enabled = set(self.cleaned_data["enabled"])
        shown = {kind.code for kind in self.kinds}
        kept = [code for code in self.disabled if code not in shown]
        return kept + [kind.code for kind in self.kinds if kind.code not in enabled]
