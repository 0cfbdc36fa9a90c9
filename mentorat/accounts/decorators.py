from functools import wraps

from django.core.exceptions import PermissionDenied

from .perms import user_roles


def role_required(*roles):
    """The view answers 403 to a logged-in person who holds none of `roles`.

    Anonymous people never get here: LoginRequiredMiddleware sends them to the login page.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not user_roles(request.user) & set(roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
