from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH


class QuestionForm(forms.Form):
    body = forms.CharField(
        label=_("Votre question"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=QUESTION_MAX_LENGTH,
        # The limit is written out: a lazy text formatted here would be translated once, at import.
        help_text=_(
            "Une seule question, de 500 caractères au plus. Le mentor y répond une fois ; personne d'autre ne la lit."
        ),
        error_messages={"required": _("Écrivez votre question avant de l'envoyer.")},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Votre réponse"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=ANSWER_MAX_LENGTH,
        help_text=_("Une seule réponse, de 1 000 caractères au plus ; seule la personne qui vous interroge la lira."),
        error_messages={"required": _("Écrivez votre réponse avant de l'envoyer.")},
    )
