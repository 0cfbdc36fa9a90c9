"""Reads of the engineer's review of a run: which mentees and mentors a search or a filter keeps,
the figures of the summary, and the mentors one could add to a mentee with the hard rules each
would break. Every function makes the same number of queries whatever the size of the run."""

import math
from types import SimpleNamespace

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from candidatures.enums import ApplicationRole
from candidatures.models import Application

from . import selectors
from .enums import RunStatus
from .models import Exclusion, Proposal

# ?filtre= of the page by mentee and of the page by mentor: value → label.
MENTEE_FILTERS = {
    "moins": _("Moins de propositions que prévu"),
    "exclusion": _("Avec une exclusion"),
}
MENTOR_FILTERS = {
    "surexposes": _("Surexposés"),
    "jamais": _("Jamais proposés"),
}
QUERY_MAX_LENGTH = 100


def _name_filter(prefix, query):
    """Q of the rows whose person (at `prefix`) has `query` in the name, the address or the
    organisation's code or name."""
    return (
        Q(**{f"{prefix}user__last_name__icontains": query})
        | Q(**{f"{prefix}user__first_name__icontains": query})
        | Q(**{f"{prefix}user__email__icontains": query})
        | Q(**{f"{prefix}organisation__code__icontains": query})
        | Q(**{f"{prefix}organisation__name__icontains": query})
    )


def clean_query(value):
    return (value or "").strip()[:QUERY_MAX_LENGTH]


def run_mentees(run):
    """The mentees of `run`: those it proposed mentors to and those it left short."""
    shortfall_ids = [int(key) for key in (run.shortfalls or {})]
    return Application.objects.filter(
        Q(pk__in=Proposal.objects.filter(run=run).values("mentee_id")) | Q(pk__in=shortfall_ids)
    )


