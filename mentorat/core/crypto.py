"""Encryption at rest of confidential text (session notes and agenda, reflections, private
preparation, reasons given for a decline or an early end, free-text survey answers).

Values are Fernet tokens (AES-128-CBC + HMAC-SHA256) with keys from FIELD_ENCRYPTION_KEYS, the first
one encrypting, all of them decrypting, so that keys can be rotated:
add a new key in front, run `python manage.py rotate_encryption_key`, then drop the old key.
"""

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


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
        raise ImproperlyConfigured(
            "A confidential value cannot be decrypted with FIELD_ENCRYPTION_KEYS: a key is missing."
        ) from None


def rotate(value):
    """The same clear text under the current primary key."""
    if value in (None, ""):
        return value
    if not value.startswith(PREFIX):
        return encrypt(value)
    return PREFIX + fernet().rotate(value[len(PREFIX) :].encode()).decode()


class EncryptedTextField(models.TextField):
    """A TextField stored encrypted. Not searchable, by design."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
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
