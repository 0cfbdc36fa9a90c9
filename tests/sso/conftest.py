"""The real OpenID Connect provider and its helpers live in tests/sso/idp.py (the browser test uses
them too)."""

from .idp import oidc_idp, sso_settings  # noqa: F401
