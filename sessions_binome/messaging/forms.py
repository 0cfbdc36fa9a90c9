from django import forms
from django.utils.translation import gettext_lazy as _

from ..models.messages import BODY_MAX


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=BODY_MAX,
        help_text=_(
            "Visible par vous deux seulement. Votre binôme est prévenu par courriel, sans le contenu du message."
        ),
        error_messages={"required": _("Écrivez votre message avant de l'envoyer.")},
    )
