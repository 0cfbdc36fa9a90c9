"""The real OpenID Connect provider and its helpers live in tests/sso/idp.py (the browser test uses
them too); the SAML provider the tests play themselves in saml_idp.py and saml_flow.py."""

from .idp import oidc_idp, sso_settings  # noqa: F401
from .saml_flow import idp_keys, saml_client, saml_settings  # noqa: F401
