"""Reads for matching: who can be matched, how many places a mentor has left, what a mentee is offered."""

from django.db.models import Count, OuterRef, Subquery

from candidatures.enums import ApplicationRole, ApplicationStatus, availability_labels
from candidatures.models import Application
from mentorat.core.models import Branch, Theme
from sessions_binome.enums import OPEN_PAIR_STATUSES, PairStatus
from sessions_binome.models import Pair

from .enums import RequestStatus, RunStatus
from .former_pairs import former_pairs_by_application, past_mentee_counts
from .models import Exclusion, MatchingRun, MatchingSettings, MentorRequest, Proposal


def matching_settings(programme):
    settings, _created = MatchingSettings.objects.get_or_create(programme=programme)
    return settings


def occupied_places(mentor_ids=None):
    """{mentor application id: places taken by open pairs and pending requests} (one query)."""
    pairs = Pair.objects.filter(status__in=OPEN_PAIR_STATUSES)
    requests = MentorRequest.objects.filter(status=RequestStatus.PENDING)
    if mentor_ids is not None:
        pairs = pairs.filter(mentor_application_id__in=mentor_ids)
        requests = requests.filter(mentor_id__in=mentor_ids)
    occupied = {}
    counts = (
        pairs.values_list("mentor_application_id")
        .annotate(n=Count("id"))
        .order_by()
        .union(requests.values_list("mentor_id").annotate(n=Count("id")).order_by(), all=True)
    )
    for mentor_id, n in counts:
        occupied[mentor_id] = occupied.get(mentor_id, 0) + n
    return occupied


def free_places(mentor_application, occupied=None):
    if occupied is None:
        occupied = occupied_places([mentor_application.pk])
    return max(0, (mentor_application.capacity or 0) - occupied.get(mentor_application.pk, 0))


def waiting_mentees(track):
    """Validated mentees of the track with no open pair and no pending request."""
    return (
        Application.objects.filter(track=track, role=ApplicationRole.MENTEE, status=ApplicationStatus.VALIDATED)
        .exclude(pairs_as_mentee__status__in=OPEN_PAIR_STATUSES)
        .exclude(requests_sent__status=RequestStatus.PENDING)
        .distinct()
    )


def validated_mentors(track):
    return Application.objects.filter(track=track, role=ApplicationRole.MENTOR, status=ApplicationStatus.VALIDATED)


def forbidden_pairs(programme, mentee_ids):
    """(mentee id, mentor id) pairs never to propose: exclusions, mentors the mentee had or ended
    with, in this programme or, by person, in any earlier edition (unless the engineer allowed a
    former mentor for that mentee), mentors who declined or let the mentee's request expire. Read for
    the whole programme (a few thousand rows at most) and kept for `mentee_ids`: a list of 10,000
    ids in three IN (...) clauses costs more than the rows."""
    rows = set(Exclusion.objects.filter(programme=programme).values_list("mentee_id", "mentor_id"))
    rows.update(Pair.objects.filter(programme=programme).values_list("mentee_application_id", "mentor_application_id"))
    rows.update(
        MentorRequest.objects.filter(
            mentee__programme=programme, status__in=[RequestStatus.DECLINED, RequestStatus.EXPIRED]
        ).values_list("mentee_id", "mentor_id")
    )
    rows.update(former_pairs_by_application(programme))
    mentee_ids = set(mentee_ids)
    return {(mentee_id, mentor_id) for mentee_id, mentor_id in rows if mentee_id in mentee_ids}


def manager_links(programme):
    """{email: declared line manager's email} over the whole programme, to walk two levels up."""
    rows = (
        Application.objects.filter(programme=programme)
        .exclude(line_manager_email="")
        .values_list("user__email", "line_manager_email")
    )
    return {email.lower(): manager.lower() for email, manager in rows}


