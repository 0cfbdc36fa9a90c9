"""A SAML identity provider made by the test itself: a key, its certificate, signed assertions
(python3-saml's own signing, xmlsec underneath) answering the platform's AuthnRequest, and signed
single logout messages (HTTP-Redirect binding: the signature of the query, python3-saml's way)."""

import base64
import datetime
import uuid
import zlib
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.constants import OneLogin_Saml2_Constants
from onelogin.saml2.utils import OneLogin_Saml2_Utils

IDP_ENTITY_ID = "https://idp.caf-test.fr/saml"
SSO_URL = "https://idp.caf-test.fr/saml/sso"
SLO_URL = "https://idp.caf-test.fr/saml/slo"
PASSWORD_CONTEXT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"


def key_and_certificate(common_name="idp.caf-test.fr"):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM).decode()


def read_authn_request(redirect_url):
    """The ID and the ACS URL of the AuthnRequest the platform sent (HTTP-Redirect binding)."""
    query = parse_qs(urlsplit(redirect_url).query)
    xml = zlib.decompress(base64.b64decode(query["SAMLRequest"][0]), -15)
    root = etree.fromstring(xml)
    return root.get("ID"), root.get("AssertionConsumerServiceURL"), query.get("RelayState", [""])[0]


def _instant(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def saml_response(
    *,
    key,
    cert,
    in_response_to,
    acs_url,
    audience,
    email,
    first_name="Camille",
    last_name="Durand",
    lifetime=300,
    authn_context=PASSWORD_CONTEXT,
    sign_response=False,
    extra_attributes=None,
):
    """A Response whose Assertion is signed with (key, cert) (and the Response itself if `sign_response`);
    returned as the XML text."""
    now = datetime.datetime.now(datetime.UTC)
    later = now + datetime.timedelta(seconds=lifetime)
    assertion_id = "_" + uuid.uuid4().hex
    extra = "".join(
        f'<saml:Attribute Name="{name}"><saml:AttributeValue>{value}</saml:AttributeValue></saml:Attribute>'
        for name, value in (extra_attributes or {}).items()
    )
    in_response = f' InResponseTo="{in_response_to}"' if in_response_to else ""
    assertion = f"""<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{assertion_id}" Version="2.0" IssueInstant="{_instant(now)}">
<saml:Issuer>{IDP_ENTITY_ID}</saml:Issuer>
<saml:Subject>
<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{email}</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<saml:SubjectConfirmationData NotOnOrAfter="{_instant(later)}" Recipient="{acs_url}"{in_response}/>
</saml:SubjectConfirmation>
</saml:Subject>
<saml:Conditions NotBefore="{_instant(now - datetime.timedelta(seconds=30))}" NotOnOrAfter="{_instant(later)}">
<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>
</saml:Conditions>
<saml:AuthnStatement AuthnInstant="{_instant(now)}" SessionIndex="{assertion_id}">
<saml:AuthnContext><saml:AuthnContextClassRef>{authn_context}</saml:AuthnContextClassRef></saml:AuthnContext>
</saml:AuthnStatement>
<saml:AttributeStatement>
<saml:Attribute Name="urn:oid:0.9.2342.19200300.100.1.3"><saml:AttributeValue>{email}</saml:AttributeValue></saml:Attribute>
<saml:Attribute Name="urn:oid:2.5.4.42"><saml:AttributeValue>{first_name}</saml:AttributeValue></saml:Attribute>
<saml:Attribute Name="urn:oid:2.5.4.4"><saml:AttributeValue>{last_name}</saml:AttributeValue></saml:Attribute>
{extra}
</saml:AttributeStatement>
</saml:Assertion>"""
    signed = OneLogin_Saml2_Utils.add_sign(assertion, key, cert) if key else assertion.encode()
    if isinstance(signed, bytes):
        signed = signed.decode()
    signed = signed.replace('<?xml version="1.0"?>', "").strip()
    response = f"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{_instant(now)}" Destination="{acs_url}"{in_response}>
<saml:Issuer>{IDP_ENTITY_ID}</saml:Issuer>
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
{signed}
</samlp:Response>"""
    if not sign_response:
        return response
    signed_response = OneLogin_Saml2_Utils.add_sign(response, key, cert)
    if isinstance(signed_response, bytes):
        signed_response = signed_response.decode()
    return signed_response.replace('<?xml version="1.0"?>', "").strip()


def encoded(xml):
    return base64.b64encode(xml.encode()).decode()


def read_logout_request(redirect_url):
    """The LogoutRequest the platform sent (HTTP-Redirect binding): its XML root and RelayState."""
    query = parse_qs(urlsplit(redirect_url).query)
    xml = zlib.decompress(base64.b64decode(query["SAMLRequest"][0]), -15)
    return etree.fromstring(xml), query.get("RelayState", [""])[0]


def _redirect_binding(kind, xml, key, relay_state):
    """The query of a message sent by HTTP-Redirect: deflated, base64, and the query signed by `key`
    (none if `key` is empty)."""
    data = {kind: OneLogin_Saml2_Utils.deflate_and_base64_encode(xml)}
    if relay_state:
        data["RelayState"] = relay_state
    if key:
        algorithm = OneLogin_Saml2_Constants.RSA_SHA256
        signed_query = OneLogin_Saml2_Auth._build_sign_query(data[kind], data.get("RelayState"), algorithm, kind)
        data["SigAlg"] = algorithm
        data["Signature"] = OneLogin_Saml2_Utils.b64encode(OneLogin_Saml2_Utils.sign_binary(signed_query, key))
    return data


def logout_response(*, key, in_response_to, destination, relay_state="", status="Success"):
    """The provider's answer to the platform's LogoutRequest, as the query the browser brings back."""
    xml = f"""<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{_instant(datetime.datetime.now(datetime.UTC))}" Destination="{destination}" InResponseTo="{in_response_to}">
<saml:Issuer>{IDP_ENTITY_ID}</saml:Issuer>
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:{status}"/></samlp:Status>
</samlp:LogoutResponse>"""
    return _redirect_binding("SAMLResponse", xml, key, relay_state)


def logout_request(*, key, destination, email, session_index):
    """A LogoutRequest the provider starts (the person logged out of another application)."""
    xml = f"""<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{_instant(datetime.datetime.now(datetime.UTC))}" Destination="{destination}">
<saml:Issuer>{IDP_ENTITY_ID}</saml:Issuer>
<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{email}</saml:NameID>
<samlp:SessionIndex>{session_index}</samlp:SessionIndex>
</samlp:LogoutRequest>"""
    return _redirect_binding("SAMLRequest", xml, key, "")
