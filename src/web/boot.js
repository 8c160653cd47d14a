// Starts the wasm app. Trunk's default loader is an inline <script>, which a strict
// Content-Security-Policy (script-src 'self', no 'unsafe-inline') refuses; this file is
// served from the site itself instead. Trunk.toml's `pattern_script` emits
//   <script type="module" src="/boot.js" data-js="/app-HASH.js" data-wasm="/app-HASH_bg.wasm">
// so the hashed file names stay in the HTML and this file never changes between builds.
const tag = document.querySelector("script[data-wasm][data-js]");
const { default: init, ...bindings } = await import(tag.dataset.js);
const wasm = await init({ module_or_path: tag.dataset.wasm });
// As Trunk's own loader does: the bindings for debugging, and an event when the app runs.
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
