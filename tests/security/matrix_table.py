"""What the permission matrix (tests/security/test_route_matrix.py) sends: the objects each URL
points at, the query strings that are rows of their own, the body each POST carries (what the
allowed role would send, so that the allowed write really happens). The expected answers are in
tests/security/matrix_rows.py."""

import datetime
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import DEFAULT_PASSWORD as PASSWORD
from tests.security.matrix_engine import accepted_methods
from tests.security.matrix_rows import EXPECTED
from tests.security.routes import KWARGS, walk

# The pages of allauth (login, sign-up, password reset, MFA) guard themselves and are tested with the
# real flows in tests/accounts/; the admin is in the matrix.
DELEGATED_PREFIXES = ("comptes/",)

# URL name → kwargs for the objects the matrix points at, where they differ from the other
# security tests' (the later stages the matrix world adds).
MATRIX_KWARGS = {
    "sessions_binome:certificate": lambda o: {"pk": o["done"].pk},
    "sessions_binome:charter_pdf": lambda o: {"pk": o["done"].pk},
    "sessions_binome:final_assessment": lambda o: {"pk": o["done"].pk},
    "sessions_binome:pair_closing": lambda o: {"pk": o["done"].pk},
    "sessions_binome:pair_archive": lambda o: {"pk": o["done"].pk},
    "sessions_binome:frame": lambda o: {"pk": o["framing"].pk},
    "sessions_binome:frame_confirm": lambda o: {"pk": o["framing"].pk},
    "sessions_binome:charter": lambda o: {"pk": o["signing"].pk},
    "sessions_binome:session_log": lambda o: {"pk": o["past_session"].pk},
    "sessions_binome:session_shared_notes": lambda o: {"pk": o["past_session"].pk},
    "sessions_binome:session_rating": lambda o: {"pk": o["held_session"].pk},
    "candidatures:detail": lambda o: {"pk": o["draft"].pk},
    "candidatures:edit": lambda o: {"pk": o["draft"].pk},
    "candidatures:withdraw": lambda o: {"pk": o["draft"].pk},
    "matching:run_detail": lambda o: {"run_id": o["draft_run"].pk},
    "matching:run_progress": lambda o: {"run_id": o["draft_run"].pk},
    "matching:run_mentors": lambda o: {"run_id": o["draft_run"].pk},
    "matching:proposal_add": lambda o: {"run_id": o["draft_run"].pk},
    "matching:proposal_search": lambda o: {"run_id": o["draft_run"].pk, "mentee_id": o["draft_proposal"].mentee_id},
    "matching:exclusion_add": lambda o: {"run_id": o["draft_run"].pk},
    "matching:run_publish": lambda o: {"run_id": o["draft_run"].pk},
    "matching:choose": lambda o: {"proposal_id": o["fresh_proposal"].pk},
    "matching:ask_question": lambda o: {"proposal_id": o["fresh_proposal"].pk},
    "matching:proposal_remove": lambda o: {"proposal_id": o["draft_proposal"].pk},
    "evaluation:question_create": lambda o: {"survey_id": o["fresh_survey"].pk},
    "evaluation:question_edit": lambda o: {"question_id": o["fresh_question"].pk},
    "evaluation:question_delete": lambda o: {"question_id": o["fresh_question"].pk},
    "evaluation:question_move": lambda o: {"question_id": o["second_question"].pk},
    "evaluation:survey_detail": lambda o: {"survey_id": o["fresh_survey"].pk},
    "evaluation:survey_preview": lambda o: {"survey_id": o["fresh_survey"].pk},
    "sessions_binome:engineer_charter_edit": lambda o: {"pk": o["draft_charter"].pk},
    "sessions_binome:engineer_charter_publish": lambda o: {"pk": o["draft_charter"].pk},
    "candidatures:review": lambda o: {"pk": o["review_me"].pk},
}


# The admin's pages of one object: admin model key → the world's object they open.
ADMIN_OBJECTS = {
    "auth_group": "group",
    "account_emailaddress": "email_address",
    "mfa_authenticator": "authenticator",
    "core_branch": "branch",
    "core_organisation": "spare_organisation",
    "core_theme": "theme",
    "core_programme": "previous_programme",
    "accounts_user": "spare_user",
    "resources_resource": "resource",
    "resources_trainingsession": "training",
    "sessions_binome_charter": "draft_charter",
}


def _admin_kwargs(name, objects):
    if name == "admin:app_list":
        return {"app_label": "core"}
    if name == "admin:auth_user_password_change":
        return {"id": objects["spare_user"].pk}
    if name == "admin:view_on_site":
        from django.contrib.contenttypes.models import ContentType

        resource = objects["resource"]
        return {"content_type_id": ContentType.objects.get_for_model(resource).pk, "object_id": resource.pk}
    model, _, action = name.removeprefix("admin:").rpartition("_")
    if model in ADMIN_OBJECTS and action in ("change", "delete", "history"):
        return {"object_id": objects[ADMIN_OBJECTS[model]].pk}
    return {}


