// Fails the build when the JavaScript a phone loads before a page can render exceeds the budget.
// For each page: the entry of index.html, the page's lazy chunk and everything those import
// statically (the live stream included); dynamic imports (the chord-sheet renderer) are not counted.
// The API reference (docs.html, Swagger UI, built on its own) is no app page: its size is printed, not budgeted.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 100;
const webroot = new URL('../target/classes/webroot/', import.meta.url).pathname;
const html = (page) => readFileSync(join(webroot, page), 'utf8');
const linked = (page, pattern) => {
  const name = pattern.exec(html(page))?.[1];
  if (!name) {
    console.error(`check-bundle: found no ${pattern.source} in ${page}`);
    process.exit(1);
  }
  return name;
};
const script = /<script[^>]*\ssrc="\/?assets\/([^"]+\.js)"/;
const entry = linked('index.html', script);
const docsEntry = linked('docs.html', script);
const docsCss = linked('docs.html', /<link rel="stylesheet"[^>]*\shref="\/?assets\/([^"]+\.css)"/);

const chunks = readdirSync(join(webroot, 'assets')).filter((f) => f.endsWith('.js'));
const source = (name) => readFileSync(join(webroot, 'assets', name), 'utf8');
const size = new Map(chunks.map((name) => [name, gzipSync(source(name), { level: 9 }).length / 1024]));
const staticImports = (name) =>
  [...source(name).matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["']\.\/([^"']+\.js)["']/g)].map((m) => m[1]);
const dynamicImports = (name) => [...source(name).matchAll(/import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)].map((m) => m[1]);

function closure(roots) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name) || !size.has(name)) continue;
    seen.add(name);
    stack.push(...staticImports(name));
  }
  return seen;
}

const kb = (set) => [...set].reduce((sum, name) => sum + size.get(name), 0);
const initial = closure([entry]);
const pages = dynamicImports(entry).filter((name) => /Page-/.test(name));
const routes = pages.map((page) => [page.replace(/-[\w-]{8}\.js$/, ''), kb(closure([entry, page]))]).sort((a, b) => b[1] - a[1]);
const app = new Set(pages.flatMap((page) => [...closure([entry, page])]));
const docs = closure([docsEntry]);
const counted = new Set([...app, ...docs]);
const lazy = chunks.filter((name) => !counted.has(name)).map((name) => `${name.replace(/-[\w-]{8}\.js$/, '')} ${size.get(name).toFixed(1)}`);

console.log(`JS gzipped: entry ${kb(initial).toFixed(1)} KB; per page ${routes.map(([n, k]) => `${n} ${k.toFixed(1)}`).join(', ')} (budget ${BUDGET_KB} KB)`);
console.log(`lazy, not counted: ${lazy.join(', ')}`);
const cssKb = gzipSync(readFileSync(join(webroot, 'assets', docsCss)), { level: 9 }).length / 1024;
console.log(`API reference (/docs, Swagger UI), not counted: JS ${kb(docs).toFixed(1)} KB, CSS ${cssKb.toFixed(1)} KB`);
const shared = [...docs].filter((name) => app.has(name));
if (shared.length) {
  console.error(`check-bundle: the API reference shares ${shared.join(', ')} with the app pages`);
  process.exit(1);
}
const [worst, worstKb] = routes[0] ?? ['entry', kb(initial)];
if (worstKb > BUDGET_KB) {
  console.error(`check-bundle: ${worst} needs ${worstKb.toFixed(1)} KB of JS before it renders, over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
