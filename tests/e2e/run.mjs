// Runs every end-to-end file here (*.test.mjs, found afresh each time, so a new file is run
// without being listed) as `node --test` does, each file in its own process, but two files at
// a time (E2E_CONCURRENCY, default 2) and the largest files first, so that a long file does
// not start last and run alone at the end. Prints the spec reporter's output, then each
// file's time (slowest first), and exits non-zero if any test failed or no test ran.
// scripts/test.sh calls it with ICS_E2E_URL set to the served dist/:
//   ICS_E2E_URL=http://127.0.0.1:8121/ node tests/e2e/run.mjs [FILE.test.mjs ...]
// Why two at a time: a file spends much of its time waiting on the browser (a Monte Carlo
// fan filling in, a page loading), and on 2 cores a second file uses the other core (README.ci7.md
// has the measurements). Node 20's own `node --test --test-concurrency=2` would do the same but
// sorts the files by name, which leaves a long file to run alone at the end.
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const here = dirname(fileURLToPath(import.meta.url));
const named = process.argv.slice(2).map((f) => resolve(f));
const files = (named.length ? named : readdirSync(here).filter((f) => f.endsWith('.test.mjs')).map((f) => join(here, f)))
  .map((f) => ({ f, size: statSync(f).size }))
  .sort((a, b) => b.size - a.size || a.f.localeCompare(b.f))
  .map(({ f }) => f);
const concurrency = Math.max(1, Number(process.env.E2E_CONCURRENCY ?? 2) || 1);

const started = Date.now();
const times = new Map();
let failed = 0;
let passed = 0;
const stream = run({ files, concurrency });
stream.on('data', (event) => {
  const d = event.data ?? {};
  if (event.type === 'test:complete' && d.nesting === 0 && files.includes(d.name)) {
    times.set(d.name, { ms: d.details?.duration_ms ?? 0, ok: d.details?.passed !== false });
    if (d.details?.passed === false) failed += 1; // the file itself failed (no test reported it)
  }
  if (event.type === 'test:fail' && !files.includes(d.name) && !d.details?.error?.failureType?.includes('subtestsFailed')) failed += 1;
  if (event.type === 'test:pass' && !files.includes(d.name) && !d.skip && !d.todo) passed += 1;
});
stream.pipe(new spec()).pipe(process.stdout);
stream.on('end', () => {
  const rows = [...times].sort((a, b) => b[1].ms - a[1].ms);
  console.log(`\nEnd-to-end files (${files.length}, ${concurrency} at a time; ${Math.round((Date.now() - started) / 1000)} s in all, ${passed} tests passed):`);
  for (const [f, { ms, ok }] of rows) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${(ms / 1000).toFixed(1).padStart(6)} s  ${basename(f)}`);
  const missing = files.filter((f) => !times.has(f));
  for (const f of missing) console.log(`  FAIL    not run  ${basename(f)}`);
  if (failed > 0 || missing.length > 0 || passed === 0) process.exitCode = 1;
});
