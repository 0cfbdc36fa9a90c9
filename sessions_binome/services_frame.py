"""Writes on the charter, the pair's frame and the signatures; completion of pairs at their end date.

Frame rules: the mentee writes the objectives, the mentor may comment; both may set the rhythm, the
dates and the video tool. Any change clears both confirmations. Once a member has signed, the frame no
longer changes (the signature covers it). The pair becomes active at the second signature.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.dates import long_date
from mentorat.core.emails import send_templated_email
from mentorat.core.enums import ProgrammeStatus

from . import selectors_frame as selectors
from .enums import PairStatus
from .models import Charter, CharterSignature, FrameRhythm, Pair, PairFrame, PairObjective, SignatureRole

MAX_OBJECTIVES = 3
FRAME_FIELDS = ("rhythm", "rhythm_other", "starts_on", "ends_on", "video")
# Anything that starts like a URL ("xyz:", "www.") is a link and must be a valid https one; anything
# else is the name of a tool ("Teams", "Tixeo", "par téléphone").
_LOOKS_LIKE_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|www\.)", re.IGNORECASE)
_https = URLValidator(schemes=["https"])


# --- charter versions (programme engineer) -----------------------------------------------------


def _charter_errors(title, body):
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Donnez un titre à la charte.")
    if not (body or "").strip():
        errors["body"] = _("Le texte de la charte est vide.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def charter_create_draft(*, programme, by, title, body):
    """A new version, as a draft: its number follows the programme's last version."""
    _charter_errors(title, body)
    # Lock the programme's versions so that two engineers never take the same number.
    versions = list(
        Charter.objects.select_for_update().filter(programme=programme).values_list("version", "published_at")
    )
    if any(published_at is None for _version, published_at in versions):
        raise ValidationError(_("Une version en brouillon existe déjà : modifiez-la ou publiez-la."))
    version = max((v for v, _p in versions), default=0) + 1
    return Charter.objects.create(
        programme=programme, version=version, title=title.strip(), body=body.strip() + "\n", created_by=by
    )


@transaction.atomic
def charter_update_draft(*, charter, by, title, body):
    """Edit a draft. A published version is never changed: a change is a new version."""
    charter = Charter.objects.select_for_update().get(pk=charter.pk)
    if charter.is_published:
        raise ValidationError(
            _("Cette version est publiée : elle ne peut plus être modifiée. Créez une nouvelle version.")
        )
    _charter_errors(title, body)
    charter.title, charter.body = title.strip(), body.strip() + "\n"
    charter.save(update_fields=["title", "body", "updated_at"])
    return charter


@transaction.atomic
def charter_publish(*, charter, by, now=None):
    """Publish a draft: from now on pairs that have not signed yet sign this version."""
    charter = Charter.objects.select_for_update().get(pk=charter.pk)
    if charter.is_published:
        raise ValidationError(_("Cette version est déjà publiée."))
    charter.published_at = now or timezone.now()
    charter.published_by = by
    charter.save(update_fields=["published_at", "published_by", "updated_at"])
    return charter


# --- the frame ---------------------------------------------------------------------------------


def frame_initial(pair):
    """Values of a frame not written yet: monthly, over the whole programme."""
    return {
        "rhythm": FrameRhythm.MONTHLY,
        "rhythm_other": "",
        "starts_on": pair.programme.starts_on,
        "ends_on": pair.programme.ends_on,
        "video": "",
    }


def frame_errors(programme, *, rhythm, rhythm_other, starts_on, ends_on, video):
    """{field: French message} for a frame that breaks a rule; shared by the form and the service."""
    errors = {}
    if rhythm not in FrameRhythm.values:
        errors["rhythm"] = _("Choisissez un rythme dans la liste.")
    elif rhythm == FrameRhythm.OTHER and not (rhythm_other or "").strip():
        errors["rhythm_other"] = _("Précisez le rythme convenu, par exemple « deux séances puis une par mois ».")
    bounds = {
        "start": long_date(programme.starts_on),
        "end": long_date(programme.ends_on),
    }
    if starts_on and not programme.starts_on <= starts_on <= programme.ends_on:
        errors["starts_on"] = (
            _("La date de début doit être comprise dans le programme, entre le %(start)s et le %(end)s.") % bounds
        )
    if ends_on and not programme.starts_on <= ends_on <= programme.ends_on:
        errors["ends_on"] = (
            _("La date de fin doit être comprise dans le programme, entre le %(start)s et le %(end)s.") % bounds
        )
    elif starts_on and ends_on and ends_on <= starts_on:
        errors["ends_on"] = _("La date de fin doit suivre la date de début.")
    if not starts_on and "starts_on" not in errors:
        errors["starts_on"] = _("Indiquez la date de début.")
    if not ends_on and "ends_on" not in errors:
        errors["ends_on"] = _("Indiquez la date de fin.")
    video = (video or "").strip()
    if video and _LOOKS_LIKE_URL.match(video):
        try:
            _https(video)
        except ValidationError:
            errors["video"] = _(
                "Le lien doit être une adresse sécurisée commençant par https://, par exemple https://visio.exemple.fr/salle."
            )
    elif len(video) > 100:
        errors["video"] = _("Le nom de l'outil tient en 100 caractères ; pour un lien, collez une adresse https://.")
    return errors