def build_person(application, *, capacity=0, past_mentees=0):
    return _person(
        {
            "pk": application.pk,
            "user_id": application.user_id,
            "role": application.role,
            "objectives": application.objectives,
            "presentation": application.presentation,
            "user__email": application.user.email,
            "line_manager_email": application.line_manager_email,
            "organisation_id": application.organisation_id,
            "organisation__branch_id": application.organisation.branch_id,
            "availability": application.availability,
            "years_experience": application.years_experience,
            "prefers_other_branch": application.prefers_other_branch,
        },
        themes=frozenset(theme.code for theme in application.themes.all()),
        capacity=capacity,
        past_mentees=past_mentees,
    )


# What the engine reads of an application (`_person`), loaded as values for a whole track.
PERSON_FIELDS = (
    "pk",
    "user_id",
    "role",
    "objectives",
    "presentation",
    "user__email",
    "line_manager_email",
    "organisation_id",
    "organisation__branch_id",
    "availability",
    "years_experience",
    "prefers_other_branch",
    "capacity",
)


def _person(row, *, themes, capacity=0, past_mentees=0):
    from .engine import Person

    text = row["objectives"]
    if row["role"] == ApplicationRole.MENTOR and row["presentation"]:
        text = f"{row['objectives']}\n{row['presentation']}"
    return Person(
        id=row["pk"],
        email=row["user__email"].lower(),
        line_manager_email=(row["line_manager_email"] or "").lower(),
        organisation_id=row["organisation_id"],
        branch_id=row["organisation__branch_id"],
        themes=themes,
        text=text,
        availability=frozenset(row["availability"] or []),
        years_experience=row["years_experience"] or 0,
        capacity=capacity,
        prefers_other_branch=row["prefers_other_branch"],
        past_mentees=past_mentees,
    )


def person_from_row(row, *, capacity=0):
    """A Person for the hard rules (no themes) from a row of PERSON_FIELDS values."""
    return _person(row, themes=frozenset(), capacity=capacity)


def _people_rows(queryset):
    """[(values of PERSON_FIELDS, frozenset of theme codes)] of `queryset`, by id: two queries and
    no model instance (10,000 applications with their themes in about 1 s rather than 7)."""
    rows = list(queryset.order_by("pk").values(*PERSON_FIELDS))
    themes = {}
    links = Application.themes.through.objects.filter(application_id__in=queryset.values("pk"))
    for application_id, code in links.values_list("application_id", "theme__code"):
        themes.setdefault(application_id, set()).add(code)
    return [(row, frozenset(themes.get(row["pk"], ()))) for row in rows]


def engine_settings(programme, track):
    from candidatures.enums import AVAILABILITY_SLOTS

    from .engine import Settings

    config = matching_settings(programme)
    return Settings(
        proposals_per_mentee=programme.proposals_per_mentee,
        exposure_factor=config.exposure_factor,
        require_other_organisation=track.requires_other_organisation,
        weights=config.weights(),
        theme_labels={theme.code: theme.label.lower() for theme in Theme.objects.all()},
        slot_labels={code: str(label) for code, label in AVAILABILITY_SLOTS},
        branch_labels={branch.pk: branch.name for branch in Branch.objects.all()},
    )


def engine_inputs(programme, track, *, mentee_queryset=None):
    """Everything the engine needs for `track`: (mentees, mentors, settings, forbidden, manager_of).
    Mentors come with their free capacity; full mentors are left out."""
    mentee_queryset = mentee_queryset if mentee_queryset is not None else waiting_mentees(track)
    mentees = [_person(row, themes=themes) for row, themes in _people_rows(mentee_queryset)]
    mentor_rows = _people_rows(validated_mentors(track))
    occupied = occupied_places()  # every mentor's: cheaper than an IN list of the track's mentors
    past = past_mentee_counts(programme)  # every returning mentor's: a few hundred rows at most
    mentors = []
    for row, themes in mentor_rows:
        capacity = max(0, (row["capacity"] or 0) - occupied.get(row["pk"], 0))
        if capacity > 0:
            mentors.append(_person(row, themes=themes, capacity=capacity, past_mentees=past.get(row["user_id"], 0)))
    return (
        mentees,
        mentors,
        engine_settings(programme, track),
        forbidden_pairs(programme, [m.id for m in mentees]),
        manager_links(programme),
    )


