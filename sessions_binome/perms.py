"""Who may see a pair and what of it.

Members (mentor and mentee) see their pair's content; the programme engineer and the HR referents
of a member's organisation see its progress only (status, dates, counts), never content. Anyone
else gets 404.
"""

from django.http import Http404

from mentorat.accounts.perms import hr_organisation_ids, is_programme_engineer

from .models import Pair


def is_member(user, pair):
    return user.is_authenticated and user.pk in (pair.mentee_id, pair.mentor_id)


def can_follow(user, pair):
    """Progress only: engineer, or HR referent of the mentee's or the mentor's organisation."""
    if is_programme_engineer(user):
        return True
    organisations = hr_organisation_ids(user)
    return bool(organisations) and (
        pair.mentee_organisation_id in organisations or pair.mentor_organisation_id in organisations
    )


def get_pair_for_member(user, pk):
    pair = _pairs().filter(pk=pk).first()
    if pair is None or not is_member(user, pair):
        raise Http404
    return pair


def get_pair_for_follower(user, pk):
    pair = _pairs().filter(pk=pk).first()
    if pair is None or not can_follow(user, pair):
        raise Http404
    return pair


def _pairs(*more):
    # Few joins: PostgreSQL plans a 9-table join in about 8 ms, longer than it runs; the members'
    # organisations, shown on the PDFs only, are read there.
    return Pair.objects.select_related("programme", "track", "mentee", "mentor", *more)