def _with_enough(run):
    """Ids of the mentees who got at least the number of proposals the edition asks for."""
    return (
        Proposal.objects.filter(run=run)
        .values("mentee_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=run.programme.proposals_per_mentee)
        .values("mentee_id")
    )


def _with_exclusion(run):
    return Exclusion.objects.filter(programme=run.programme).values("mentee_id")


def filter_mentees(run, mentees, *, query="", mentor_query="", kind=""):
    """`mentees` of `run` kept by a search by mentee, a search by proposed mentor and a filter."""
    if query:
        mentees = mentees.filter(_name_filter("", query))
    if mentor_query:
        proposed = Proposal.objects.filter(run=run).filter(_name_filter("mentor__", mentor_query))
        mentees = mentees.filter(pk__in=proposed.values("mentee_id"))
    if kind == "moins":
        mentees = mentees.exclude(pk__in=_with_enough(run))
    elif kind == "exclusion":
        mentees = mentees.filter(pk__in=_with_exclusion(run))
    return mentees


def _exposure_cap(free, demand, factor):
    """The engine's cap on a mentor's menus (matching/engine/solve.py, step 3):
    max(places, ceil(factor × places × demand))."""
    if free <= 0:
        return 0
    return max(free, math.ceil(factor * free * demand - 1e-9))


def _track_mentors(run):
    """The mentors of the run's track: validated, or proposed then withdrawn."""
    return Application.objects.filter(track=run.track, role=ApplicationRole.MENTOR).filter(
        Q(pk__in=selectors.validated_mentors(run.track).values("pk"))
        | Q(pk__in=Proposal.objects.filter(run=run).values("mentor_id"))
    )


def mentor_exposure(run):
    """{mentor id: (exposure, free places now, cap)} over the run's track, in four queries: the menus
    each mentor is in, its places left, and for a draft the engine's cap (None once published:
    choices take places, and today's free places no longer tell what the cap was). Grouped reads
    and a loop: the same figures as correlated counts in SQL took 400 ms for 5,000 mentors
    (benchmarks/review.py)."""
    exposure = dict(Proposal.objects.filter(run=run).values_list("mentor_id").annotate(n=Count("pk")).order_by())
    occupied = selectors.occupied_places()  # every mentor's: cheaper than an IN list of the track's
    demand = (run.metrics or {}).get("exposure_demand") if run.status == RunStatus.DRAFT else None
    factor = selectors.matching_settings(run.programme).exposure_factor if demand is not None else None
    result = {}
    for pk, capacity in _track_mentors(run).values_list("pk", "capacity"):
        free = selectors.free_places(SimpleNamespace(pk=pk, capacity=capacity), occupied)
        cap = _exposure_cap(free, demand, factor) if demand is not None else None
        result[pk] = (exposure.get(pk, 0), free, cap)
    return result


def _over_exposed(exposure):
    return [pk for pk, (count, _free, cap) in exposure.items() if cap is not None and count > cap]


def _never_proposed(exposure):
    return [pk for pk, (count, _free, _cap) in exposure.items() if not count]


def run_mentors(run, exposure, *, query="", kind=""):
    """The track's mentors kept by a search and a filter (`exposure` from `mentor_exposure`), each
    annotated with `exposure` and `assigned_count`."""
    mentors = _track_mentors(run).annotate(
        exposure=Count("proposals_made", filter=Q(proposals_made__run=run)),
        assigned_count=Count("proposals_made", filter=Q(proposals_made__run=run, proposals_made__assigned=True)),
    )
    if query:
        mentors = mentors.filter(_name_filter("", query))
    if kind == "surexposes":
        mentors = mentors.filter(pk__in=_over_exposed(exposure))
    elif kind == "jamais":
        mentors = mentors.filter(pk__in=_never_proposed(exposure))
    return mentors


def review_summary(run):
    """The figures of the summary: mentees of the run, those short of proposals, those with an
    exclusion, proposals, mentees who would be e-mailed, mentors over-exposed and never proposed."""
    mentees = run_mentees(run)
    exposure = mentor_exposure(run)
    return {
        "mentees": mentees.count(),
        "moins": filter_mentees(run, mentees, kind="moins").count(),
        "exclusion": filter_mentees(run, mentees, kind="exclusion").count(),
        "proposals": Proposal.objects.filter(run=run).count(),
        "mentees_emailed": Proposal.objects.filter(run=run).values("mentee_id").order_by().distinct().count(),
        "surexposes": len(_over_exposed(exposure)) if run.status == RunStatus.DRAFT else None,
        "jamais": len(_never_proposed(exposure)),
    }


def mentor_candidates(run, mentee, mentors):
    """Flag each of `mentors` (a page of the track's validated mentors) for `mentee`: `.blocks`, the
    French reasons of the hard rules the pair would break (proposal_add checks the same),
    `.already` when the run proposes it already, `.free` its places left."""
    from .engine import Hierarchy, blocking_reasons

    ids = [mentor.pk for mentor in mentors]
    rows = {row["pk"]: row for row in Application.objects.filter(pk__in=ids).values(*selectors.PERSON_FIELDS)}
    occupied = selectors.occupied_places(ids)
    already = set(
        Proposal.objects.filter(run=run, mentee=mentee, mentor_id__in=ids).values_list("mentor_id", flat=True)
    )
    settings = selectors.engine_settings(run.programme, run.track)
    mentee_person = selectors.build_person(mentee)
    people = {
        pk: selectors.person_from_row(
            row, capacity=selectors.free_places(SimpleNamespace(pk=pk, capacity=row["capacity"]), occupied)
        )
        for pk, row in rows.items()
    }
    hierarchy = Hierarchy([mentee_person, *people.values()], selectors.manager_links(run.programme))
    forbidden = selectors.forbidden_pairs(run.programme, [mentee.pk])
    for mentor in mentors:
        person = people[mentor.pk]
        mentor.free = person.capacity
        mentor.already = mentor.pk in already
        mentor.blocks = blocking_reasons(mentee_person, person, settings, forbidden=forbidden, hierarchy=hierarchy)
    return mentors