def _current_run_of(mentee_ref):
    """The latest published run that proposed something to the mentee, as a sub-query."""
    return (
        MatchingRun.objects.filter(status=RunStatus.PUBLISHED, proposals__mentee=mentee_ref)
        .order_by("-published_at", "-pk")
        .values("pk")[:1]
    )


def current_run_for_mentee(mentee_application):
    """The latest published run that proposed something to this mentee."""
    return MatchingRun.objects.filter(pk=Subquery(_current_run_of(mentee_application))).first()


PROPOSED_MENTOR_FIELDS = (
    "mentor__status",
    "mentor__capacity",
    "mentor__job_title",
    "mentor__years_experience",
    "mentor__is_manager",
    "mentor__manager_since",
    "mentor__presentation",
    "mentor__availability",
    "mentor__user__first_name",
    "mentor__user__last_name",
    "mentor__user__email",
    "mentor__user__civility",
    "mentor__organisation__name",
    "mentor__organisation__code",
    "mentor__organisation__branch__name",
)


def requests_of_mentee(mentee_application):
    """(pending request or None, ids of the mentors who declined or let a request expire), one query."""
    pending, refused = None, set()
    requests = (
        MentorRequest.objects.filter(
            mentee=mentee_application, status__in=[RequestStatus.PENDING, RequestStatus.DECLINED, RequestStatus.EXPIRED]
        )
        .select_related("mentor__user")
        .only("status", "deadline", "mentee_id", "mentor__user__first_name", "mentor__user__last_name")
    )
    for request in requests:
        if request.status == RequestStatus.PENDING:
            pending = request
        else:
            refused.add(request.mentor_id)
    return pending, refused


def proposals_for_mentee(mentee_application, refused=None):
    """(run, proposals): the mentee's current proposals, best first, each with `.free_places` and
    `.refused` (the mentor declined or let a request expire: `refused` ids when already read by
    `requests_of_mentee`). The run is None when no published run proposed anything to the mentee."""
    proposals = list(
        Proposal.objects.filter(mentee=mentee_application, run_id=Subquery(_current_run_of(mentee_application)))
        # A mentor the mentee ended a pair with is never offered again (SPEC §5), even when no new
        # proposal could be made and the previous run is still the current one.
        .exclude(mentor__in=ended_mentors_of(mentee_application))
        .select_related("run", "mentor__user", "mentor__organisation__branch")
        # What the page shows of each mentor: a full Application, User and Organisation per row
        # (70 columns) cost more to compile and read than the query takes to run.
        .only("run", "mentee_id", "mentor", "rank", "score", "criteria", *PROPOSED_MENTOR_FIELDS)
        .prefetch_related("mentor__themes")
        .order_by("rank")
    )
    if not proposals:
        return None, []
    occupied = occupied_places([p.mentor_id for p in proposals])
    if refused is None:
        refused = requests_of_mentee(mentee_application)[1]
    for proposal in proposals:
        # A mentor who withdrew meanwhile can no longer be chosen.
        proposal.free_places = (
            free_places(proposal.mentor, occupied) if proposal.mentor.status == ApplicationStatus.VALIDATED else 0
        )
        proposal.refused = proposal.mentor_id in refused
        proposal.availability_labels = availability_labels(proposal.mentor.availability)
    return proposals[0].run, proposals


def ended_mentors_of(mentee_application):
    """The mentor applications this mentee ended a pair with, as a sub-query."""
    return Pair.objects.filter(mentee_application=mentee_application, status=PairStatus.ENDED).values(
        "mentor_application"
    )


