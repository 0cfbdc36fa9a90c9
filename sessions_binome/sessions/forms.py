"""Forms of the sessions: plan or move, log, note after the fact, cancel, the shared agenda, personal
notes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mentorat.core.fields import ThemesField
from mentorat.core.models import Theme

from ..enums import SessionStatus
from ..models import MentoringSession
from .services import check_held_on, check_upcoming, check_video_link

_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class SessionForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Date et heure (heure de Paris)"),
        input_formats=_DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    video_link = forms.URLField(
        label=_("Lien de visioconférence"),
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("Adresse https de la visioconférence (Teams, Webex, Tixeo…)."),
    )

    class Meta:
        model = MentoringSession
        fields = ["starts_at", "duration_minutes", "video_link", "agenda"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"agenda": _("Visible par vous deux seulement ; chacun peut le compléter jusqu'à la séance.")}

    # The services' own rules, asked here too so that every error shows at once, next to its field.
    def clean_starts_at(self):
        return _by_rule(check_upcoming, self.cleaned_data["starts_at"], "starts_at")

    def clean_video_link(self):
        return _by_rule(check_video_link, self.cleaned_data.get("video_link", ""), "video_link")


def _by_rule(rule, value, field):
    """`value` if `rule(value)` accepts it, else the rule's message as the field's error."""
    try:
        rule(value)
    except ValidationError as error:
        raise forms.ValidationError(error.message_dict[field]) from None
    return value


class SessionLogForm(forms.Form):
    status = forms.ChoiceField(
        label=_("La séance a été"),
        choices=[
            (SessionStatus.HELD, _("tenue")),
            (SessionStatus.CANCELLED, _("annulée")),
            (SessionStatus.MISSED, _("manquée")),
        ],
        widget=forms.RadioSelect,
    )
    actual_duration_minutes = forms.IntegerField(
        label=_("Durée réelle (minutes)"), min_value=1, max_value=480, required=False
    )
    themes = ThemesField(
        label=_("Thèmes abordés"),
        queryset=Theme.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    shared_notes = forms.CharField(
        label=_("Notes partagées avec votre mentoré"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )
    private_notes = forms.CharField(
        label=_("Notes personnelles (vous seul les lirez)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == SessionStatus.HELD and not cleaned.get("actual_duration_minutes"):
            self.add_error("actual_duration_minutes", _("Indiquez la durée réelle de la séance."))
        return cleaned


class HeldSessionForm(forms.Form):
    """A session held without being planned here first: its past date, what it was about."""

    starts_at = forms.DateTimeField(
        label=_("Date et heure de la séance (heure de Paris)"),
        input_formats=_DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    actual_duration_minutes = forms.IntegerField(label=_("Durée (minutes)"), min_value=1, max_value=480)
    themes = ThemesField(
        label=_("Thèmes abordés"),
        queryset=Theme.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    shared_notes = forms.CharField(
        label=_("Notes partagées avec votre binôme"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )
    private_notes = forms.CharField(
        label=_("Notes personnelles (vous seul les lirez)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )

    def __init__(self, *args, pair, is_mentor, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair = pair
        if not is_mentor:
            del self.fields["private_notes"]  # the mentee's own notes are written per session, apart

    def clean_starts_at(self):
        return _by_rule(lambda value: check_held_on(self.pair, value), self.cleaned_data["starts_at"], "starts_at")


class CancelForm(forms.Form):
    message = forms.CharField(
        label=_("Message à votre binôme (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        help_text=_("Envoyé avec l'annulation, à votre binôme et à vous."),
    )


class AgendaForm(forms.Form):
    agenda = forms.CharField(
        label=_("Ordre du jour"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=4000,
        required=False,
        help_text=_("Visible par vous deux seulement ; chacun peut le compléter jusqu'à la séance."),
    )


class SharedNotesForm(forms.Form):
    shared_notes = forms.CharField(
        label=_("Notes partagées"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        required=False,
        help_text=_("Visibles par vous deux seulement : ce que vous retenez de la séance, ce que vous avez convenu."),
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Texte"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000, required=False)