def objectives_errors(objectives):
    """French message for a list of (text, start assessment) that breaks a rule, else None."""
    if not objectives:
        return _("Écrivez au moins un objectif.")
    if len(objectives) > MAX_OBJECTIVES:
        return _("Trois objectifs au plus : gardez les plus importants.")
    for text, assessment in objectives:
        if not (text or "").strip():
            return _("Chaque objectif a un texte.")
        if not isinstance(assessment, int) or not 1 <= assessment <= 5:
            return _("L'auto-évaluation de départ est une note de 1 à 5.")
    return None


def _locked_open_frame(pair, by):
    """Lock the pair; refuse when `by` is not a member or the frame can no longer change."""
    pair = (
        Pair.objects.select_for_update(of=("self",))
        .select_related("programme", "mentee", "mentor", "track")
        .get(pk=pair.pk)
    )
    if selectors.member_role(pair, by) is None:
        raise ValidationError(_("Seuls les membres du binôme peuvent modifier son cadre."))
    if pair.status != PairStatus.FRAME:
        raise ValidationError(_("Le binôme a commencé : son cadre est celui de la charte signée."))
    if CharterSignature.objects.filter(pair=pair).exists():
        raise ValidationError(_("La charte est déjà signée avec ce cadre : il ne peut plus être modifié."))
    return pair


@transaction.atomic
def frame_save(*, pair, by, rhythm, rhythm_other, starts_on, ends_on, video, objectives=None, mentor_comment=None):
    """Save the frame as `by` wrote it. `objectives` [(text, start assessment)] come from the mentee
    only, `mentor_comment` from the mentor only. Returns True when anything changed (and then both
    confirmations are cleared)."""
    pair = _locked_open_frame(pair, by)
    role = selectors.member_role(pair, by)
    if role == SignatureRole.MENTOR and objectives is not None:
        raise ValidationError(_("Les objectifs sont écrits par la personne mentorée."))
    if role == SignatureRole.MENTEE and mentor_comment is not None:
        raise ValidationError(_("Le commentaire est celui du mentor."))
    values = {
        "rhythm": rhythm,
        "rhythm_other": (rhythm_other or "").strip() if rhythm == FrameRhythm.OTHER else "",
        "starts_on": starts_on,
        "ends_on": ends_on,
        "video": (video or "").strip(),
    }
    errors = frame_errors(pair.programme, **values)
    if objectives is not None:
        objectives = [((text or "").strip(), assessment) for text, assessment in objectives]
        message = objectives_errors(objectives)
        if message:
            errors["objectives"] = message
    if mentor_comment is not None:
        values["mentor_comment"] = mentor_comment.strip()
        if len(values["mentor_comment"]) > 2000:
            errors["mentor_comment"] = _("Le commentaire tient en 2 000 caractères.")
    if errors:
        raise ValidationError(errors)

    frame = PairFrame.objects.filter(pair=pair).first()
    changed = frame is None or any(getattr(frame, name) != value for name, value in values.items())
    if objectives is not None:
        current = [(o.text, o.start_assessment) for o in PairObjective.objects.filter(pair=pair).order_by("position")]
        if current != objectives:
            changed = True
            PairObjective.objects.filter(pair=pair).delete()
            PairObjective.objects.bulk_create(
                PairObjective(pair=pair, position=position, text=text, start_assessment=assessment)
                for position, (text, assessment) in enumerate(objectives, start=1)
            )
    if not changed:
        return False
    if frame is None:
        frame = PairFrame(pair=pair)
    for name, value in values.items():
        setattr(frame, name, value)
    frame.mentee_confirmed_at = frame.mentor_confirmed_at = None
    frame.updated_by = by
    frame.save()
    return True


