"""The beat schedule is in code, in UTC, and every scheduled name is a registered task."""

from celery.schedules import crontab
from django.conf import settings

from mentorat.celery import app


def test_every_scheduled_name_resolves_to_a_registered_task():
    app.loader.import_default_modules()
    names = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "notifications.scan_reminders" in names
    assert [name for name in names if name not in app.tasks] == []


def test_the_schedule_is_in_utc_and_the_scan_runs_hourly():
    assert (settings.CELERY_TIMEZONE, settings.CELERY_ENABLE_UTC) == ("UTC", True)
    scan = settings.CELERY_BEAT_SCHEDULE["scan-reminders"]["schedule"]
    assert isinstance(scan, crontab)
    assert scan.minute == {5} and len(scan.hour) == 24
