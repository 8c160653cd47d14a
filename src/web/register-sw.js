// Registers the offline service worker (sw.js). A file of its own, not inline script, so the
// page's Content-Security-Policy (script-src 'self') allows it. Registration waits for the
// page to finish loading so the worker's first fetches do not compete with the app's own.
// Where service workers are unavailable (plain http on another host, some private modes) the
// app simply works online only.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker
      .register('sw.js')
      .catch((e) => console.warn('ICS What-If: offline use is unavailable:', e.message));
  });
}
