from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import FinalAssessmentForm
from ..models.closing import TAKEAWAY_MAX


class ClosingForm(FinalAssessmentForm):
    """The closing step: the final assessment of each objective (the mentee's; none for the mentor)
    and what the person takes away."""

    def __init__(self, *args, objectives, takeaway=None, **kwargs):
        super().__init__(*args, objectives=objectives, **kwargs)
        self.fields["takeaway"] = forms.CharField(
            label=_("Ce que vous emportez de ces mois de mentorat"),
            widget=forms.Textarea(attrs={"rows": 6}),
            max_length=TAKEAWAY_MAX,
            # The mentor has nothing else to write here: an empty form would save nothing.
            required=not objectives,
            initial=takeaway.text if takeaway else "",
            help_text=_(
                "Ce que vous avez appris, ce qui vous a surpris, ce que vous emportez pour la suite. "
                "Visible par vous seul : ni votre binôme, ni l'équipe du programme, ni les référents RH ne le lisent."
            ),
            error_messages={"required": _("Écrivez ce que vous retenez avant d'enregistrer.")},
        )
