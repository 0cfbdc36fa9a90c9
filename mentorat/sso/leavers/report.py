"""A provider reports an account it disabled: POST /connexion/organisme/<provider id>/compte-desactive/
with `Authorization: Bearer <token>` (SSO_REPORT_TOKENS) and `{"email": "..."}`. The person is
deactivated at once by the same service as the leavers lists (services.leaver_deactivate); the
provider can only report addresses of the domains it owns. For the directories that cannot call out,
`manage.py sso_disabled_accounts` reads an export of them instead."""

import hmac
import json

from allauth.socialaccount.adapter import get_adapter
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log

from ..providers import PROTOCOLS, email_domain, owns_domain
from .services import leaver_reported

MAX_BODY_BYTES = 4096


def _app(request, provider_id):
    for protocol in PROTOCOLS:
        for app in get_adapter().list_apps(request, provider=protocol):
            if (app.provider_id or app.client_id) == provider_id:
                return app
    return None


def _token_matches(request, expected):
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    # Constant time: the comparison says nothing of how much of the token was right.
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), str(expected).encode())


def _refused(request, provider_id, reason, status):
    audit_log(AuditAction.LEAVER_REPORT_REFUSED, request=request, target=f"provider:{provider_id}", reason=reason)
    response = JsonResponse({"error": reason}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="mentorat"'
    return response


def _reported_email(request):
    if len(request.body) > MAX_BODY_BYTES:
        raise ValidationError("body_too_large")
    try:
        email = json.loads(request.body or b"{}").get("email", "")
    except (ValueError, AttributeError) as error:
        raise ValidationError("invalid_json") from error
    if not isinstance(email, str):
        raise ValidationError("invalid_email")
    validate_email(email.strip())
    return email.strip().lower()


@csrf_exempt  # no cookie authenticates this request: the bearer token does
@login_not_required
@require_POST
def provider_account_disabled(request, provider_id):
    expected = settings.SSO_REPORT_TOKENS.get(provider_id)
    app = _app(request, provider_id) if expected else None
    if app is None:
        raise Http404  # a provider without a token cannot report
    if not _token_matches(request, expected):
        return _refused(request, provider_id, "invalid_token", 401)
    try:
        email = _reported_email(request)
    except ValidationError:
        return _refused(request, provider_id, "invalid_email", 400)
    if not owns_domain(app, email_domain(email)):
        return _refused(request, provider_id, "domain_not_owned", 403)
    return JsonResponse({"result": leaver_reported(provider_id=provider_id, email=email)})
