"""Import of applications gathered elsewhere (CSV), all-or-nothing.

Every line is checked before anything is written; any error imports nothing and every error is
reported as `line N: column: message`. The same person + role + programme updates the existing
application, so re-importing a file changes nothing.
"""

import datetime
import re

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorat.accounts.models import User
from mentorat.core.csv_utils import CsvImportError, LineError, read_csv
from mentorat.core.emails import send_templated_email
from mentorat.core.models import Organisation, Theme

from .enums import AVAILABILITY_CODES, ApplicationRole, ApplicationStatus
from .models import TEXT_MAX_LENGTH, Application
from .services import carry_organisation_to_pairs

COLUMNS = (
    "email",
    "first_name",
    "last_name",
    "role",
    "track",
    "organisation_code",
    "job_title",
    "is_manager",
    "manager_since",
    "years_experience",
    "line_manager_email",
    "themes",
    "availability",
    "capacity",
    "objectives",
)
_TRUE = {"oui", "yes", "true", "1", "o", "y", "vrai"}
_FALSE = {"non", "no", "false", "0", "n", "faux"}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_IMPORT_ACKS = {
    "ack_duration": True,
    "ack_rhythm": True,
    "ack_working_time": True,
    "ack_volunteering": True,
    "ack_confidentiality": True,
    "ack_change_mentor": True,
}


# How often (in rows) a background import reports its progress.
PROGRESS_EVERY = 200


def read_import_file(upload):
    """(rows, errors) from an uploaded or opened file."""
    try:
        table = read_csv(upload.read())
    except CsvImportError as error:
        return None, [str(e) for e in error.errors]
    structure = table.missing_column_errors(COLUMNS) or table.extra_value_errors()
    if structure:
        return None, [str(e) for e in structure]
    if not table.rows:
        return None, [str(LineError(2, "", _("aucune candidature dans le fichier")))]
    return table.rows, []


def _parse_row(row, *, tracks, organisations, themes, today):
    """(values, errors) for one CSV row; values only meaningful when errors is empty."""
    errors = []

    def error(column, message):
        errors.append(LineError(row.line, column, message))

    values = {}
    email = row["email"].lower()
    try:
        validate_email(email)
        values["email"] = email
    except ValidationError:
        error("email", _("adresse électronique invalide « %s »") % row["email"])
    for column in ("first_name", "last_name"):
        if not row[column]:
            error(column, _("valeur obligatoire"))
        elif len(row[column]) > 150:
            error(column, _("150 caractères au plus"))
        values[column] = row[column]
    role = row["role"].lower()
    if role not in ApplicationRole.values:
        error("role", _("valeur attendue : mentor ou mentee, pas « %s »") % row["role"])
    values["role"] = role
    track = tracks.get(row["track"].upper())
    if track is None:
        error("track", _("valeur attendue : P1 ou P2, pas « %s »") % row["track"])
    values["track"] = track
    organisation = organisations.get(row["organisation_code"].upper())
    if organisation is None:
        error("organisation_code", _("organisme inconnu « %s »") % row["organisation_code"])
    values["organisation"] = organisation
    if not row["job_title"]:
        error("job_title", _("valeur obligatoire"))
    elif len(row["job_title"]) > 200:
        error("job_title", _("200 caractères au plus"))
    values["job_title"] = row["job_title"]
    is_manager = row["is_manager"].lower()
    if is_manager in _TRUE:
        values["is_manager"] = True
    elif is_manager in _FALSE:
        values["is_manager"] = False
    elif not is_manager:
        error("is_manager", _("valeur obligatoire (oui ou non)"))
    else:
        error("is_manager", _("valeur attendue : oui ou non, pas « %s »") % row["is_manager"])
    values["manager_since"] = None
    if row["manager_since"]:
        match = _MONTH.match(row["manager_since"])
        month = None
        if match and 1 <= int(match.group(2)) <= 12:
            month = datetime.date(int(match.group(1)), int(match.group(2)), 1)
        if month is None or month.year < 1970:
            error("manager_since", _("mois attendu au format AAAA-MM, pas « %s »") % row["manager_since"])
        elif month > today:
            error("manager_since", _("date dans le futur"))
        elif values.get("is_manager"):
            # As in the form: the date only means something for a manager.
            values["manager_since"] = month
    try:
        years = int(row["years_experience"])
        if not 0 <= years <= 50:
            raise ValueError
        values["years_experience"] = years
    except ValueError:
        if not row["years_experience"]:
            error("years_experience", _("valeur obligatoire (nombre entier de 0 à 50)"))
        else:
            error("years_experience", _("nombre entier de 0 à 50 attendu, pas « %s »") % row["years_experience"])
    values["line_manager_email"] = row["line_manager_email"].lower()
    if values["line_manager_email"]:
        try:
            validate_email(values["line_manager_email"])
        except ValidationError:
            error("line_manager_email", _("adresse électronique invalide « %s »") % row["line_manager_email"])
    theme_codes = [code.strip() for code in row["themes"].split("|") if code.strip()]
    unknown = [code for code in theme_codes if code not in themes]
    if unknown:
        error("themes", _("thème inconnu : %s") % ", ".join(unknown))
    values["themes"] = [themes[code] for code in theme_codes if code in themes]
    slots = [slot.strip().lower() for slot in row["availability"].split("|") if slot.strip()]
    wrong = [slot for slot in slots if slot not in AVAILABILITY_CODES]
    if wrong:
        error("availability", _("créneau inconnu : %s (attendu par exemple lun-matin, jeu-aprem)") % ", ".join(wrong))
    values["availability"] = sorted(set(slots), key=slots.index)
    values["capacity"] = None
    if role == ApplicationRole.MENTOR:
        if not row["capacity"]:
            error("capacity", _("valeur obligatoire pour un mentor (1 ou 2)"))
        elif row["capacity"] not in ("1", "2"):
            error("capacity", _("1 ou 2 attendu pour un mentor, pas « %s »") % row["capacity"])
        else:
            values["capacity"] = int(row["capacity"])
    elif role == ApplicationRole.MENTEE and row["capacity"]:
        error("capacity", _("doit rester vide pour un mentoré"))
    if len(row["objectives"]) > TEXT_MAX_LENGTH:
        error(
            "objectives",
            _("%(max)d caractères au plus (%(n)d)") % {"max": TEXT_MAX_LENGTH, "n": len(row["objectives"])},
        )
    values["objectives"] = row["objectives"]
    return values, errors


