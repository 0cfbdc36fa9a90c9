// Runs pa11y (HTML_CodeSniffer) on a list of pages with one Chromium, for tests/browser/test_pa11y.py.
// Reads on stdin:
//   {"chromium": path, "args": [...], "standard": "WCAG2AA",
//    "pages": [{"name", "url", "cookies": [{"name", "value"}], "submitEmpty": button selector or null}]}
// and prints on stdout {"versions": {...}, "pages": [{"name", "url", "finalUrl", "status", "errorsShown",
// "tablesWithTwoHeaderRows", "milliseconds", "issues"}]}.
// Each page opens in its own browser context, so that one role's session never leaks into another's.
// `submitEmpty` sends the page's form empty, the browser's own checks off, so that pa11y reads the
// form as the server gives it back with its error messages.
'use strict';

const fs = require('fs');
const path = require('path');
const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

const TIMEOUT = 30000;

function versionOf(name) {
	// The copy pa11y itself loads, wherever npm put it.
	const manifest = require.resolve(`${name}/package.json`, {paths: [path.dirname(require.resolve('pa11y'))]});
	return JSON.parse(fs.readFileSync(manifest, 'utf-8')).version;
}

async function open(tab, page) {
	const response = await tab.goto(page.url, {waitUntil: 'load', timeout: TIMEOUT});
	if (!page.submitEmpty) {
		return response;
	}
	await tab.$eval(page.submitEmpty, button => {
		button.form.noValidate = true;
	});
	const [answer] = await Promise.all([
		tab.waitForNavigation({waitUntil: 'load', timeout: TIMEOUT}),
		tab.click(page.submitEmpty)
	]);
	return answer;
}

async function check(browser, page, standard) {
	const context = await browser.createBrowserContext();
	try {
		if (page.cookies && page.cookies.length) {
			const {hostname} = new URL(page.url);
			await context.setCookie(...page.cookies.map(cookie => ({...cookie, domain: hostname, path: '/'})));
		}
		const tab = await context.newPage();
		const started = Date.now();
		const response = await open(tab, page);
		const results = await pa11y(page.url, {
			browser,
			page: tab,
			ignoreUrl: true,
			runners: ['htmlcs'],
			standard,
			includeWarnings: true,
			includeNotices: true,
			timeout: TIMEOUT,
			log: {debug() {}, info() {}, error: message => process.stderr.write(`${message}\n`)}
		});
		return {
			name: page.name,
			url: page.url,
			finalUrl: tab.url(),
			status: response ? response.status() : null,
			errorsShown: Boolean(await tab.$('#contenu [aria-invalid=true], #contenu [role=alert]')),
			tablesWithTwoHeaderRows: await tab.$$eval('table', tables => tables.filter(
				table => table.querySelectorAll('thead tr').length > 1).length),
			milliseconds: Date.now() - started,
			issues: results.issues.map(({code, type, message, selector, context: html}) => ({
				code, type, message, selector, context: html
			}))
		};
	} finally {
		await context.close();
	}
}

async function main() {
	const input = JSON.parse(fs.readFileSync(0, 'utf-8'));
	const browser = await puppeteer.launch({executablePath: input.chromium, args: input.args, headless: true});
	try {
		const pages = [];
		for (const page of input.pages) {
			pages.push(await check(browser, page, input.standard));
		}
		const versions = {
			pa11y: versionOf('pa11y'),
			html_codesniffer: versionOf('@pa11y/html_codesniffer'),
			axe_core: versionOf('axe-core'),
			puppeteer: versionOf('puppeteer'),
			chromium: await browser.version()
		};
		process.stdout.write(JSON.stringify({versions, pages}));
	} finally {
		await browser.close();
	}
}

main().catch(error => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
