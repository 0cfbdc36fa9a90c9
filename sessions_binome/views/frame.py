"""The pair's frame, the signing of the charter and the pair's documents (signed charter, certificate).

Members only, except the signed charter PDF that the programme engineer may also download. HR
referents get 404 here: they see the frame's status on their own pages, never its content.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorat.accounts.perms import is_programme_engineer
from mentorat.core.client_ip import client_ip
from mentorat.core.idempotency import idempotent_post
from mentorat.core.pdf import pdf_response

from .. import selectors_frame as selectors
from .. import services_frame as services
from ..enums import PairStatus
from ..forms_frame import FrameForm, SignForm, objective_formset
from ..models import SignatureRole
from ..perms import get_pair_for_follower, get_pair_for_member


def _add_errors(error, *forms_by_field):
    """Put a service's ValidationError next to the fields it names; the rest on top of the first form."""
    first = forms_by_field[0][1]
    if not hasattr(error, "error_dict"):
        first.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        target = next((form for names, form in forms_by_field if field in names), first)
        target.add_error(field if field in target.fields else None, messages_)


def frame(request, pk):
    pair = get_pair_for_member(request.user, pk)
    role = selectors.member_role(pair, request.user)
    is_mentee = role == SignatureRole.MENTEE
    current = selectors.frame_of(pair)
    objectives = selectors.objectives_of(pair)
    signatures = selectors.signatures_of(pair)
    editable = pair.status == PairStatus.FRAME and not signatures
    data = request.POST if request.method == "POST" else None

    if current is None:
        initial = services.frame_initial(pair)
    else:
        initial = {name: getattr(current, name) for name in services.FRAME_FIELDS}
        initial["mentor_comment"] = current.mentor_comment
    form = FrameForm(data, initial=initial, programme=pair.programme, with_comment=not is_mentee)
    formset = objective_formset(data, objectives) if is_mentee else None

    if request.method == "POST":
        if not editable:
            messages.error(request, _("Ce cadre ne peut plus être modifié."))
            return redirect("sessions_binome:frame", pk=pair.pk)
        valid = form.is_valid()
        if formset is not None:
            valid = formset.is_valid() and valid
        if valid:
            values = {name: form.cleaned_data[name] for name in services.FRAME_FIELDS}
            try:
                changed = services.frame_save(
                    pair=pair,
                    by=request.user,
                    **values,
                    objectives=formset.objectives() if formset is not None else None,
                    mentor_comment=None if is_mentee else form.cleaned_data["mentor_comment"],
                )
            except ValidationError as error:
                _add_errors(error, (set(form.fields), form))
            else:
                if changed:
                    messages.success(
                        request,
                        _("Le cadre est enregistré. Toute modification demande une nouvelle confirmation de chacun."),
                    )
                else:
                    messages.info(request, _("Rien n'a changé dans le cadre."))
                return redirect("sessions_binome:frame", pk=pair.pk)

    return render(
        request,
        "sessions_binome/frame.html",
        {
            "pair": pair,
            "role": role,
            "is_mentee": is_mentee,
            "current": current,
            "objectives": objectives,
            "signatures": signatures,
            "editable": editable,
            "form": form,
            "formset": formset,
            "other": pair.mentor if is_mentee else pair.mentee,
            "my_confirmation": current and (current.mentee_confirmed_at if is_mentee else current.mentor_confirmed_at),
        },
    )