def open_choices(proposals):
    return [p for p in proposals if p.free_places > 0 and not p.refused]


def pending_request_for_mentee(mentee_application):
    return (
        MentorRequest.objects.filter(mentee=mentee_application, status=RequestStatus.PENDING)
        .select_related("mentor__user")
        .first()
    )


def requests_for_mentor(mentor_application):
    return (
        MentorRequest.objects.filter(mentor=mentor_application)
        .select_related("mentee__user", "mentee__organisation__branch", "mentee__track")
        .prefetch_related("mentee__themes")
        .order_by("-created_at")
    )


def open_pair_for_mentee(mentee_application):
    return (
        Pair.objects.filter(mentee_application=mentee_application, status__in=OPEN_PAIR_STATUSES)
        .select_related("mentor")
        .only("status", "mentee_application_id", "mentor_application_id", "mentor__first_name", "mentor__last_name")
        .first()
    )


def mentor_pairs(mentor_application):
    return Pair.objects.filter(mentor_application=mentor_application).select_related("mentee").order_by("-created_at")


def participant_matching_summary(application):
    """What a participant's dashboard says about matching: open pair, pending request(s), proposals,
    and whether proposals were already published for the application's track (the next step then
    no longer reads "at the end of September")."""
    published = MatchingRun.objects.filter(
        programme_id=application.programme_id, track_id=application.track_id, status=RunStatus.PUBLISHED
    ).exists()
    if application.role == ApplicationRole.MENTEE:
        run = current_run_for_mentee(application)
        return {
            "pair": open_pair_for_mentee(application),
            "pending_request": pending_request_for_mentee(application),
            "has_proposals": run is not None,
            "matching_published": published,
        }
    pending = MentorRequest.objects.filter(mentor=application, status=RequestStatus.PENDING).count()
    return {
        "pairs": list(mentor_pairs(application).filter(status__in=OPEN_PAIR_STATUSES)),
        "pending_requests": pending,
        "free_places": free_places(application),
        "matching_published": published,
        "proposed": published and Proposal.objects.filter(mentor=application, run__status=RunStatus.PUBLISHED).exists(),
    }


def open_choices_of_mentees(mentee_ids, former=None):
    """{mentee application id: ids of the proposed mentors they can still choose} for a batch of
    mentees, in four queries whatever their number (three with `former`): the rule of `proposals_for_mentee` and
    `open_choices` (the latest published run that proposed something to the mentee; a mentor still
    validated with a place left, who did not decline nor let the mentee's request expire)."""
    proposals = list(
        Proposal.objects.filter(mentee_id__in=mentee_ids, run_id=Subquery(_current_run_of(OuterRef("mentee_id"))))
        .select_related("mentor")
        .only("mentee_id", "mentor__status", "mentor__capacity")
    )
    occupied = occupied_places({p.mentor_id for p in proposals})
    refused = set(
        MentorRequest.objects.filter(
            mentee_id__in=mentee_ids, status__in=[RequestStatus.DECLINED, RequestStatus.EXPIRED]
        ).values_list("mentee_id", "mentor_id")
    )
    # A mentor the mentee ended a pair with is never offered again (as in `proposals_for_mentee`);
    # `former`: (mentee id, mentor id) of pairs the caller has read already, ended ones included.
    if former is None:
        former = Pair.objects.filter(mentee_application_id__in=mentee_ids, status=PairStatus.ENDED).values_list(
            "mentee_application_id", "mentor_application_id"
        )
    refused |= set(former)
    choices = {mentee_id: [] for mentee_id in mentee_ids}
    for proposal in proposals:
        places = free_places(proposal.mentor, occupied) if proposal.mentor.status == ApplicationStatus.VALIDATED else 0
        if places > 0 and (proposal.mentee_id, proposal.mentor_id) not in refused:
            choices[proposal.mentee_id].append(proposal.mentor_id)
    return choices
