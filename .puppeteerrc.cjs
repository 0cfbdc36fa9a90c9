// pa11y drives the system's Chromium (/usr/bin/chromium, a Debian package): puppeteer must not
// download a browser of its own at install time (this machine reaches no download host).
module.exports = { skipDownload: true };