def kwargs_for(name, objects):
    if name.startswith("admin:"):
        return _admin_kwargs(name, objects)
    return (MATRIX_KWARGS.get(name) or KWARGS.get(name) or (lambda o: {}))(objects)


# Query strings that change what a page shows: rows of their own. "{key}" is the pk of the world's
# object `key` (another organisation than the HR referent's, to prove the filter cannot widen).
QUERIES = {
    "candidatures:engineer_list": ("?export=csv", "?export=xlsx"),
    "candidatures:tracking": ("?export=csv", "?export=invitations"),
    "sessions_binome:hr_pairs": ("?export=csv", "?organisation={elsewhere}"),
    "sessions_binome:engineer_pairs": ("?export=csv",),
    "evaluation:data_xlsx": ("?texte_libre=1",),
    "evaluation:hr_indicators": ("?organisation={elsewhere}",),
    "evaluation:engineer_indicators": ("?organisation={elsewhere}",),
    "evaluation:hr_indicators_theme": ("?organisation={elsewhere}",),
    "evaluation:engineer_indicators_theme": ("?organisation={elsewhere}",),
    "evaluation:hr_report": ("?format=html", "?format=html&organisation={elsewhere}"),
    "evaluation:engineer_report": ("?format=html",),
}


def query_for(query, objects):
    return query.format(**{key: getattr(value, "pk", "") for key, value in objects.items()})


def _frame(o):
    return {
        "rhythm": "monthly",
        "rhythm_other": "",
        "starts_on": "2026-11-20",
        "ends_on": "2027-05-15",
        "video": "https://visio.exemple.fr/binome",
        "mentor_comment": "Disponible le lundi.",
    }


def _session(o):
    return {
        "starts_at": "2026-12-01T10:00",
        "duration_minutes": "60",
        "video_link": "https://visio.exemple.fr/binome",
        "agenda": "Un point d'étape.",
    }


def _held(o):
    """A session held two days ago, noted after the fact (the world's planned session is in a week)."""
    when = timezone.localtime(o["session"].starts_at - datetime.timedelta(days=9))
    return {"starts_at": when.strftime("%Y-%m-%dT%H:%M"), "actual_duration_minutes": "50", "shared_notes": "Un café."}


def _final(o):
    return {f"objective_{objective.pk}": "3" for objective in o["done"].objectives.all()}


def _mid(o):
    return {f"objective_{objective.pk}": "4" for objective in o["pair"].objectives.all()}


def _sign(o):
    from sessions_binome import selectors_frame

    return {"content_sha256": selectors_frame.content_to_sign(o["signing"])[2], "accept": "on", "password": PASSWORD}


def _answer(o):
    return {f"q{o['question'].pk}": "Une réponse.", "action": "submit"}


def _staff_list():
    return SimpleUploadedFile("actifs.csv", b"email\r\nrh.gironde@assurance-maladie.fr\r\n", content_type="text/csv")


