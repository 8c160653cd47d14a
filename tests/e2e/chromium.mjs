// What every browser script here shares: Debian's Chromium with the flags that keep it off
// the network (TOOLCHAIN.md; Playwright adds --headless), where screenshots go, and the
// served app's URL (scripts/test.sh serves dist/ and sets ICS_E2E_URL). Not a test file:
// `node --test` runs only *.test.mjs.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const appUrl = process.env.ICS_E2E_URL;

export const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

export function ensureArtifacts() {
  mkdirSync(artifacts, { recursive: true });
  return artifacts;
}

export function launchChromium(options = {}) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs, ...options });
}

/** Collects a page's uncaught errors and console errors into `errors` and returns it. A
 *  plain file page of the site asks for a favicon the site does not have (the app's own page
 *  declares none): that is not an error of the app. */
export function collectErrors(page, errors = []) {
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && errors.push(m.text()));
  return errors;
}
