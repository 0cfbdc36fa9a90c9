"""Forms of the frame, the signature and the charter versions. The rules live in services_frame;
the forms put its French messages next to the fields."""

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from .models import Charter, FrameRhythm
from .services_frame import MAX_OBJECTIVES, frame_errors

ASSESSMENT_CHOICES = [
    ("", _("Choisir une note")),
    (1, _("1 — j'en suis loin")),
    (2, _("2")),
    (3, _("3 — à mi-chemin")),
    (4, _("4")),
    (5, _("5 — objectif atteint")),
]
_ASSESSMENT_ERROR = _("Choisissez une note entre 1 et 5.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class FrameForm(forms.Form):
    """Rhythm, dates and video tool (both members); the mentor's comment (mentor only)."""

    rhythm = forms.ChoiceField(
        label=_("Rythme des séances"),
        choices=FrameRhythm.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez un rythme."),
            "invalid_choice": _("Choisissez un rythme dans la liste."),
        },
    )
    rhythm_other = forms.CharField(
        label=_("Si autre rythme : lequel ?"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : deux séances rapprochées puis une par mois."),
    )
    starts_on = forms.DateField(
        label=_("Date de début"),
        widget=DateInput,
        error_messages={
            "required": _("Indiquez la date de début."),
            "invalid": _("Saisissez une date valide, par exemple 15/10/2026."),
        },
    )
    ends_on = forms.DateField(
        label=_("Date de fin"),
        widget=DateInput,
        error_messages={
            "required": _("Indiquez la date de fin."),
            "invalid": _("Saisissez une date valide, par exemple 15/05/2027."),
        },
    )
    video = forms.CharField(
        label=_("Outil ou lien de visioconférence"),
        max_length=500,
        required=False,
        help_text=_("Le nom de l'outil (par exemple Teams) ou le lien de la salle, commençant par https://."),
    )
    mentor_comment = forms.CharField(
        label=_("Votre commentaire ou vos propositions"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Lu par la personne mentorée : ce que vous proposez de changer aux objectifs ou au cadre."),
    )

    def __init__(self, *args, programme, with_comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        if not with_comment:
            del self.fields["mentor_comment"]
        for name in ("starts_on", "ends_on"):
            self.fields[name].widget.attrs.update(
                min=programme.starts_on.isoformat(), max=programme.ends_on.isoformat()
            )

    def clean(self):
        cleaned = super().clean()
        fields = ("rhythm", "rhythm_other", "starts_on", "ends_on", "video")
        if any(name in self.errors for name in fields):
            return cleaned
        for name, message in frame_errors(self.programme, **{name: cleaned.get(name) for name in fields}).items():
            self.add_error(name, message)
        return cleaned


class ObjectiveForm(forms.Form):
    """One objective; a row left blank is no objective."""

    text = forms.CharField(
        label=_("Ce que vous voulez atteindre"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    start_assessment = forms.TypedChoiceField(
        label=_("Où en êtes-vous aujourd'hui ?"),
        choices=ASSESSMENT_CHOICES,
        coerce=int,
        required=False,
        error_messages={"invalid_choice": _ASSESSMENT_ERROR},
    )

    def clean(self):
        cleaned = super().clean()
        text, assessment = (cleaned.get("text") or "").strip(), cleaned.get("start_assessment")
        if "start_assessment" in self.errors:
            return cleaned
        if text and assessment in (None, ""):
            self.add_error("start_assessment", _ASSESSMENT_ERROR)
        elif assessment not in (None, "") and not text:
            self.add_error("text", _("Écrivez l'objectif que vous évaluez, ou retirez la note."))
        return cleaned

    @property
    def is_blank(self):
        return not (self.cleaned_data.get("text") or "").strip() and self.cleaned_data.get("start_assessment") in (
            None,
            "",
        )


class BaseObjectiveFormSet(BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        filled = [form for form in self.forms if not form.is_blank]
        if not filled:
            raise forms.ValidationError(_("Écrivez au moins un objectif."), code="too_few")
        if len(filled) > MAX_OBJECTIVES:
            raise forms.ValidationError(_("Trois objectifs au plus : gardez les plus importants."), code="too_many")

    def objectives(self):
        """[(text, start assessment)] of the filled rows, in order."""
        return [
            (form.cleaned_data["text"].strip(), form.cleaned_data["start_assessment"])
            for form in self.forms
            if not form.is_blank
        ]


# Always three rows: a mentee without JavaScript can write up to three objectives.
ObjectiveFormSet = formset_factory(
    ObjectiveForm, formset=BaseObjectiveFormSet, extra=MAX_OBJECTIVES, max_num=MAX_OBJECTIVES
)


def objective_formset(data=None, objectives=()):
    initial = [{"text": o.text, "start_assessment": o.start_assessment} for o in objectives]
    formset = ObjectiveFormSet(data, initial=initial, prefix="objectifs")
    return formset


class SignForm(forms.Form):
    """Explicit consent and re-authentication: the password is asked again."""

    content_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    accept = forms.BooleanField(
        label=_("J'ai lu la charte et le cadre du binôme ci-dessus et je m'engage à les respecter."),
        error_messages={"required": _("Cochez la case pour signer la charte.")},
    )
    password = forms.CharField(
        label=_("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Pour confirmer que c'est bien vous qui signez."),
        error_messages={"required": _("Saisissez votre mot de passe pour signer.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mot de passe incorrect : la charte n'est pas signée."))
        return password


class CharterForm(forms.ModelForm):
    class Meta:
        model = Charter
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "class": "font-monospace"})}
        help_texts = {
            "body": _(
                "Markdown : ## pour un titre de section, - pour une liste, **gras**. Une version publiée ne change plus."
            ),
        }
        error_messages = {
            "title": {"required": _("Donnez un titre à la charte.")},
            "body": {"required": _("Le texte de la charte est vide.")},
        }
