"""The CSV export of a run's proposals, shared by the console and the `match` command.

The header starts with `mentee_email,rank,mentor_email,score` (rank 1 = best), comma-separated and
without a byte-order mark so that scripts read it as is; the extra columns help a human reviewer.
"""

import csv

from django.http import StreamingHttpResponse

from .models import Proposal

HEADER = [
    "mentee_email",
    "rank",
    "mentor_email",
    "score",
    "mentee_name",
    "mentor_name",
    "mentor_organisation",
    "assigned",
    "added_by_hand",
    "criteria",
]


def proposal_rows(run):
    """The header, then one row per proposal, by mentee email then rank; queries do not grow with rows."""
    yield HEADER
    proposals = (
        Proposal.objects.filter(run=run)
        .select_related("mentee__user", "mentor__user", "mentor__organisation")
        .order_by("mentee__user__email", "rank")
    )
    for proposal in proposals.iterator(chunk_size=2000):
        sentences = [value[1] for value in proposal.criteria.values() if value and value[1]]
        yield [
            proposal.mentee.user.email,
            proposal.rank,
            proposal.mentor.user.email,
            f"{proposal.score:.4f}",
            proposal.mentee.user.get_full_name(),
            proposal.mentor.user.get_full_name(),
            proposal.mentor.organisation.code,
            "oui" if proposal.assigned else "non",
            "oui" if proposal.added_by_hand else "non",
            " | ".join(sentences),
        ]


def write_proposals_csv(run, handle):
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerows(proposal_rows(run))


class _Echo:
    def write(self, value):
        return value


def proposals_csv_response(run, filename):
    writer = csv.writer(_Echo(), lineterminator="\n")
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in proposal_rows(run)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