@require_POST
def frame_confirm(request, pk):
    pair = get_pair_for_member(request.user, pk)
    try:
        current = services.frame_confirm(pair=pair, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("sessions_binome:frame", pk=pair.pk)
    if current.is_confirmed:
        messages.success(request, _("Le cadre est confirmé par vous deux : vous pouvez signer la charte."))
        return redirect("sessions_binome:charter", pk=pair.pk)
    messages.success(request, _("Vous avez confirmé le cadre. Il reste à l'autre membre du binôme de le confirmer."))
    return redirect("sessions_binome:frame", pk=pair.pk)


@idempotent_post
def charter(request, pk):
    """Read the charter with the frame, and sign it."""
    pair = get_pair_for_member(request.user, pk)
    role = selectors.member_role(pair, request.user)
    signatures = selectors.signatures_of(pair)
    current = selectors.frame_of(pair)
    charter_version, _text, digest = selectors.content_to_sign(pair, signatures)
    mine = next((s for s in signatures if s.user_id == request.user.pk), None)
    by_role = {s.role: s for s in signatures}
    can_sign = (
        pair.status == PairStatus.FRAME
        and current is not None
        and current.is_confirmed
        and mine is None
        and charter_version is not None
    )
    form = SignForm(
        request.POST if request.method == "POST" else None, user=request.user, initial={"content_sha256": digest}
    )
    if request.method == "POST":
        if mine is not None:
            messages.error(request, _("Vous avez déjà signé cette charte."))
            return redirect("sessions_binome:charter", pk=pair.pk)
        if form.is_valid():
            try:
                services.charter_sign(
                    pair=pair,
                    user=request.user,
                    expected_sha256=form.cleaned_data["content_sha256"],
                    ip_address=client_ip(request),
                    user_agent=request.META.get("HTTP_USER_AGENT", ""),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                pair.refresh_from_db()
                if pair.status == PairStatus.ACTIVE:
                    messages.success(
                        request,
                        _(
                            "Vous avez signé la charte : votre binôme est actif. La charte signée est disponible en PDF."
                        ),
                    )
                else:
                    messages.success(
                        request,
                        _("Vous avez signé la charte. Votre binôme sera actif dès la signature de l'autre membre."),
                    )
                return redirect("sessions_binome:charter", pk=pair.pk)
    return render(
        request,
        "sessions_binome/charter_sign.html",
        {
            "pair": pair,
            "role": role,
            "charter": charter_version,
            "frame": current,
            "objectives": selectors.objectives_of(pair),
            "signatures": signatures,
            "members": [
                {
                    "person": pair.mentee,
                    "role_label": _("personne mentorée"),
                    "signature": by_role.get(SignatureRole.MENTEE),
                },
                {"person": pair.mentor, "role_label": _("mentor"), "signature": by_role.get(SignatureRole.MENTOR)},
            ],
            "my_signature": mine,
            "digest": digest,
            "can_sign": can_sign,
            "form": form,
        },
    )


def _pdf_name(prefix, *people):
    return "-".join([prefix, *(slugify(p.last_name or p.get_full_name() or str(p.pk)) for p in people)]) + ".pdf"


def charter_pdf(request, pk):
    """The signed charter: both members and the programme engineer; anyone else (HR too) gets 404."""
    pair = (
        get_pair_for_follower(request.user, pk)
        if is_programme_engineer(request.user)
        else get_pair_for_member(request.user, pk)
    )
    signatures = selectors.signatures_of(pair)
    if len(signatures) != 2:
        raise Http404
    return pdf_response(
        request,
        "pdf/charter_signed.html",
        {
            "pair": pair,
            "charter": signatures[0].charter,
            "frame": selectors.frame_of(pair),
            "objectives": selectors.objectives_of(pair),
            "signatures": signatures,
            "same_hash": len({s.content_sha256 for s in signatures}) == 1,
        },
        _pdf_name("charte-signee", pair.mentee, pair.mentor),
    )


def certificate_pdf(request, pk):
    """The certificate of participation of the member asking, once the pair has completed."""
    pair = get_pair_for_member(request.user, pk)
    if pair.status != PairStatus.COMPLETED:
        raise Http404
    role = selectors.member_role(pair, request.user)
    person, other = (pair.mentee, pair.mentor) if role == SignatureRole.MENTEE else (pair.mentor, pair.mentee)
    return pdf_response(
        request,
        "pdf/certificate.html",
        {
            "pair": pair,
            "person": person,
            "other": other,
            "role": role,
            "is_mentor": role == SignatureRole.MENTOR,
            "organisation": (
                pair.mentor_application if role == SignatureRole.MENTOR else pair.mentee_application
            ).organisation,
            "frame": selectors.frame_of(pair),
            "sessions_held": selectors.sessions_held(pair),
        },
        _pdf_name("attestation-mentorat", person),
    )
