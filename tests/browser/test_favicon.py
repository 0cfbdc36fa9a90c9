"""The icon as a browser gets it from the live server: the page's icon link and /favicon.ico both
end on the SVG file, which the Content Security Policy (img-src 'self') lets through."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_browser_gets_the_platforms_icon(new_page, open_programme):
    page = new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto("/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    for url in (href, "/favicon.ico"):
        response = page.request.get(url)
        assert response.status == 200, url
        assert response.headers["content-type"].startswith("image/svg+xml"), url
        assert b'fill="#1d3f8f"' in response.body()
    # The icon drawn in an <img> of the page itself: allowed by the policy, and decoded.
    size = page.evaluate(
        """href => new Promise(resolve => {
            const image = new Image();
            image.onload = () => resolve([image.naturalWidth, image.naturalHeight]);
            image.onerror = () => resolve(null);
            image.src = href;
        })""",
        href,
    )
    assert size and size[0] > 0, size
    assert not [text for text in messages if "Content Security Policy" in text], messages
