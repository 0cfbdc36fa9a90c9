"""Members plan, move, cancel and log sessions, note one held without planning, share its agenda and
keep their private notes, complete the shared notes of a held session; the calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorat.core.idempotency import idempotent_post
from mentorat.resources.selectors import agenda_templates

from .. import ics
from ..enums import NoteKind, SessionStatus
from ..models import CalendarFeed, MentoringSession
from ..perms import get_pair_for_member, is_member
from ..selectors import pairs_of_member
from . import services as services_sessions
from .forms import AgendaForm, CancelForm, HeldSessionForm, NoteForm, SessionForm, SessionLogForm, SharedNotesForm


def _bound(request):
    return request.POST if request.method == "POST" else None


def get_session_for_member(user, pk):
    session = (
        MentoringSession.objects.select_related("pair__mentee", "pair__mentor", "pair__programme", "scheduled_by")
        .filter(pk=pk)
        .first()
    )
    if session is None or not is_member(user, session.pair):
        raise Http404
    return session


def _templates(request, programme):
    """The programme's agenda templates, and the text of the one asked by `?modele=<stage>` (the
    « Partir d'un modèle » select, a plain GET form that works without JavaScript)."""
    templates = agenda_templates(programme)
    chosen = templates.get(request.GET.get("modele", "")) if request.method == "GET" else None
    return {"templates": templates, "chosen": chosen}


def _with_template(initial, templates):
    if templates["chosen"] is not None:
        initial["agenda"] = templates["chosen"].body.strip()
    return initial


