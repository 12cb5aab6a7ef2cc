// Fails the build when the JavaScript a phone loads before a page can render exceeds the budget.
// For each page: the entry of index.html, the page's lazy chunk and everything those import
// statically (the live stream included); dynamic imports (the chord-sheet renderer) are not counted.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 100;
const webroot = new URL('../target/classes/webroot/', import.meta.url).pathname;
const html = readFileSync(join(webroot, 'index.html'), 'utf8');
const entry = /<script[^>]*\ssrc="\/?assets\/([^"]+\.js)"/.exec(html)?.[1];
if (!entry) {
  console.error('check-bundle: found no entry script in index.html');
  process.exit(1);
}

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
const counted = new Set(pages.flatMap((page) => [...closure([entry, page])]));
const lazy = chunks.filter((name) => !counted.has(name)).map((name) => `${name.replace(/-[\w-]{8}\.js$/, '')} ${size.get(name).toFixed(1)}`);

console.log(`JS gzipped: entry ${kb(initial).toFixed(1)} KB; per page ${routes.map(([n, k]) => `${n} ${k.toFixed(1)}`).join(', ')} (budget ${BUDGET_KB} KB)`);
console.log(`lazy, not counted: ${lazy.join(', ')}`);
const [worst, worstKb] = routes[0] ?? ['entry', kb(initial)];
if (worstKb > BUDGET_KB) {
  console.error(`check-bundle: ${worst} needs ${worstKb.toFixed(1)} KB of JS before it renders, over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
