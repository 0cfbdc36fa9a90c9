"""The matching console of an edition (its tracks, their runs), its settings, and starting a run."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorat.accounts.decorators import role_required
from mentorat.core.editions.selection import edition_for_page, show_edition
from mentorat.core.enums import ProgrammeStatus, Role
from mentorat.core.models import Track

from ... import selectors, services
from ...enums import RunKind, RunStatus
from ...forms import MatchingSettingsForm, ProgrammeMatchingForm, QuestionsSettingsForm
from ...models import MatchingRun
from ._common import ACTIVE_STATUSES, _in_edition

RUNS_PER_TRACK = 6


@role_required(Role.PROGRAMME_ENGINEER)
def console(request):
    programme = edition_for_page(request)
    tracks = []
    for track in programme.tracks.order_by("code"):
        mentors = list(selectors.validated_mentors(track).only("pk", "capacity"))
        occupied = selectors.occupied_places([mentor.pk for mentor in mentors])
        runs = list(
            MatchingRun.objects.filter(track=track, kind=RunKind.TRACK)
            .select_related("created_by")
            .order_by("-created_at")[:RUNS_PER_TRACK]
        )
        tracks.append(
            {
                "track": track,
                "waiting": selectors.waiting_mentees(track).count(),
                "mentors": len(mentors),
                "mentors_free": sum(1 for mentor in mentors if selectors.free_places(mentor, occupied) > 0),
                "places_free": sum(selectors.free_places(mentor, occupied) for mentor in mentors),
                "runs": runs,
                "active": [run for run in runs if run.status in ACTIVE_STATUSES],
                "published": MatchingRun.objects.filter(track=track, kind=RunKind.TRACK, status=RunStatus.PUBLISHED)
                .order_by("-published_at")
                .first(),
            }
        )
    return render(
        request,
        "matching/engineer/console.html",
        {
            "programme": programme,
            "tracks": tracks,
            "statuses": RunStatus,
            "active_statuses": ACTIVE_STATUSES,
            # Runs start in an opened edition only: one in preparation has nobody to match yet, an
            # archived one is over.
            "can_run": programme.status == ProgrammeStatus.LIVE,
        },
    )


@role_required(Role.PROGRAMME_ENGINEER)
def settings_edit(request):
    """The settings of the edition shown (the engineer prepares next year's before opening it)."""
    programme = edition_for_page(request, action=reverse("matching:settings"))
    data = request.POST if request.method == "POST" else None
    config = selectors.matching_settings(programme)
    # One row for both forms: each sets its fields on it, so that neither save undoes the other's.
    weights_form = MatchingSettingsForm(data, instance=config)
    questions_form = QuestionsSettingsForm(data, instance=config)
    programme_form = ProgrammeMatchingForm(data, instance=programme)
    forms = (weights_form, questions_form, programme_form)
    # A list, not a generator: every form is validated, so that each shows its errors at once.
    if request.method == "POST" and all([form.is_valid() for form in forms]):  # noqa: C419
        # All or nothing: the settings must never be half-saved.
        with transaction.atomic():
            weights_form.save()
            questions_form.save()
            programme_form.save()
        messages.success(
            request, _("Les réglages de la mise en relation sont enregistrés. Ils s'appliquent aux prochains calculs.")
        )
        return redirect(_in_edition("matching:settings", programme))
    return render(
        request,
        "matching/engineer/settings.html",
        {
            "programme": programme,
            "weights_form": weights_form,
            "questions_form": questions_form,
            "programme_form": programme_form,
        },
    )


@role_required(Role.PROGRAMME_ENGINEER)
@require_POST
def run_start(request, track_id):
    """A run of a track is in the track's edition, whichever edition the session shows."""
    track = get_object_or_404(Track.objects.select_related("programme"), pk=track_id)
    programme = show_edition(request, track.programme, action=reverse("matching:console"))
    if programme.status != ProgrammeStatus.LIVE:
        messages.error(request, _("La mise en relation ne se lance que dans une édition ouverte."))
        return redirect(_in_edition("matching:console", programme))
    run = services.matching_run_start(programme=programme, track=track, by=request.user)
    messages.success(request, _("La mise en relation du parcours %(track)s est lancée.") % {"track": track.code})
    return redirect("matching:run_detail", run_id=run.pk)
