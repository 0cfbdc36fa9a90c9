"""Reads about the frame, the charter and its signatures.

`signed_content` is the one place that builds the text a member signs; `frame_progress` and
`charter_signed_on` are what followers (HR referents, the engineer) may know: status, never content.
"""

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from mentorat.core.dates import long_date

from .enums import PairStatus, SessionStatus
from .models import Charter, CharterSignature, PairFrame, PairObjective, SignatureRole


def current_charter(programme):
    """The charter people sign now: the programme's latest published version."""
    return Charter.objects.filter(programme=programme, published_at__isnull=False).order_by("-version").first()


def signatures_of(pair):
    return list(CharterSignature.objects.filter(pair=pair).select_related("user", "charter").order_by("signed_at"))


def charter_for_pair(pair, signatures=None):
    """The version this pair signs: the one a member already signed, else the current one.

    Both members sign the same text even when the engineer publishes a new version in between.
    """
    signatures = signatures_of(pair) if signatures is None else signatures
    if signatures:
        return signatures[0].charter
    return current_charter(pair.programme)


def frame_of(pair):
    return PairFrame.objects.filter(pair=pair).first()


def objectives_of(pair):
    return list(PairObjective.objects.filter(pair=pair).order_by("position"))


def member_role(pair, user):
    if user.pk == pair.mentee_id:
        return SignatureRole.MENTEE
    if user.pk == pair.mentor_id:
        return SignatureRole.MENTOR
    return None


def _d(day):
    return day.strftime("%d/%m/%Y")


def signed_content(*, pair, charter, frame, objectives):
    """The canonical text a member signs: charter version, the pair's names, the frame.

    Written in French on purpose, outside the translation catalogue: the signed text (and so its
    hash) must not depend on the language of the page it was signed from.
    """
    body = "\n".join(line.rstrip() for line in charter.body.replace("\r\n", "\n").strip().split("\n"))
    lines = [
        charter.title,
        f"Version {charter.version} — {pair.programme.name}",
        "",
        body,
        "",
        "Binôme",
        f"Personne mentorée : {pair.mentee.get_full_name()} <{pair.mentee.email}>",
        f"Mentor : {pair.mentor.get_full_name()} <{pair.mentor.email}>",
        f"Parcours : {pair.track.code} — {pair.track.name}",
        "",
        "Cadre du binôme",
    ]
    for objective in objectives:
        text = " ".join(objective.text.split())
        lines.append(
            f"Objectif {objective.position} : {text} (auto-évaluation de départ : {objective.start_assessment}/5)"
        )
    lines += [
        f"Rythme : {frame.rhythm_label}",
        f"Dates : du {_d(frame.starts_on)} au {_d(frame.ends_on)}",
        f"Visioconférence : {frame.video or 'non précisée'}",
    ]
    return "\n".join(lines) + "\n"


def sha256_hex(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_to_sign(pair, signatures=None):
    """(charter, text, hash) that a member of `pair` would sign now, or (None, "", "") when nothing
    is ready (no published charter, no frame)."""
    charter = charter_for_pair(pair, signatures)
    frame = frame_of(pair)
    if charter is None or frame is None:
        return None, "", ""
    text = signed_content(pair=pair, charter=charter, frame=frame, objectives=objectives_of(pair))
    return charter, text, sha256_hex(text)


# --- what followers may know ------------------------------------------------------------------


def _status_of(pair):
    if hasattr(pair, "signature_count"):  # read with the follow-up rows
        return pair.frame_confirmed, pair.signature_count, pair.last_signed_at
    signed = sorted(CharterSignature.objects.filter(pair=pair).values_list("signed_at", flat=True))
    frame = frame_of(pair)
    return bool(frame and frame.is_confirmed), len(signed), (signed[-1] if signed else None)


def charter_signed_on(pair):
    """When the second member signed (None before): what HR referents may know of the charter.
    Reads what `follow_up_rows` read when present, else two small queries."""
    _confirmed, count, last = _status_of(pair)
    return last if count == 2 else None


def frame_progress(pair):
    """One French sentence on where the pair's frame and charter stand, with no content."""
    confirmed, count, last = _status_of(pair)
    if count == 2:
        return _("Charte signée le %(date)s") % {"date": long_date(last)}
    if pair.status != PairStatus.FRAME:
        return _("Charte non signée")
    if count:
        return _("Charte signée par un membre sur deux")
    return _("Cadre confirmé, charte à signer") if confirmed else _("Cadre en préparation")


# --- the members' summary on the pair's page ----------------------------------------------------


FRAME_URL, CHARTER_URL = "sessions_binome:frame", "sessions_binome:charter"


@dataclass
class FrameSummary:
    pair: object
    role: str
    frame: object
    objectives: list
    signatures: list
    charter: object
    next_action: str
    next_url_name: str
    can_download_charter: bool
    can_download_certificate: bool


def frame_summary(pair, user):
    """What a member sees of the frame and charter on the pair's page, and what to do next."""
    role = member_role(pair, user)
    frame = frame_of(pair)
    objectives = objectives_of(pair)
    signatures = signatures_of(pair)
    charter = charter_for_pair(pair, signatures)
    other = pair.mentor if role == SignatureRole.MENTEE else pair.mentee
    names = {"name": other.get_full_name()}
    action, url_name = "", ""
    if pair.status == PairStatus.FRAME:
        url_name = FRAME_URL
        mine = frame and (frame.mentee_confirmed_at if role == SignatureRole.MENTEE else frame.mentor_confirmed_at)
        if not objectives and role == SignatureRole.MENTEE:
            action = _("Écrivez vos objectifs et proposez le cadre de travail à votre mentor.")
        elif not objectives:
            action = (
                _(
                    "%(name)s écrit ses objectifs ; vous pouvez déjà proposer le rythme, les dates et l'outil de visioconférence."
                )
                % names
            )
        elif not mine:
            action = _("Relisez le cadre, proposez des modifications si besoin, puis confirmez-le.")
        elif not frame.is_confirmed:
            action = _("Vous avez confirmé le cadre : %(name)s doit le confirmer à son tour.") % names
        elif role not in {s.role for s in signatures}:
            action, url_name = _("Le cadre est confirmé : lisez la charte avec le cadre et signez-la."), CHARTER_URL
        else:
            action, url_name = _("Vous avez signé la charte : %(name)s doit la signer à son tour.") % names, CHARTER_URL
    elif pair.status == PairStatus.COMPLETED:
        action = _("Votre mentorat est terminé : votre attestation de participation est prête.")
        url_name = "sessions_binome:certificate"
    return FrameSummary(
        pair=pair,
        role=role,
        frame=frame,
        objectives=objectives,
        signatures=signatures,
        charter=charter,
        next_action=action,
        next_url_name=url_name,
        can_download_charter=len(signatures) == 2,
        can_download_certificate=pair.status == PairStatus.COMPLETED,
    )


def sessions_held(pair):
    return pair.sessions.filter(status=SessionStatus.HELD).count()
