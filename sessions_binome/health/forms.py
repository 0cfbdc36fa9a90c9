from django import forms
from django.utils.translation import gettext_lazy as _

from ..models.health import RATING_COMMENT_MAX, FitAnswer

SCORE_CHOICES = [
    ("4", _("4 — Très utile")),
    ("3", _("3 — Utile")),
    ("2", _("2 — Peu utile")),
    ("1", _("1 — Pas utile")),
]


class FitCheckForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Ce binôme vous convient-il ?"),
        choices=FitAnswer.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Votre réponse n'est lue que par vous : ni votre binôme, ni votre référent·e RH, ni l'équipe "
            "du programme ne la voient. L'équipe voit seulement qu'un point est à faire."
        ),
        error_messages={"required": _("Choisissez l'une des trois réponses.")},
    )

    def __init__(self, *args, is_mentor=False, **kwargs):
        super().__init__(*args, **kwargs)
        if is_mentor:
            # A mentor's wish to change is told to the engineers (sessions_binome/health/services.py).
            self.fields["answer"].help_text = _(
                "Votre binôme et votre référent·e RH ne voient jamais votre réponse. L'équipe du programme voit "
                "seulement qu'un point est à faire, et est prévenue si vous souhaitez changer."
            )


class SessionRatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Cette séance vous a-t-elle été utile ?"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une appréciation de 1 à 4.")},
    )
    comment = forms.CharField(
        label=_("Commentaire (facultatif)"),
        required=False,
        max_length=RATING_COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Visible par vous seul·e, comme votre appréciation."),
    )
