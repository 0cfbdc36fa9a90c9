"""Walking the URL configuration, and the real objects each route's arguments point to."""

from django.urls import URLPattern, URLResolver, get_resolver

# Routes the admin and allauth guard themselves (their own login, MFA and rate limits): listed here,
# tested by the accounts tests and tests/security/test_admin_login.py, not by the matrix.
DELEGATED_PREFIXES = ("admin/", "comptes/")


def walk(resolver=None, prefix="", namespace="", *, with_callback=False):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + str(entry.pattern), ns, with_callback=with_callback)
        elif isinstance(entry, URLPattern):
            name = (namespace + entry.name) if entry.name else None
            yield (
                (prefix + str(entry.pattern), name, entry.callback)
                if with_callback
                else (prefix + str(entry.pattern), name)
            )


def matrix_names():
    return sorted({name for route, name in walk() if not route.startswith(DELEGATED_PREFIXES)}, key=str)


def delegated_names():
    return sorted({name for route, name in walk() if route.startswith(DELEGATED_PREFIXES)}, key=str)


# URL name → kwargs, from the objects of tests/security/world.py.
KWARGS = {
    "candidatures:apply_from_link": lambda o: {"token": o["relay_token"]},
    "candidatures:invitation_opt_out": lambda o: {"token": o["opt_out_token"]},
    "candidatures:new": lambda o: {"role": "mentee"},
    "candidatures:detail": lambda o: {"pk": o["application"].pk},
    "candidatures:edit": lambda o: {"pk": o["application"].pk},
    "candidatures:withdraw": lambda o: {"pk": o["application"].pk},
    "candidatures:reopen": lambda o: {"pk": o["application"].pk},
    "candidatures:relay_kit": lambda o: {"organisation_id": o["home"].pk},
    "candidatures:relay_link_regenerate": lambda o: {"organisation_id": o["home"].pk},
    "candidatures:tracking": lambda o: {"organisation_id": o["home"].pk},
    "candidatures:review": lambda o: {"pk": o["application"].pk},
    "candidatures:import_job": lambda o: {"pk": o["import_job"].pk},
    "sso:leavers_review": lambda o: {"review_id": o["staff_review"].pk},
    "sso:provider_account_disabled": lambda o: {"provider_id": "cpam-33"},
    "sso:leavers_confirm": lambda o: {"review_id": o["staff_review"].pk},
    "sso:hr_leavers_review": lambda o: {"review_id": o["staff_review"].pk},
    "sso:hr_leavers_confirm": lambda o: {"review_id": o["staff_review"].pk},
    "matching:choose": lambda o: {"proposal_id": o["own_proposal"].pk},
    "matching:cancel_request": lambda o: {"request_id": o["request"].pk},
    "matching:change_mentor": lambda o: {"pair_id": o["pair"].pk},
    "matching:mentor_end_pair": lambda o: {"pair_id": o["pair"].pk},
    "matching:request_answer": lambda o: {"request_id": o["request"].pk},
    "matching:ask_question": lambda o: {"proposal_id": o["own_proposal"].pk},
    "matching:question_answer": lambda o: {"question_id": o["proposal_question"].pk},
    "matching:run_start": lambda o: {"track_id": o["track"].pk},
    "matching:run_detail": lambda o: {"run_id": o["run"].pk},
    "matching:run_progress": lambda o: {"run_id": o["run"].pk},
    "matching:run_mentors": lambda o: {"run_id": o["run"].pk},
    "matching:proposal_add": lambda o: {"run_id": o["run"].pk},
    "matching:proposal_remove": lambda o: {"proposal_id": o["waiting_proposal"].pk},
    "matching:proposal_search": lambda o: {"run_id": o["run"].pk, "mentee_id": o["waiting_proposal"].mentee_id},
    "matching:exclusion_add": lambda o: {"run_id": o["run"].pk},
    "matching:former_mentor_allowance": lambda o: {"run_id": o["run"].pk},
    "matching:run_publish": lambda o: {"run_id": o["run"].pk},
    "matching:run_export": lambda o: {"run_id": o["run"].pk},
    "matching:engineer_pair_end": lambda o: {"pair_id": o["pair"].pk},
    "sessions_binome:pair_detail": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:final_assessment": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:mid_assessment": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:session_shared_notes": lambda o: {"pk": o["session"].pk},
    "sessions_binome:pair_messages": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:fit_check": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:session_rating": lambda o: {"pk": o["session"].pk},
    "sessions_binome:pair_closing": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:pair_archive": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:session_new": lambda o: {"pair_id": o["pair"].pk},
    "sessions_binome:session_edit": lambda o: {"pk": o["session"].pk},
    "sessions_binome:session_cancel": lambda o: {"pk": o["session"].pk},
    "sessions_binome:session_agenda": lambda o: {"pk": o["session"].pk},
    "sessions_binome:session_held": lambda o: {"pair_id": o["pair"].pk},
    "sessions_binome:session_log": lambda o: {"pk": o["session"].pk},
    "sessions_binome:session_note": lambda o: {"pk": o["session"].pk, "kind": "mentee_preparation"},
    "sessions_binome:session_ics": lambda o: {"pk": o["session"].pk},
    "sessions_binome:calendar_feed": lambda o: {"token": o["feed"].token},
    "sessions_binome:engineer_pair_detail": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:engineer_pair_message": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:frame": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:frame_confirm": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:charter": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:charter_pdf": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:certificate": lambda o: {"pk": o["pair"].pk},
    "sessions_binome:engineer_charter_detail": lambda o: {"pk": o["charter"].pk},
    "sessions_binome:engineer_charter_edit": lambda o: {"pk": o["charter"].pk},
    "sessions_binome:engineer_charter_publish": lambda o: {"pk": o["charter"].pk},
    "resources:detail": lambda o: {"slug": o["resource"].slug},
    "resources:file": lambda o: {"slug": o["resource"].slug},
    "resources:edit": lambda o: {"pk": o["resource"].pk},
    "resources:publish": lambda o: {"pk": o["resource"].pk},
    "resources:delete": lambda o: {"pk": o["resource"].pk},
    "resources:training_edit": lambda o: {"pk": o["training"].pk},
    "resources:training_delete": lambda o: {"pk": o["training"].pk},
    "notifications:open": lambda o: {"pk": o["notification"].pk},
    "notifications:unsubscribe": lambda o: {"token": o["unsubscribe_token"]},
    "evaluation:answer": lambda o: {"survey_id": o["survey"].pk},
    "evaluation:my_response": lambda o: {"response_id": o["response"].pk},
    "evaluation:survey_detail": lambda o: {"survey_id": o["survey"].pk},
    "evaluation:survey_preview": lambda o: {"survey_id": o["survey"].pk},
    "evaluation:question_create": lambda o: {"survey_id": o["survey"].pk},
    "evaluation:question_edit": lambda o: {"question_id": o["question"].pk},
    "evaluation:question_delete": lambda o: {"question_id": o["question"].pk},
    "evaluation:question_move": lambda o: {"question_id": o["question"].pk},
    # A theme of the indicators: the engineer's report tab, the questionnaires for HR (every theme of
    # both is tested in tests/evaluation/test_indicator_pages.py).
    "evaluation:engineer_indicators_theme": lambda o: {"theme": "rapport"},
    "evaluation:hr_indicators_theme": lambda o: {"theme": "questionnaires"},
    "evaluation:report_job_progress": lambda o: {"job_id": o["job"].pk},
    "evaluation:report_job_download": lambda o: {"job_id": o["job"].pk, "kind": "pdf"},
    "outbox:resend": lambda o: {"pk": o["email"].pk},
    "privacy:erasure_confirm": lambda o: {"user_id": o["pair"].mentee.pk},
    "accounts:person_roles": lambda o: {"user_id": o["pair"].mentee.pk},
    "accounts:person_password_reset": lambda o: {"user_id": o["pair"].mentee.pk},
    "core:edition_open": lambda o: {"pk": o["pair"].programme_id},
    "core:edition_archive": lambda o: {"pk": o["pair"].programme_id},
}