def _cross_checks(parsed, programme):
    """Errors across lines and against what is already recorded."""
    errors = []
    seen_role, seen_track = {}, {}
    for line, values in parsed:
        key_role = (values["email"], values["role"])
        key_track = (values["email"], values["track"].pk)
        if key_role in seen_role:
            errors.append(
                LineError(line, "role", _("même personne et même rôle qu'à la ligne %d") % seen_role[key_role])
            )
        elif key_track in seen_track:
            errors.append(
                LineError(
                    line,
                    "track",
                    _("mentor et mentoré dans le même parcours (voir la ligne %d)") % seen_track[key_track],
                )
            )
        seen_role.setdefault(key_role, line)
        seen_track.setdefault(key_track, line)
    emails = {values["email"] for _line, values in parsed}
    recorded = Application.objects.filter(programme=programme, user__email__in=emails).values_list(
        "user__email", "role", "track_id"
    )
    other_role_in_track = {(email, track_id): role for email, role, track_id in recorded}
    for line, values in parsed:
        role = other_role_in_track.get((values["email"], values["track"].pk))
        if role and role != values["role"]:
            errors.append(
                LineError(line, "track", _("cette personne a déjà une candidature de l'autre rôle dans ce parcours"))
            )
    return errors


def applications_import(
    *, programme, rows, dry_run=False, validate=False, send_activation=False, by=None, now=None, progress=None
):
    """Check every row, then (unless `dry_run`) write all of them in one transaction.

    `progress(done, total)`, if given, is told how far the check and the writing have gone (a
    background import shows it); total is twice the number of rows.

    Returns {"errors": [...], "created": n, "updated": n, "unchanged": n, "users_created": n, "dry_run": bool}.
    """
    now = now or timezone.now()
    tracks = {track.code: track for track in programme.tracks.all()}
    organisations = {org.code.upper(): org for org in Organisation.objects.all()}
    themes = {theme.code: theme for theme in Theme.objects.all()}
    today = timezone.localdate(now)
    parsed, errors = [], []
    total = 2 * len(rows)
    for number, row in enumerate(rows):
        if progress and number % PROGRESS_EVERY == 0:
            progress(number, total)
        values, row_errors = _parse_row(row, tracks=tracks, organisations=organisations, themes=themes, today=today)
        errors.extend(row_errors)
        if not row_errors:
            parsed.append((row.line, values))
    # Lines already in error are left out of the cross-checks, so that every other problem is
    # reported in the same run; the list reads in file order.
    errors.extend(_cross_checks(parsed, programme))
    errors.sort(key=lambda e: (e.line, COLUMNS.index(e.column) if e.column in COLUMNS else -1))
    result = {
        "errors": [str(e) for e in errors],
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "users_created": 0,
        "dry_run": dry_run,
    }
    if errors:
        return result
    try:
        with transaction.atomic():
            _write(
                parsed,
                programme=programme,
                validate=validate,
                send_activation=send_activation,
                by=by,
                now=now,
                result=result,
                progress=(lambda done: progress(len(rows) + done, total)) if progress else None,
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


class _DryRun(Exception):
    """Rolls the transaction back so that a dry run counts exactly what a real run would write."""


def _write(parsed, *, programme, validate, send_activation, by, now, result, progress=None):
    users = {user.email: user for user in User.objects.filter(email__in={v["email"] for _l, v in parsed})}
    existing = {
        (a.user_id, a.role): a
        for a in Application.objects.filter(programme=programme, user__in=users.values()).prefetch_related("themes")
    }
    new_users = []
    for number, (_line, values) in enumerate(parsed):
        if progress and number % PROGRESS_EVERY == 0:
            progress(number)
        user = users.get(values["email"])
        if user is None:
            user = User.objects.create_user(
                email=values["email"],
                first_name=values["first_name"],
                last_name=values["last_name"],
                organisation=values["organisation"],
                job_title=values["job_title"],
            )
            # The engineer vouches for the address: imported people log in once they set a password.
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            users[user.email] = user
            new_users.append(user)
            result["users_created"] += 1
        fields = {
            "track": values["track"],
            "organisation": values["organisation"],
            "job_title": values["job_title"],
            "is_manager": values["is_manager"],
            "manager_since": values["manager_since"],
            "years_experience": values["years_experience"],
            "line_manager_email": values["line_manager_email"],
            "availability": values["availability"],
            "capacity": values["capacity"],
            "objectives": values["objectives"],
        }
        application = existing.get((user.pk, values["role"]))
        if application is None:
            application = Application.objects.create(
                programme=programme,
                user=user,
                role=values["role"],
                status=ApplicationStatus.VALIDATED if validate else ApplicationStatus.SUBMITTED,
                submitted_at=now,
                data_consent_at=now,
                decided_at=now if validate else None,
                decided_by=by if validate else None,
                **_IMPORT_ACKS,
                **fields,
            )
            application.themes.set(values["themes"])
            result["created"] += 1
            continue
        changed = [name for name, value in fields.items() if _differs(application, name, value)]
        for name in changed:
            setattr(application, name, fields[name])
        if validate and application.status == ApplicationStatus.SUBMITTED:
            application.status = ApplicationStatus.VALIDATED
            application.decided_at = now
            application.decided_by = by
            changed += ["status", "decided_at", "decided_by"]
        themes_changed = {t.pk for t in application.themes.all()} != {t.pk for t in values["themes"]}
        if changed or themes_changed:
            # A change of themes alone still marks the application as modified.
            application.save(update_fields=[*changed, "updated_at"])
        if "organisation" in changed:
            carry_organisation_to_pairs(application)
        if themes_changed:
            application.themes.set(values["themes"])
        if changed or themes_changed:
            result["updated"] += 1
        else:
            result["unchanged"] += 1
    if send_activation:
        for user in new_users:
            send_activation_email(user)


def _differs(application, name, value):
    if name in ("track", "organisation"):
        return getattr(application, f"{name}_id") != value.pk
    return getattr(application, name) != value


def send_activation_email(user):
    """A link to choose a password (allauth's reset-from-key), for people created by an import."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    send_templated_email(
        "account_activation",
        to=user.email,
        context={"person": user, "activation_url": settings.SITE_URL + path},
    )
