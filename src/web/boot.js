// Starts the wasm app. Trunk's default loader is an inline <script>, which a strict
// Content-Security-Policy (script-src 'self', no 'unsafe-inline') refuses; this file is
// served from the site itself instead. Trunk.toml's `pattern_script` emits
//   <script type="module" src="/boot.js" data-js="/app-HASH.js" data-wasm="/app-HASH_bg.wasm">
// so the hashed file names stay in the HTML and this file never changes between builds.
// If it cannot start (a browser without WebAssembly, a file that did not arrive), the page
// says so in place of the loading line, rather than staying blank.
const tag = document.querySelector("script[data-wasm][data-js]");
try {
  const { default: init, ...bindings } = await import(tag.dataset.js);
  const wasm = await init({ module_or_path: tag.dataset.wasm });
  // As Trunk's own loader does: the bindings for debugging, and an event when the app runs.
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
} catch (error) {
  console.error("ICS What-If could not start:", error);
  const box = document.createElement("div");
  box.className = "boot-error";
  box.setAttribute("role", "alert");
  box.dataset.control = "boot-error";
  const line = document.createElement("p");
  line.textContent =
    "ICS What-If could not start in this browser. It needs a recent version of Chrome, Edge, " +
    "Firefox or Safari with WebAssembly turned on. Scenarios saved in this browser are kept; " +
    "reloading the page may help if the connection dropped.";
  const detail = document.createElement("p");
  detail.textContent = `(${error?.message ?? error})`;
  box.append(line, detail);
  const app = document.getElementById("app") ?? document.body;
  app.replaceChildren(box);
}
