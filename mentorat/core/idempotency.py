"""Forms that create something answer a double submit or a retry with the first result.

Each such form carries a fresh token (`{% form_token %}`); the view is wrapped by `@idempotent_post`.
The first POST with a token writes a FormSubmission row in the view's own transaction, then runs the
view; a second POST with the same token waits on the row's unique key until the first one commits,
then finds the result and is sent there ("already done"), doing nothing. A POST whose answer is not
a redirect (form errors, a report page) forgets its token, so that the corrected form can be sent
again. POSTs without a token (old pages, other clients) run as before.
"""

import datetime
import uuid
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FormSubmission

FIELD = "form_token"
KEPT_FOR = datetime.timedelta(days=1)


def new_token():
    return str(uuid.uuid4())


def _token(request):
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def _claim(token, request):
    """True when this request is the first with the token. A concurrent first request holds the
    row's key: PostgreSQL makes this insert wait until that request commits or rolls back."""
    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token, user=request.user, path=request.path[:300])
    except IntegrityError:
        return False
    return True


def idempotent_post(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = _token(request)
        if token is None:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            if not _claim(token, request):
                location = (
                    FormSubmission.objects.filter(token=token, user=request.user)
                    .values_list("location", flat=True)
                    .first()
                )
                if location:
                    messages.info(request, _("Ce formulaire avait déjà été envoyé : voici le résultat."))
                    return redirect(location)
                return view(request, *args, **kwargs)
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303) and response.has_header("Location"):
                FormSubmission.objects.filter(token=token).update(location=response["Location"][:500])
            else:
                FormSubmission.objects.filter(token=token).delete()
            return response

    return wrapper


def form_submissions_purge(*, now=None):
    now = now or timezone.now()
    deleted, _detail = FormSubmission.objects.filter(created_at__lt=now - KEPT_FOR).delete()
    return deleted