@transaction.atomic
def frame_confirm(*, pair, by, now=None):
    """`by` agrees with the frame as it stands. Both confirmations open the signing of the charter."""
    pair = _locked_open_frame(pair, by)
    frame = PairFrame.objects.filter(pair=pair).first()
    if frame is None:
        raise ValidationError(_("Le cadre n'est pas encore écrit."))
    if not PairObjective.objects.filter(pair=pair).exists():
        raise ValidationError(_("La personne mentorée doit d'abord écrire au moins un objectif."))
    field = "mentee_confirmed_at" if selectors.member_role(pair, by) == SignatureRole.MENTEE else "mentor_confirmed_at"
    if getattr(frame, field) is None:
        setattr(frame, field, now or timezone.now())
        frame.save(update_fields=[field, "updated_at"])
    return frame


# --- signatures --------------------------------------------------------------------------------


@transaction.atomic
def charter_sign(*, pair, user, expected_sha256=None, ip_address=None, user_agent="", now=None):
    """`user` signs the charter with the pair's frame. The caller has re-authenticated the person.

    `expected_sha256` is the hash of the text shown to the person: if the text changed since
    (another version, another pair's page), nothing is signed. The second signature activates the
    pair and both members are told.
    """
    now = now or timezone.now()
    pair = (
        Pair.objects.select_for_update(of=("self",))
        .select_related("programme", "track", "mentee", "mentor")
        .get(pk=pair.pk)
    )
    role = selectors.member_role(pair, user)
    if role is None:
        raise ValidationError(_("Seuls les membres du binôme signent sa charte."))
    if pair.status != PairStatus.FRAME:
        raise ValidationError(_("La charte de ce binôme n'est plus à signer."))
    frame = PairFrame.objects.filter(pair=pair).first()
    if frame is None or not frame.is_confirmed:
        raise ValidationError(_("Le cadre doit d'abord être confirmé par vous deux."))
    signatures = selectors.signatures_of(pair)
    if any(s.user_id == user.pk for s in signatures):
        raise ValidationError(_("Vous avez déjà signé cette charte."))
    charter, text, digest = selectors.content_to_sign(pair, signatures)
    if charter is None:
        raise ValidationError(_("Aucune charte n'est publiée pour ce programme."))
    if expected_sha256 is not None and expected_sha256 != digest:
        raise ValidationError(_("Le texte a changé depuis que vous l'avez ouvert : relisez-le avant de signer."))
    signature = CharterSignature.objects.create(
        pair=pair,
        user=user,
        role=role,
        charter=charter,
        signed_at=now,
        ip_address=ip_address or None,
        user_agent=(user_agent or "")[:500],
        content_sha256=digest,
        signed_content=text,
    )
    audit_log(AuditAction.CHARTER_SIGNED, actor=user, target=f"pair:{pair.pk}", version=charter.version, sha256=digest)
    if len(signatures) + 1 == 2:
        pair.status = PairStatus.ACTIVE
        pair.activated_at = now
        pair.save(update_fields=["status", "activated_at"])
        for person, other in ((pair.mentee, pair.mentor), (pair.mentor, pair.mentee)):
            send_templated_email(
                "pair_active", to=person.email, context={"person": person, "other": other, "pair": pair, "frame": frame}
            )
    return signature


# --- completion ----------------------------------------------------------------------------------


def pairs_complete_due(*, now=None):
    """Complete the active pairs whose own frame ended before today (Paris time), in every opened
    edition, and tell both members their certificate is ready. A pair is completed once: a second
    run finds nothing to do."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = list(
        Pair.objects.filter(status=PairStatus.ACTIVE, frame__ends_on__lt=today, programme__status=ProgrammeStatus.LIVE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(pair_complete(pair_id=pair_id, now=now) for pair_id in due)


@transaction.atomic
def pair_complete(*, pair_id, now=None):
    """Complete one active pair (1), or do nothing when it is not active any more (0)."""
    now = now or timezone.now()
    pair = (
        Pair.objects.select_for_update(of=("self",))
        .select_related("programme", "track", "mentee", "mentor")
        .get(pk=pair_id)
    )
    if pair.status != PairStatus.ACTIVE:
        return 0
    pair.status = PairStatus.COMPLETED
    pair.ended_at = now
    pair.save(update_fields=["status", "ended_at"])
    for person, other in ((pair.mentee, pair.mentor), (pair.mentor, pair.mentee)):
        send_templated_email(
            "certificate_ready", to=person.email, context={"person": person, "other": other, "pair": pair}
        )
    return 1
