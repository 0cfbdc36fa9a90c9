"""Encryption at rest of confidential text (session notes and agenda, reflections, private
preparation, reasons given for a decline or an early end, free-text survey answers).

Values are Fernet tokens (AES-128-CBC + HMAC-SHA256) with keys from FIELD_ENCRYPTION_KEYS, the first
one encrypting, all of them decrypting, so that keys can be rotated:
add a new key in front, run `python manage.py rotate_encryption_key --wet-run`, then drop the old key.
The keys are never in the backups (README, "Sauvegarde et restauration"): without the key a value was
written with, that value is lost.
"""

import base64
import hashlib
import logging
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

PREFIX = "fernet:"
# What a page shows in place of a value that no configured key can decrypt.
UNREADABLE = _("[contenu illisible : clé de chiffrement manquante]")


class KeyMissing(ImproperlyConfigured):
    """A stored value that none of FIELD_ENCRYPTION_KEYS decrypts."""


def derived_demo_key(secret):
    """The key used when FIELD_ENCRYPTION_KEYS is not set (local demo and tests only)."""
    return base64.urlsafe_b64encode(hashlib.sha256(f"mentorat-field-encryption:{secret}".encode()).digest()).decode()


@lru_cache(maxsize=4)
def _fernet(keys):
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty")
    return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])


def fernet():
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text):
    if text in (None, ""):
        return text
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt(value):
    if value in (None, "") or not value.startswith(PREFIX):
        return value  # empty, or written before encryption was switched on
    try:
        return fernet().decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise KeyMissing(
            "A confidential value cannot be decrypted with FIELD_ENCRYPTION_KEYS: a key is missing."
        ) from None


def key_fingerprint(key):
    """A short public name of a key, for manifests and logs: its SHA-256, never the key itself
    (a hash of 256 random bits tells nothing about them)."""
    key = key.decode() if isinstance(key, bytes) else key
    return hashlib.sha256(f"mentorat-key-fingerprint:{key}".encode()).hexdigest()[:16]


def key_fingerprints():
    """The fingerprints of FIELD_ENCRYPTION_KEYS, in their order (the first one encrypts)."""
    return [key_fingerprint(key) for key in settings.FIELD_ENCRYPTION_KEYS]


def decrypting_key(value):
    """The fingerprint of the configured key that decrypts a stored value, or None when none does."""
    for key in settings.FIELD_ENCRYPTION_KEYS:
        try:
            Fernet(key.encode() if isinstance(key, str) else key).decrypt(value[len(PREFIX) :].encode())
        except InvalidToken:
            continue
        return key_fingerprint(key)
    return None


def written_with_first_key(value):
    """Whether a stored value is encrypted with the first key, the one that encrypts: the rotation
    has nothing to do for it."""
    if not value.startswith(PREFIX):
        return False
    key = settings.FIELD_ENCRYPTION_KEYS[0]
    try:
        Fernet(key.encode() if isinstance(key, str) else key).decrypt(value[len(PREFIX) :].encode())
    except InvalidToken:
        return False
    return True


def rotate(value):
    """The same clear text under the current primary key."""
    if value in (None, ""):
        return value
    if not value.startswith(PREFIX):
        return encrypt(value)
    try:
        return PREFIX + fernet().rotate(value[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise KeyMissing(
            "A confidential value cannot be decrypted with FIELD_ENCRYPTION_KEYS: a key is missing."
        ) from None


class UnreadableText(str):
    """A stored value that no configured key decrypts, as the object reads it: the placeholder text
    (pages show it instead of failing), carrying the stored token so that saving the object writes
    the token back as it was: the missing key may come back."""

    def __new__(cls, token):
        text = super().__new__(cls, str(UNREADABLE))
        text.token = token
        return text

    def __reduce__(self):
        return (UnreadableText, (self.token,))


class _EncryptedAttribute(DeferredAttribute):
    def __set__(self, instance, value):
        current = instance.__dict__.get(self.field.attname)
        # A form that showed the placeholder sends it back unchanged: keep the stored token rather
        # than encrypting the placeholder over it.
        if isinstance(current, UnreadableText) and not isinstance(value, UnreadableText) and value == current:
            return
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):
    """A TextField stored encrypted. Not searchable, by design."""

    descriptor_class = _EncryptedAttribute

    def from_db_value(self, value, expression, connection):
        try:
            return decrypt(value)
        except KeyMissing:
            # One unreadable value must not turn a whole page into a 500; the start-up check
            # (mentorat/core/checks.py) is what stops a platform whose keys are wrong.
            logger.error(
                "%s: a stored value cannot be decrypted with FIELD_ENCRYPTION_KEYS (the key it was "
                "written with is missing); shown as unreadable",
                f"{self.model._meta.label}.{self.name}" if hasattr(self, "model") else self.name,
            )
            return UnreadableText(value)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        if isinstance(value, UnreadableText):
            return value.token
        value = super().get_prep_value(value)
        return encrypt(value)


def encrypted_fields():
    """Every (model, field) stored encrypted: used by the key rotation and its tests."""
    from django.apps import apps

    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField)
    ]