# (URL name, query) → POST body, from the world's objects: what the allowed role would send.
BODIES = {
    ("accounts:person_roles", ""): lambda o: {"is_engineer": "on", "hr_organisations": []},
    ("core:edition_prepare", ""): lambda o: {
        # The world already holds 2027-2028 (opened): the engineer prepares the one after.
        "source": o["next_programme"].pk,
        "slug": "2028-2029",
        "name": "Programme de mentorat 2028-2029",
        "call_opens_at": "2028-07-01T00:00",
        "call_closes_at": "2028-09-12T23:59",
        "starts_on": "2028-10-15",
        "ends_on": "2029-05-15",
        "evaluation_ends_on": "2029-06-30",
        "charter": "copy",
    },
    ("candidatures:import", ""): lambda o: {
        "file": SimpleUploadedFile("import.csv", b"email,first_name\r\n", content_type="text/csv"),
        "dry_run": "on",
    },
    ("sso:leavers", ""): lambda o: {"organisation": o["home"].pk, "staff_file": _staff_list()},
    ("sso:hr_leavers", ""): lambda o: {"organisation": o["home"].pk, "staff_file": _staff_list()},
    ("candidatures:withdraw", ""): lambda o: {"confirm": "on"},
    ("candidatures:relay_kit", ""): lambda o: {"addresses": "nouvelle.personne@assurance-maladie.fr"},
    ("candidatures:review", ""): lambda o: {"decision": "validate", "reason": ""},
    ("candidatures:bulk_validate", ""): lambda o: {"application": [o["review_me"].pk]},
    ("candidatures:call_settings", ""): lambda o: {
        "call_opens_at": "2026-07-01T00:00",
        "call_closes_at": "2026-09-12T23:59",
        "p1_mentee_max_manager_months": "24",
        "p1_mentor_min_manager_years": "3",
        "p2_mentor_min_experience_years": "5",
    },
    ("matching:choose", ""): lambda o: {"message": "Bonjour."},
    ("matching:ask_question", ""): lambda o: {f"q{o['fresh_proposal'].pk}-body": "Quel est votre rythme ?"},
    ("matching:question_answer", ""): lambda o: {"answer": "Une séance par mois, le jeudi."},
    ("matching:change_mentor", ""): lambda o: {"reason": "Nos attentes diffèrent.", "confirm": "on"},
    ("matching:mentor_end_pair", ""): lambda o: {"reason": "Je change de poste.", "confirm": "on"},
    ("matching:request_answer", ""): lambda o: {"answer": "decline", "reason": "Pas disponible."},
    ("matching:engineer_pair_end", ""): lambda o: {"reason": "Fin demandée par le binôme."},
    ("matching:settings", ""): lambda o: {
        **{f"weight_{name}": "2" for name in ("themes", "objectives", "branch", "experience", "availability")},
        "weight_preferences": "1",
        "exposure_factor": "1.5",
        "proposals_per_mentee": "4",
        "mentor_confirmation_days": "5",
    },
    ("matching:proposal_add", ""): lambda o: {
        "mentee": o["waiting_proposal"].mentee_id,
        "mentor_email": "libre@caf.fr",
    },
    ("matching:proposal_search", ""): lambda o: {"mentor": o["waiting_proposal"].mentor_id},
    ("matching:exclusion_add", ""): lambda o: {
        "mentee": o["waiting_proposal"].mentee_id,
        "mentor_email": "libre@caf.fr",
        "reason": "Lien de travail.",
    },
    ("matching:run_publish", ""): lambda o: {"confirm": "on"},
    ("sessions_binome:frame", ""): _frame,
    ("sessions_binome:charter", ""): _sign,
    ("sessions_binome:mid_assessment", ""): _mid,
    ("sessions_binome:session_shared_notes", ""): lambda o: {"shared_notes": "Ce que nous retenons."},
    ("sessions_binome:pair_closing", ""): lambda o: {**_final(o), "takeaway": "Ce que je retiens du mentorat."},
    ("sessions_binome:session_new", ""): _session,
    ("sessions_binome:session_edit", ""): _session,
    ("sessions_binome:session_log", ""): lambda o: {"status": "held", "actual_duration_minutes": "60"},
    ("sessions_binome:session_note", ""): lambda o: {"text": "Ce que je veux aborder."},
    ("sessions_binome:session_held", ""): _held,
    ("sessions_binome:session_agenda", ""): lambda o: {"agenda": "Ce que nous aborderons."},
    ("sessions_binome:session_cancel", ""): lambda o: {"message": "Un empêchement."},
    ("sessions_binome:fit_check", ""): lambda o: {"answer": "yes"},
    ("sessions_binome:session_rating", ""): lambda o: {"score": "3", "comment": "Une séance utile."},
    ("sessions_binome:pair_messages", ""): lambda o: {"body": "Es-tu disponible jeudi ?"},
    ("sessions_binome:engineer_pair_message", ""): lambda o: {"subject": "Un point", "body": "Où en êtes-vous ?"},
    ("sessions_binome:engineer_charter_new", ""): lambda o: {"title": "Charte v3", "body": "## Texte\n\nLa charte."},
    ("sessions_binome:engineer_charter_edit", ""): lambda o: {"title": "Charte v2", "body": "## Texte\n\nRevu."},
    ("resources:create", ""): lambda o: {
        "title": "Nouvelle page",
        "slug": "nouvelle-page",
        "summary": "Résumé.",
        "kind": "page",
        "body": "Du texte.",
        "audience": "everyone",
        "position": "5",
    },
    ("resources:edit", ""): lambda o: {
        "title": "Guide du binôme revu",
        "slug": o["resource"].slug,
        "summary": "Résumé.",
        "kind": "file",
        "audience": "everyone",
        "position": "1",
        "published": "on",
    },
    ("resources:publish", ""): lambda o: {"published": "0"},
    ("resources:training_create", ""): lambda o: {
        "title": "Formation 2",
        "starts_at": "2026-12-02T09:00",
        "duration_minutes": "120",
        "location_or_link": "Paris",
    },
    ("resources:training_edit", ""): lambda o: {
        "title": "Formation des mentors",
        "starts_at": "2026-12-03T09:00",
        "duration_minutes": "90",
        "location_or_link": "Lyon",
    },
    ("resources:attendance", ""): lambda o: {
        "mentor": [o["pair"].mentor.pk],
        "present": [f"{o['training'].pk}-{o['pair'].mentor.pk}"],
    },
    ("notifications:preferences", ""): lambda o: {"enabled": []},
    ("accounts:profile", ""): lambda o: {"first_name": "Anne", "last_name": "Martin", "job_title": "", "phone": ""},
    ("evaluation:answer", ""): _answer,
    ("evaluation:question_create", ""): lambda o: {"kind": "text", "text": "Une question ?", "indicator": ""},
    ("evaluation:question_edit", ""): lambda o: {"kind": "text", "text": "Reformulée ?", "indicator": ""},
    ("evaluation:question_move", ""): lambda o: {"direction": "up"},
    ("evaluation:report_job_create", ""): lambda o: {"include_free_text": ""},
    ("privacy:erasure_confirm", ""): lambda o: {"confirm": "on"},
    # The admin: deleting reference data is what it is for (a staff member may, nobody else).
    ("admin:core_theme_delete", ""): lambda o: {"post": "yes"},
    ("admin:core_organisation_delete", ""): lambda o: {"post": "yes"},
    ("admin:core_branch_change", ""): lambda o: {"code": o["branch"].code, "name": "Maladie (revu)", "position": "1"},
    ("admin:core_branch_add", ""): lambda o: {"code": "test", "name": "Branche de test", "position": "9"},
    ("admin:core_theme_add", ""): lambda o: {"code": "un-theme", "label": "Un thème", "position": "9"},
}


