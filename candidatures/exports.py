"""CSV and XLSX exports of applications. Columns come from explicit allowlists: the HR referent's
export never carries free text (objectives, contribution, presentation). The files are written by
`mentorat.core.spreadsheets` (formula-proof cells, French CSV dialect, typed XLSX cells)."""

from mentorat.core import spreadsheets


def _yes_no(value):
    return "oui" if value else "non"


# (header, getter). The engineer's columns start with the import format, so an export can be
# re-imported as is.
ENGINEER_COLUMNS = [
    ("email", lambda a: a.user.email),
    ("first_name", lambda a: a.user.first_name),
    ("last_name", lambda a: a.user.last_name),
    ("role", lambda a: a.role),
    ("track", lambda a: a.track.code),
    ("organisation_code", lambda a: a.organisation.code),
    ("job_title", lambda a: a.job_title),
    ("is_manager", lambda a: _yes_no(a.is_manager)),
    ("manager_since", lambda a: spreadsheets.Month.of(a.manager_since)),
    ("years_experience", lambda a: a.years_experience),
    ("line_manager_email", lambda a: a.line_manager_email),
    ("themes", lambda a: "|".join(t.code for t in a.themes.all())),
    ("availability", lambda a: "|".join(a.availability or [])),
    ("capacity", lambda a: a.capacity),
    ("objectives", lambda a: a.objectives),
    ("presentation", lambda a: a.presentation),
    ("branch", lambda a: a.organisation.branch.code),
    ("status", lambda a: a.status),
    ("created_at", lambda a: a.created_at),
    ("submitted_at", lambda a: a.submitted_at),
    ("decided_at", lambda a: a.decided_at),
    ("decision_reason", lambda a: a.decision_reason),
]

HR_COLUMNS = [
    ("nom", lambda a: a.user.last_name),
    ("prenom", lambda a: a.user.first_name),
    ("email", lambda a: a.user.email),
    ("organisme", lambda a: a.organisation.code),
    ("role", lambda a: a.get_role_display()),
    ("parcours", lambda a: a.track.code),
    ("statut", lambda a: a.get_status_display()),
    ("creee_le", lambda a: a.created_at),
    ("deposee_le", lambda a: a.submitted_at),
    ("decision_le", lambda a: a.decided_at),
]

INVITATION_COLUMNS = [
    ("email", lambda i: i.email),
    ("organisme", lambda i: i.organisation.code),
    ("premiere_invitation", lambda i: i.first_sent_at),
    ("derniere_invitation", lambda i: i.last_sent_at),
    ("envois", lambda i: i.send_count),
    ("statut", lambda i: "a candidaté" if i.applied else "invité"),
]


def rows(objects, columns):
    yield [header for header, _getter in columns]
    for obj in objects:
        yield [getter(obj) for _header, getter in columns]


def _audit_export(filename):
    from mentorat.audit.enums import AuditAction
    from mentorat.audit.services import audit_log

    audit_log(AuditAction.EXPORT, target=filename)


def csv_response(filename, objects, columns):
    _audit_export(filename)
    return spreadsheets.csv_response(filename, rows(objects, columns))


def xlsx_response(filename, objects, columns, title):
    _audit_export(filename)
    return spreadsheets.xlsx_response(filename, [spreadsheets.Sheet(title, rows(objects, columns))])
