"""Re-authentication before sensitive actions (exports, data download): the person types the password
again if they have not done so in the last few minutes (allauth's REAUTHENTICATION_TIMEOUT)."""

from allauth.account.internal.flows import reauthentication
from django.urls import reverse


def reauthentication_redirect(request):
    """None when the person re-authenticated recently; else the redirect to the password prompt,
    which brings them back to this very URL afterwards."""
    if reauthentication.did_recently_reauthenticate(request):
        return None
    return reauthentication.suspend_request(request, reverse("account_reauthenticate"))


def reauthentication_required_for_export(view):
    """For views that export when `?export=` is present: the export needs a fresh password."""
    from functools import wraps

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.GET.get("export"):
            redirect = reauthentication_redirect(request)
            if redirect is not None:
                return redirect
        return view(request, *args, **kwargs)

    return wrapper