@idempotent_post
def session_new(request, pair_id):
    pair = get_pair_for_member(request.user, pair_id)
    templates = _templates(request, pair.programme)
    form = SessionForm(
        _bound(request),
        initial=_with_template({"starts_at": services_sessions.default_start(), "video_link": ""}, templates),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_sessions.session_schedule(pair=pair, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("La séance est planifiée ; vous et votre binôme recevez l'invitation d'agenda par courriel.")
            )
            return redirect("sessions_binome:pair_detail", pair.pk)
    return render(request, "sessions_binome/session_form.html", {"pair": pair, "form": form, **templates})


@idempotent_post
def session_edit(request, pk):
    session = get_session_for_member(request.user, pk)
    if session.status != SessionStatus.PLANNED:
        raise Http404
    templates = _templates(request, session.pair.programme)
    form = SessionForm(
        _bound(request),
        instance=MentoringSession(**{f: getattr(session, f) for f in services_sessions.SESSION_FIELDS}),
        initial=_with_template({}, templates),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_sessions.session_reschedule(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La séance est mise à jour ; votre binôme est prévenu."))
            return redirect("sessions_binome:pair_detail", session.pair_id)
    return render(
        request,
        "sessions_binome/session_form.html",
        {"pair": session.pair, "form": form, "session": session, **templates},
    )


@idempotent_post
def session_agenda(request, pk):
    """The shared agenda: either member writes it until the session starts."""
    session = get_session_for_member(request.user, pk)
    if session.status != SessionStatus.PLANNED or session.starts_at <= timezone.now():
        raise Http404
    templates = _templates(request, session.pair.programme)
    form = AgendaForm(_bound(request), initial=_with_template({"agenda": session.agenda}, templates))
    if request.method == "POST" and form.is_valid():
        try:
            services_sessions.session_agenda_save(session=session, by=request.user, agenda=form.cleaned_data["agenda"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("L'ordre du jour est enregistré ; votre binôme le lit sur la page du binôme."))
            return redirect("sessions_binome:pair_detail", session.pair_id)
    return render(
        request,
        "sessions_binome/session_agenda.html",
        {"pair": session.pair, "session": session, "form": form, **templates},
    )


@idempotent_post
def session_cancel(request, pk):
    """A confirmation page (GET changes nothing), then the cancellation with an optional message."""
    session = get_session_for_member(request.user, pk)
    if request.method == "GET" and session.status != SessionStatus.PLANNED:
        raise Http404
    form = CancelForm(_bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            services_sessions.session_cancel(session=session, by=request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("La séance est annulée ; votre binôme est prévenu."))
        return redirect("sessions_binome:pair_detail", session.pair_id)
    return render(
        request, "sessions_binome/session_cancel.html", {"pair": session.pair, "session": session, "form": form}
    )


@idempotent_post
def session_held(request, pair_id):
    """« Noter une séance déjà tenue »: a meeting held without being planned here first."""
    pair = get_pair_for_member(request.user, pair_id)
    if not pair.is_open:
        raise Http404
    is_mentor = request.user.pk == pair.mentor_id
    form = HeldSessionForm(_bound(request), pair=pair, is_mentor=is_mentor, initial={"actual_duration_minutes": 60})
    if request.method == "POST" and form.is_valid():
        try:
            services_sessions.session_note_held(pair=pair, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La séance est notée ; votre binôme en est informé par courriel."))
            return redirect("sessions_binome:pair_detail", pair.pk)
    return render(
        request,
        "sessions_binome/session_held.html",
        {"pair": pair, "form": form, "earliest": services_sessions.earliest_held_on(pair)},
    )


@idempotent_post
def session_log(request, pk):
    session = get_session_for_member(request.user, pk)
    if request.user.pk != session.pair.mentor_id:
        raise Http404
    private = session.notes.filter(author=request.user, kind=NoteKind.MENTOR_PRIVATE).first()
    initial = {
        "status": session.status if session.status != SessionStatus.PLANNED else SessionStatus.HELD,
        "actual_duration_minutes": session.actual_duration_minutes or session.duration_minutes,
        "themes": list(session.themes.all()),
        "shared_notes": session.shared_notes,
        "private_notes": private.text if private else "",
    }
    form = SessionLogForm(_bound(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_sessions.session_log(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La séance est consignée."))
            return redirect("sessions_binome:pair_detail", session.pair_id)
    return render(request, "sessions_binome/session_log.html", {"session": session, "pair": session.pair, "form": form})


@idempotent_post
def session_shared_notes(request, pk):
    """The shared notes of a held session: either member completes them while the pair is open (the
    mentor also writes them with the log)."""
    session = get_session_for_member(request.user, pk)
    if session.status != SessionStatus.HELD or not session.pair.is_open:
        raise Http404
    form = SharedNotesForm(_bound(request), initial={"shared_notes": session.shared_notes})
    if request.method == "POST" and form.is_valid():
        try:
            services_sessions.session_shared_notes_save(
                session=session, by=request.user, shared_notes=form.cleaned_data["shared_notes"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Les notes partagées sont enregistrées ; votre binôme les lit sur la page du binôme.")
            )
            return redirect("sessions_binome:pair_detail", session.pair_id)
    return render(
        request, "sessions_binome/session_shared_notes.html", {"pair": session.pair, "session": session, "form": form}
    )


_NOTE_TITLES = {
    NoteKind.MENTEE_PREPARATION: _("Ma préparation"),
    NoteKind.MENTEE_REFLECTION: _("Mes réflexions après la séance"),
    NoteKind.MENTOR_PRIVATE: _("Mes notes personnelles"),
}


def session_note(request, pk, kind):
    session = get_session_for_member(request.user, pk)
    if kind not in NoteKind.values:
        raise Http404
    owner_id = session.pair.mentor_id if kind == NoteKind.MENTOR_PRIVATE else session.pair.mentee_id
    if owner_id != request.user.pk:
        raise Http404
    note = session.notes.filter(author=request.user, kind=kind).first()
    form = NoteForm(_bound(request), initial={"text": note.text if note else ""})
    if request.method == "POST" and form.is_valid():
        services_sessions.note_save(session=session, author=request.user, kind=kind, text=form.cleaned_data["text"])
        messages.success(request, _("Votre note est enregistrée ; vous seul pouvez la lire."))
        return redirect("sessions_binome:pair_detail", session.pair_id)
    return render(
        request,
        "sessions_binome/session_note.html",
        {"session": session, "pair": session.pair, "form": form, "title": _NOTE_TITLES[kind]},
    )


def session_ics(request, pk):
    session = get_session_for_member(request.user, pk)
    cancelled = session.status == SessionStatus.CANCELLED
    # The Content-Type carries the calendar's METHOD, as RFC 5545 3.7.2 asks of a MIME entity.
    method = ics.invitation_method(cancel=cancelled)
    response = HttpResponse(
        ics.invitation(session, cancel=cancelled), content_type=f"text/calendar; charset=utf-8; method={method}"
    )
    response["Content-Disposition"] = 'attachment; filename="seance.ics"'
    return response


def my_calendar(request):
    feed = services_sessions.feed_for(request.user)
    return render(
        request,
        "sessions_binome/my_calendar.html",
        {"feed": feed, "pairs": pairs_of_member(request.user)},
    )


@require_POST
def my_calendar_regenerate(request):
    services_sessions.feed_regenerate(user=request.user)
    messages.success(request, _("Une nouvelle adresse est créée ; l'ancienne ne fonctionne plus."))
    return redirect("sessions_binome:my_calendar")


@login_not_required
def calendar_feed(request, token):
    """The private feed, read by calendar applications without a session: the token is the key."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    user = feed.user
    sessions = (
        MentoringSession.objects.filter(pair__in=pairs_of_member(user))
        .select_related("pair__mentee", "pair__mentor", "scheduled_by")
        .order_by("starts_at")
    )
    content = ics.feed(sessions, name=_("Mentorat · %(name)s") % {"name": user.get_full_name()})
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
