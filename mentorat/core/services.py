"""Writes on the reference data: loading the reference set, importing organisations."""

import re
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from . import reference_data
from .csv_utils import CsvImportError, LineError
from .models import Branch, Organisation, Programme, Theme, Track

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _differs(obj, name, value):
    field = obj._meta.get_field(name)
    if field.many_to_one or field.one_to_one:
        # Compare ids: reading the related object would cost one query per field.
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def upsert(model, *, lookup, values, create_values=None):
    """Make the row found by `lookup` hold `values`, creating it when missing; return (obj, state).

    Unlike update_or_create, a row that already holds `values` is not saved at all: seeding twice
    changes nothing, not even an auto_now timestamp. `create_values` are only used on creation.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values, **(create_values or {})), CREATED
    changed = [name for name, value in values.items() if _differs(obj, name, value)]
    if not changed:
        return obj, UNCHANGED
    for name in changed:
        setattr(obj, name, values[name])
    obj.save()
    return obj, UPDATED


@transaction.atomic
def reference_data_load():
    """Create or update branches, organisations, themes, the 2026-2027 programme and its tracks;
    create the platform's own resource pages when missing (never overwritten: the engineer edits them).

    Rows are found by code (slug for the programme), so running it again only restores the reference
    values. Returns {kind: Counter(created=…, updated=…, unchanged=…)}.
    """
    counts = {kind: Counter() for kind in ("branches", "organisations", "themes", "programmes", "tracks")}

    branches = {}
    for position, (code, name) in enumerate(reference_data.BRANCHES, start=1):
        branches[code], state = upsert(Branch, lookup={"code": code}, values={"name": name, "position": position})
        counts["branches"][state] += 1

    for code, name, branch_code, region in reference_data.ORGANISATIONS:
        _obj, state = upsert(
            Organisation,
            lookup={"code": code},
            values={"name": name, "branch": branches[branch_code], "region": region},
        )
        counts["organisations"][state] += 1

    for position, (code, label) in enumerate(reference_data.THEMES, start=1):
        _obj, state = upsert(Theme, lookup={"code": code}, values={"label": label, "position": position})
        counts["themes"][state] += 1

    programme_values = dict(reference_data.PROGRAMME)
    slug = programme_values.pop("slug")
    programme, state = upsert(Programme, lookup={"slug": slug}, values=programme_values)
    counts["programmes"][state] += 1

    for track_values in reference_data.TRACKS:
        track_values = dict(track_values)
        code = track_values.pop("code")
        _obj, state = upsert(Track, lookup={"programme": programme, "code": code}, values=track_values)
        counts["tracks"][state] += 1

    from mentorat.resources.services import reference_resources_load

    counts["resources"] = reference_resources_load()
    # The edition's charter (version 1, published) belongs with its reference data.
    from sessions_binome.charter_reference import charter_reference_load

    charter_reference_load(programme)
    from evaluation.reference_surveys import surveys_default_create

    surveys_default_create(programme)  # the default questionnaires, created once, then the engineer's
    return counts


ORGANISATION_COLUMNS = ("code", "name", "branch", "region")
# Codes are identifiers written in capitals, such as CPAM-33 or URSSAF-IDF.
_CODE_RE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _text_error(line, column, value, max_length, required_message):
    if not value:
        return LineError(line, column, required_message)
    if len(value) > max_length:
        return LineError(
            line,
            column,
            _("%(length)d caractères, %(max)d au maximum") % {"length": len(value), "max": max_length},
        )
    return None


def _organisation_row(row, *, branches, first_line_of_code):
    """(values, errors) for one CSV row; `first_line_of_code` records codes already seen in the file."""
    max_length = {name: Organisation._meta.get_field(name).max_length for name in ("code", "name", "region")}
    code = row["code"].upper()
    name, region, branch_code = row["name"], row["region"], row["branch"].lower()
    errors = [
        error
        for error in (
            _text_error(row.line, "code", code, max_length["code"], _("le code est obligatoire")),
            _text_error(row.line, "name", name, max_length["name"], _("le nom est obligatoire")),
            _text_error(row.line, "region", region, max_length["region"], _("la région est obligatoire")),
        )
        if error
    ]
    if code and len(code) <= max_length["code"]:
        if not _CODE_RE.match(code):
            errors.append(
                LineError(
                    row.line, "code", _("code « %s » invalide : lettres, chiffres et tirets uniquement") % row["code"]
                )
            )
        elif code in first_line_of_code:
            errors.append(
                LineError(
                    row.line,
                    "code",
                    _("code « %(code)s » en double (déjà ligne %(line)d)")
                    % {"code": code, "line": first_line_of_code[code]},
                )
            )
        else:
            first_line_of_code[code] = row.line
    if not branch_code:
        errors.append(LineError(row.line, "branch", _("la branche est obligatoire")))
    elif branch_code not in branches:
        errors.append(LineError(row.line, "branch", _("branche inconnue « %s »") % row["branch"]))
    values = {"code": code, "name": name, "branch": branches.get(branch_code), "region": region}
    return values, sorted(errors, key=lambda e: ORGANISATION_COLUMNS.index(e.column))


@transaction.atomic
def organisations_import(*, table):
    """Create or update the organisations of a CsvTable (columns code, name, branch, region), all or nothing.

    Every line is checked before anything is written; on any problem CsvImportError lists them all.
    An organisation is found by its code; `is_active` is left as it is.
    """
    missing = table.missing_column_errors(ORGANISATION_COLUMNS)
    if missing:
        raise CsvImportError(missing)
    extra_values = {error.line: error for error in table.extra_value_errors()}
    branches = Branch.objects.in_bulk(field_name="code")

    errors, rows, first_line_of_code = [], [], {}
    for row in table.rows:
        if row.line in extra_values:
            errors.append(extra_values[row.line])
            continue
        values, row_errors = _organisation_row(row, branches=branches, first_line_of_code=first_line_of_code)
        errors.extend(row_errors)
        rows.append(values)
    if errors:
        raise CsvImportError(errors)
    if not rows:
        raise CsvImportError([LineError(2, "", _("aucun organisme dans le fichier"))])

    existing = Organisation.objects.in_bulk([values["code"] for values in rows], field_name="code")
    to_create, to_update = [], []
    for values in rows:
        organisation = existing.get(values["code"])
        if organisation is None:
            to_create.append(Organisation(**values))
            continue
        changed = [name for name in ("name", "branch", "region") if _differs(organisation, name, values[name])]
        if changed:
            for name in changed:
                setattr(organisation, name, values[name])
            to_update.append(organisation)
    Organisation.objects.bulk_create(to_create)
    Organisation.objects.bulk_update(to_update, ["name", "branch", "region"])
    return ImportResult(
        created=len(to_create), updated=len(to_update), unchanged=len(rows) - len(to_create) - len(to_update)
    )
