from django import forms
from django.utils.translation import gettext_lazy as _


class ChooseForm(forms.Form):
    message = forms.CharField(
        label=_("Un mot pour votre futur mentor (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class RequestAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Votre réponse"),
        choices=[("accept", _("J'accepte d'accompagner cette personne")), ("decline", _("Je ne peux pas"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Motif (lu uniquement par l'équipe du programme)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Obligatoire si vous déclinez. La personne mentorée ne le verra pas."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Indiquez le motif, il ne sera lu que par l'équipe du programme."))
        return cleaned


class MentorEndPairForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi souhaitez-vous mettre fin à ce binôme ?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "Seule l'équipe du programme lira ce motif. Votre mentoré sera simplement informé et recevra de nouvelles propositions."
        ),
        error_messages={"required": _("Indiquez le motif, il ne sera lu que par l'équipe du programme.")},
    )
    confirm = forms.BooleanField(
        label=_("Je confirme vouloir mettre fin à ce binôme."),
        error_messages={"required": _("Cochez la case pour confirmer.")},
    )


class ChangeMentorForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi souhaitez-vous changer de mentor ?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "Seule l'équipe du programme lira ce motif. Votre mentor sera simplement informé de la fin du binôme."
        ),
        error_messages={"required": _("Indiquez le motif, il ne sera lu que par l'équipe du programme.")},
    )
    confirm = forms.BooleanField(
        label=_("Je confirme vouloir mettre fin à ce binôme et recevoir de nouvelles propositions."),
        error_messages={"required": _("Cochez la case pour confirmer.")},
    )