def _no_draft_charter(o):
    from sessions_binome.models import Charter

    Charter.objects.filter(pk=o["draft_charter"].pk).delete()


def _mentee_free_to_choose(o):
    from matching.models import MentorRequest, Proposal
    from sessions_binome.enums import PairStatus
    from sessions_binome.models import Pair

    MentorRequest.objects.filter(pk=o["request"].pk).delete()
    Pair.objects.filter(pk=o["pair"].pk).update(status=PairStatus.ENDED)
    # A mentor the mentee never had, proposed in the published run.
    o["fresh_proposal"] = Proposal.objects.create(
        run=o["run"], mentee=o["pair"].mentee_application, mentor=o["waiting_proposal"].mentor, rank=2, score=0.5
    )


def _pair_at_mid_term(o):
    """The world's pair, framed around today with two objectives: its middle is passed."""
    import datetime

    from sessions_binome.models import PairFrame, PairObjective

    today = timezone.localdate()
    PairFrame.objects.create(
        pair=o["pair"], starts_on=today - datetime.timedelta(days=60), ends_on=today + datetime.timedelta(days=60)
    )
    for position in (1, 2):
        PairObjective.objects.create(pair=o["pair"], position=position, text="Déléguer.", start_assessment=2)


def _session_held(o):
    from sessions_binome.enums import SessionStatus
    from sessions_binome.models import MentoringSession

    MentoringSession.objects.filter(pk=o["past_session"].pk).update(
        status=SessionStatus.HELD, actual_duration_minutes=60
    )


def _mentee_free_to_ask(o):
    from matching.selectors import matching_settings

    _mentee_free_to_choose(o)
    settings = matching_settings(o["programme"])
    settings.questions_enabled = True
    settings.save()


# URL name → a change of the world made (and rolled back) before each role's request, where the
# world cannot hold at once the state one row needs and the state another needs.
PREPARE = {
    # A new charter version is refused while a draft exists (the edit and publish rows need one).
    "sessions_binome:engineer_charter_new": _no_draft_charter,
    # Choosing needs a mentee with no pair and no pending request (the other rows need both), and a
    # proposal of a mentor they never had.
    "matching:choose": _mentee_free_to_choose,
    # The mid-term check-in opens at the middle of the pair's dates; the shared notes after a held session.
    "sessions_binome:mid_assessment": _pair_at_mid_term,
    "sessions_binome:session_shared_notes": _session_held,
    # Asking a proposed mentor a question: the same, in an edition where the engineer allowed it.
    "matching:ask_question": _mentee_free_to_ask,
}


def cells():
    """The rows to test; with MATRIX_RECORD set, every (URL name, method, query) of the project, to
    write down what each role gets (review it before copying it into matrix_rows.py)."""
    if os.environ.get("MATRIX_RECORD"):
        found = []
        for route, name, callback in walk(with_callback=True):
            if name and not route.startswith(DELEGATED_PREFIXES):
                for method in accepted_methods(callback):
                    found.append((name, method, ""))
                    for query in QUERIES.get(name, ()):
                        found.append((name, method, query))
        return sorted(set(found))
    return sorted(EXPECTED)


__all__ = ["BODIES", "PREPARE", "DELEGATED_PREFIXES", "EXPECTED", "cells", "kwargs_for", "query_for"]
