"""From the call to the end: how many people reached each stage, in one query (per role, track and
branch), then the funnel chart and its breakdowns by track and by branch."""

from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application, Invitation
from matching.models import MentorRequest, Proposal
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair

from .. import charts, privacy

MENTEE, MENTOR = ApplicationRole.MENTEE, ApplicationRole.MENTOR

FUNNEL_STAGES = [
    ("applied", gettext_lazy("Candidature déposée")),
    ("validated", gettext_lazy("Candidature validée")),
    ("proposed", gettext_lazy("Propositions reçues (mentorés) ou mentor proposé")),
    ("chosen", gettext_lazy("Mentor choisi (mentorés) ou choisi (mentors)")),
    ("signed", gettext_lazy("Charte signée")),
    ("active", gettext_lazy("Binôme actif")),
    ("completed", gettext_lazy("Binôme mené à son terme")),
]
SHORT_STAGES = {
    "applied": gettext_lazy("Candidatures"),
    "validated": gettext_lazy("Validées"),
    "proposed": gettext_lazy("Propositions"),
    "chosen": gettext_lazy("Choix"),
    "signed": gettext_lazy("Charte"),
    "active": gettext_lazy("Actifs"),
    "completed": gettext_lazy("Terminés"),
}


def _funnel_rows(scope):
    """One query: per (role, track, branch), how many people reached each stage."""
    published = Proposal.objects.filter(run__published_at__isnull=False)
    signed = Pair.objects.alias(signatures=Count("charter_signatures")).filter(
        Q(activated_at__isnull=False) | Q(signatures__gte=2)
    )
    active = Pair.objects.filter(activated_at__isnull=False)
    completed = Pair.objects.filter(status=PairStatus.COMPLETED)
    mentee, mentor = Q(role=MENTEE), Q(role=MENTOR)

    def either(name):
        return (mentee & Q(**{f"{name}_as_mentee": True})) | (mentor & Q(**{f"{name}_as_mentor": True}))

    return list(
        Application.objects.filter(programme=scope.programme, submitted_at__isnull=False)
        .filter(scope.people_q())
        .alias(
            proposed_as_mentee=Exists(published.filter(mentee=OuterRef("pk"))),
            proposed_as_mentor=Exists(published.filter(mentor=OuterRef("pk"))),
            chosen_as_mentee=Exists(MentorRequest.objects.filter(mentee=OuterRef("pk"))),
            chosen_as_mentor=Exists(MentorRequest.objects.filter(mentor=OuterRef("pk"))),
            signed_as_mentee=Exists(signed.filter(mentee_application=OuterRef("pk"))),
            signed_as_mentor=Exists(signed.filter(mentor_application=OuterRef("pk"))),
            active_as_mentee=Exists(active.filter(mentee_application=OuterRef("pk"))),
            active_as_mentor=Exists(active.filter(mentor_application=OuterRef("pk"))),
            completed_as_mentee=Exists(completed.filter(mentee_application=OuterRef("pk"))),
            completed_as_mentor=Exists(completed.filter(mentor_application=OuterRef("pk"))),
        )
        .values("role", "track_id", "organisation__branch_id")
        .annotate(
            applied=Count("pk"),
            validated=Count("pk", filter=Q(status=ApplicationStatus.VALIDATED) | either("proposed")),
            proposed=Count("pk", filter=either("proposed")),
            chosen=Count("pk", filter=either("chosen")),
            signed=Count("pk", filter=either("signed")),
            active=Count("pk", filter=either("active")),
            completed=Count("pk", filter=either("completed")),
        )
        .order_by()
    )


def _invited(scope):
    """Addresses invited from the HR relay kits (all roles); None under a track filter (an invitation
    has no track)."""
    if scope.track is not None:
        return None
    invitations = Invitation.objects.filter(programme=scope.programme)
    if scope.branch is not None:
        invitations = invitations.filter(organisation__branch=scope.branch)
    if scope.organisation is not None:
        invitations = invitations.filter(organisation=scope.organisation)
    if scope.organisation_ids is not None:
        invitations = invitations.filter(organisation_id__in=scope.organisation_ids)
    return invitations.count()


def _funnel(scope, rows, tracks, branches):
    totals = {role: Counter() for role in (MENTEE, MENTOR)}
    by_track, by_branch = Counter(), Counter()
    for row in rows:
        for stage, _label in FUNNEL_STAGES:
            totals[row["role"]][stage] += row[stage]
            if row["role"] == MENTEE:
                by_track[(row["track_id"], stage)] += row[stage]
                by_branch[(row["organisation__branch_id"], stage)] += row[stage]
    invited = _invited(scope)
    exact = scope.exact_counts
    mentees = {stage: privacy.count(totals[MENTEE][stage], exact=exact) for stage, _label in FUNNEL_STAGES}
    mentors = {stage: privacy.count(totals[MENTOR][stage], exact=exact) for stage, _label in FUNNEL_STAGES}
    stages = [(label, mentees[stage]) for stage, label in FUNNEL_STAGES]
    extra = [[mentors[stage]] for stage, _label in FUNNEL_STAGES]
    if invited is not None:
        stages.insert(0, (_("Invitations envoyées (adresses, tous rôles)"), privacy.count(invited, exact=exact)))
        extra.insert(0, ["—"])
    funnel = charts.funnel_chart(
        key="entonnoir",
        title=_("De l'invitation à la fin du programme : personnes mentorées"),
        intro=_("Nombre de personnes mentorées à chaque étape, cumulé depuis l'ouverture de l'appel."),
        stages=stages,
        headers=[_("Étape"), _("Mentorés"), _("Mentors")],
        extra_columns=extra,
        note=_(
            "Une personne compte à une étape dès qu'elle l'a franchie, même si elle a ensuite arrêté. Les invitations "
            "sont les adresses invitées depuis le kit de relais de la plateforme ; l'appel a aussi été diffusé par "
            "d'autres canaux. Mentors : proposés au moins une fois, choisis au moins une fois, puis dans un binôme."
        ),
    )
    stage_keys = [stage for stage, _label in FUNNEL_STAGES]

    def breakdown_table(key, title, rows_spec, counts):
        figures = privacy.grid([pk for pk, _label in rows_spec], stage_keys, counts, row_totals=False, exact=exact)
        rows = [[label, *(figures[(pk, s)] for s in stage_keys)] for pk, label in rows_spec]
        rows.append([_("Total"), *(figures[("total", s)] for s in stage_keys)])
        return charts.Chart(key, title, "", "", [""] + [SHORT_STAGES[s] for s in stage_keys], rows)

    return {
        "chart": funnel,
        "by_track": breakdown_table(
            "entonnoir-parcours",
            _("Personnes mentorées à chaque étape, par parcours"),
            [(t.pk, f"{t.code} · {t.name}") for t in tracks],
            by_track,
        ),
        "by_branch": breakdown_table(
            "entonnoir-branches",
            _("Personnes mentorées à chaque étape, par branche"),
            [(b.pk, b.name) for b in branches],
            by_branch,
        ),
        "mentees": mentees,
        "mentors": mentors,
    }
