"""What the outbox tells the rest of the platform; it knows nothing of reminders itself.

Both carry the e-mail's `claim_id` (None for an e-mail that delivers no reminder)."""

from django.dispatch import Signal

# The SMTP server accepted the e-mail. Arguments: email, claim_id.
email_sent = Signal()
# The e-mail was given up (a permanent refusal, or temporary failures for a day). Arguments: email,
# claim_id, error.
email_failed = Signal()
