// Offline use: after one visit the app opens with no network (a workshop room without
// Wi-Fi, a train). Copied to the site's root by index.html, so its scope is the whole app,
// and registered by register-sw.js.
//
// Trunk gives every build new hashed file names, so nothing here lists them. On install the
// worker fetches the page and caches every same-origin file the page names (stylesheet,
// loader, JavaScript and wasm); later, whatever the page fetches is cached as it goes by.
// - The page itself (navigations): network first, so a new build is picked up at once;
//   from the cache when the network fails. Links carry scenarios in the query string, so
//   the page is cached and found without it.
// - Everything else on this origin: cache first (hashed names never change content).
// - When a fresh page arrives, cached files it no longer names are deleted, so old builds
//   do not pile up; on activate, caches of older versions of this worker are deleted.

const VERSION = 'v1';
const PREFIX = 'ics-whatif-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(request.mode === 'navigate' ? networkFirst(request) : cacheFirst(request));
});

/** The page's address without query or fragment: one cache entry serves every link. */
function pageKey(url) {
  const key = new URL(url);
  key.search = '';
  key.hash = '';
  return key.href;
}

/** Same-origin files the page names in src, href or data-* attributes (Trunk's hashed
 *  stylesheet, script and wasm, the loader, this worker's registration). */
function namedFiles(html, pageUrl) {
  const urls = new Set();
  for (const [, value] of html.matchAll(/\s(?:href|src|data-[\w-]+)="([^"]+)"/g)) {
    let url;
    try {
      url = new URL(value, pageUrl);
    } catch {
      continue;
    }
    if (url.origin === self.location.origin) urls.add(pageKey(url));
  }
  urls.delete(pageKey(pageUrl));
  return urls;
}

async function precache() {
  const cache = await caches.open(CACHE);
  const page = pageKey(self.registration.scope);
  const response = await fetch(page, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`offline cache: ${page} answered ${response.status}`);
  await refresh(cache, page, response);
}

/** Stores a fresh copy of the page, fetches the files it names that are not cached yet, and
 *  drops cached files it no longer names. A file that fails to load is skipped: it will be
 *  cached when the page fetches it. */
async function refresh(cache, page, response) {
  const html = await response.clone().text();
  await cache.put(page, response);
  const named = namedFiles(html, page);
  await Promise.allSettled(
    [...named].map(async (url) => {
      if (await cache.match(url)) return;
      const file = await fetch(url);
      if (file.ok) await cache.put(url, file);
    }),
  );
  for (const request of await cache.keys()) {
    const url = pageKey(request.url);
    if (url !== page && !named.has(url)) await cache.delete(request);
  }
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const page = pageKey(request.url);
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) {
      await refresh(cache, page, response.clone());
    }
    return response;
  } catch (offline) {
    const cached =
      (await cache.match(page)) || (await cache.match(pageKey(self.registration.scope)));
    if (cached) return cached;
    throw offline;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(pageKey(request.url), response.clone());
  return response;
}
