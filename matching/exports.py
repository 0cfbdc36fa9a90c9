"""The CSV export of a run's proposals, shared by the console and the `match` command.

The header starts with `mentee_email;rank;mentor_email;score` (rank 1 = best); the extra columns help
a human reviewer. The file is in the platform's one CSV dialect (`mentorat.core.spreadsheets`: BOM,
`;`, decimal comma) so that French Excel opens it in columns; scripts read it with
`csv.reader(open(path, encoding="utf-8-sig"), delimiter=";")`.
"""

from mentorat.core import spreadsheets

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
            round(proposal.score, 4),
            proposal.mentee.user.get_full_name(),
            proposal.mentor.user.get_full_name(),
            proposal.mentor.organisation.code,
            "oui" if proposal.assigned else "non",
            "oui" if proposal.added_by_hand else "non",
            " | ".join(sentences),
        ]


def write_proposals_csv(run, path):
    spreadsheets.write_csv(path, proposal_rows(run))


def proposals_csv_response(run, filename):
    # Streamed: a run of the later editions holds thousands of mentees times five proposals.
    return spreadsheets.csv_response(filename, proposal_rows(run), streaming=True)
