from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Programme
from .services import CHARTER_COPY, CHARTER_NEW, next_edition_errors

_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M"]


def _datetime_field(label):
    return forms.DateTimeField(
        label=label,
        input_formats=_DATETIME_FORMATS,
        help_text=_("Heure de Paris."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def _date_field(label, **kwargs):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs)


class EditionPrepareForm(forms.Form):
    """The next edition's identity and calendar; everything else is copied from `source`
    (mentorat.core.editions.services.programme_prepare_next checks the order of the dates)."""

    source = forms.ModelChoiceField(
        label=_("Édition de départ"),
        queryset=Programme.objects.order_by("-starts_on"),
        empty_label=None,
        help_text=_("Ses parcours, réglages, charte et questionnaires sont repris."),
    )
    slug = forms.SlugField(
        label=_("Identifiant"), max_length=50, help_text=_("Par exemple 2027-2028 ; il figure dans les exports.")
    )
    name = forms.CharField(label=_("Nom"), max_length=200)
    call_opens_at = _datetime_field(_("Ouverture de l'appel à candidatures"))
    call_closes_at = _datetime_field(_("Clôture de l'appel à candidatures"))
    starts_on = _date_field(_("Début du programme"))
    ends_on = _date_field(_("Fin du programme"))
    evaluation_ends_on = _date_field(_("Fin de l'évaluation"), required=False)
    charter = forms.ChoiceField(
        label=_("Charte"),
        widget=forms.RadioSelect,
        choices=[
            (
                CHARTER_COPY,
                _("Reprendre la charte en vigueur, publiée telle quelle (version 1 de la nouvelle édition)"),
            ),
            (CHARTER_NEW, _("Préparer une nouvelle version : la charte en vigueur copiée en brouillon, à relire")),
        ],
        help_text=_(
            "Relisez-la : son texte peut citer les dates de l'édition de départ. Pour l'instant, une charte en "
            "brouillon se modifie et se publie depuis « Charte du mentorat » une fois l'édition ouverte."
        ),
    )

    def clean(self):
        # The service's rules (slug free, dates in order), checked here too so that every error shows at once.
        data = super().clean()
        names = ("source", "slug", "name", "call_opens_at", "call_closes_at", "starts_on", "ends_on")
        errors = next_edition_errors(
            **{name: data.get(name) for name in names},
            evaluation_ends_on=data.get("evaluation_ends_on"),
            charter=data.get("charter", CHARTER_COPY),
        )
        for field, message in errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data
