from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from mentorat.core.models import Programme

from .enums import ResourceKind
from .models import Resource, TrainingSession

MAX_FILE_SIZE = 10 * 1024 * 1024  # 10 Mo
PDF_MAGIC = b"%PDF-"


def check_pdf_upload(upload):
    """Raise ValidationError unless `upload` is a PDF of at most 10 Mo: name ending in .pdf and
    content starting with %PDF- (the browser's content type is not trusted)."""
    if not upload.name.lower().endswith(".pdf"):
        raise forms.ValidationError(
            _("Seuls les fichiers PDF sont acceptés : « %(name)s » n'a pas l'extension .pdf."),
            code="extension",
            params={"name": upload.name},
        )
    if upload.size > MAX_FILE_SIZE:
        raise forms.ValidationError(
            _("Ce fichier dépasse la taille maximale de 10 Mo (taille du fichier : %(size)s)."),
            code="size",
            params={"size": filesizeformat(upload.size)},
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise forms.ValidationError(
            _("Ce fichier n'est pas un PDF valide : son contenu ne correspond pas à son extension."),
            code="content",
        )


class ResourceForm(forms.ModelForm):
    file = forms.FileField(
        label=_("Fichier PDF"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,application/pdf"}),
        help_text=_("Pour une ressource de type fichier : un PDF de 10 Mo au maximum."),
    )
    programme = forms.ModelChoiceField(
        label=_("Édition"),
        queryset=Programme.objects.order_by("-starts_on"),
        required=False,
        empty_label=_("Toutes les éditions"),
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "slug",
            "summary",
            "kind",
            "file",
            "body",
            "audience",
            "programme",
            "position",
            "published",
            "agenda_stage",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 18}),
            "summary": forms.TextInput,
        }
        help_texts = {
            "slug": _("Utilisé dans l'adresse de la page. Laissez vide pour le tirer du titre."),
            "summary": _("Une ou deux phrases, affichées dans la liste des ressources."),
            "body": _(
                "Pour une page : le texte, en Markdown (## Titre, **gras**, - liste, [lien](https://…), tableaux). "
                "Pour un fichier : une présentation facultative."
            ),
            "position": _("Les ressources sont classées par ordre croissant, puis par titre."),
            "published": _("Décochez pour retirer la ressource de la bibliothèque sans la supprimer."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.previous_file_name = self.instance.file.name if self.instance.pk else ""
        if self.previous_file_name:
            self.fields["file"].help_text = _(
                "Fichier actuel : %(name)s. Choisissez un autre PDF pour le remplacer (10 Mo au maximum)."
            ) % {"name": self.instance.file_name or self.previous_file_name}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            check_pdf_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == ResourceKind.PAGE and not (cleaned.get("body") or "").strip() and "body" not in self.errors:
            self.add_error("body", _("Écrivez le texte de la page."))
        if kind == ResourceKind.FILE and not cleaned.get("file") and "file" not in self.errors:
            self.add_error("file", _("Choisissez le fichier PDF à mettre à disposition."))
        self._clean_agenda_stage(cleaned)
        return cleaned

    def _clean_agenda_stage(self, cleaned):
        """An agenda template is a page, one per stage and edition (or for every edition)."""
        stage = cleaned.get("agenda_stage")
        if not stage:
            return
        if cleaned.get("kind") == ResourceKind.FILE:
            self.add_error("agenda_stage", _("Un modèle d'ordre du jour est une page, pas un fichier."))
            return
        others = Resource.objects.filter(agenda_stage=stage, programme=cleaned.get("programme")).exclude(
            pk=self.instance.pk
        )
        other = others.first()
        if other is not None:
            self.add_error(
                "agenda_stage",
                _("« %(title)s » est déjà le modèle de cette étape pour cette édition.") % {"title": other.title},
            )

    def save(self, commit=False):
        """The resource, not yet written: services.resource_save writes it."""
        resource = super().save(commit=False)
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile) and resource.kind == ResourceKind.FILE:
            resource.file_name = upload.name.rsplit("/", 1)[-1][:255]
            resource.file_size = upload.size
        return resource


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class TrainingSessionForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Début (heure de Paris)"),
        widget=DateTimeLocalInput,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    duration_minutes = forms.IntegerField(label=_("Durée (minutes)"), min_value=15, max_value=600, initial=120)

    class Meta:
        model = TrainingSession
        fields = ["title", "starts_at", "duration_minutes", "location_or_link", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "location_or_link": forms.TextInput}


class AttendanceFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher un mentor (nom ou adresse)"), required=False, max_length=100)
    untrained = forms.BooleanField(label=_("Seulement les mentors non formés"), required=False)
