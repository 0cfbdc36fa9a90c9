"""The Permissions-Policy header as Chromium reads it: every feature named is understood (an unknown
one is reported on each page's console) and refused to the page."""

import pytest

from mentorat.core.middleware import PERMISSIONS_POLICY

pytestmark = pytest.mark.django_db(transaction=True)


def test_chromium_understands_the_policy_and_refuses_camera_microphone_and_location(new_page, open_programme):
    page = new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    response = page.goto("/accessibilite/")
    assert response.headers["permissions-policy"] == PERMISSIONS_POLICY
    features = [item.split("=", 1)[0] for item in PERMISSIONS_POLICY.split(", ")]
    allowed = page.evaluate(
        "features => features.map(f => [f, document.featurePolicy.allowedFeatures().includes(f)])", features
    )
    known = set(page.evaluate("() => document.featurePolicy.features()"))
    assert not [feature for feature in features if feature not in known], "features Chromium does not know"
    assert not [feature for feature, is_allowed in allowed if is_allowed], allowed
    # The same browser without the header allows them: the check above can fail.
    assert page.evaluate("() => document.featurePolicy.allowedFeatures().includes('fullscreen')")
    assert not [text for text in messages if "Permissions-Policy" in text or "Unrecognized feature" in text], messages
    denied = page.evaluate("() => navigator.permissions.query({name: 'geolocation'}).then(s => s.state)")
    assert denied == "denied"
