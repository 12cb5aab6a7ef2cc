// Fails the build when a package the SPA ships (the production dependency tree of
// package-lock.json) has a licence we cannot ship beside our Apache-2.0 code.
//   node scripts/check-licences.mjs             check; exit 1 naming each offender
//   node scripts/check-licences.mjs --notices   also print the npm part of THIRD-PARTY-NOTICES
// The licence is read from the installed package.json when node_modules is there (what
// is bundled), else from the lockfile. Dev dependencies (Vite, Vitest, …) are not shipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** SPDX identifiers an Apache-2.0 work may bundle (ASF category A, plus EPL as binary-only category B). */
export const ALLOWED = new Set([
  'Apache-2.0', 'MIT', 'MIT-0', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'CC0-1.0',
  'Unlicense', 'BlueOak-1.0.0', 'Python-2.0', 'Zlib', 'EPL-1.0', 'EPL-2.0',
]);

/** Whether an SPDX expression can be satisfied from the allow-list: OR takes any side, AND needs both. */
export function allowed(expression) {
  if (typeof expression !== 'string' || !expression.trim()) return false;
  const text = expression.trim();
  const split = (op) => {
    let depth = 0;
    const parts = [];
    let start = 0;
    const tokens = text.split(/(\(|\)|\s+)/);
    let offset = 0;
    for (const token of tokens) {
      if (token === '(') depth++;
      else if (token === ')') depth--;
      else if (depth === 0 && token === op) {
        parts.push(text.slice(start, offset));
        start = offset + token.length;
      }
      offset += token.length;
    }
    parts.push(text.slice(start));
    return parts.length > 1 ? parts : null;
  };
  const or = split('OR');
  if (or) return or.some(allowed);
  const and = split('AND');
  if (and) return and.every(allowed);
  if (text.startsWith('(') && text.endsWith(')')) return allowed(text.slice(1, -1));
  return ALLOWED.has(text.replace(/\+$/, ''));
}

function licenceOf(manifest) {
  if (typeof manifest.license === 'string') return manifest.license;
  if (manifest.license?.type) return manifest.license.type;
  if (Array.isArray(manifest.licenses)) return manifest.licenses.map((l) => l.type ?? l).join(' OR ');
  return null;
}

function shipped(root) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional && !entry.link)
    .map(([path, entry]) => {
      const manifestPath = join(root, path, 'package.json');
      const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : null;
      return {
        path,
        name: path.replace(/^.*node_modules\//, ''),
        version: manifest?.version ?? entry.version,
        licence: (manifest && licenceOf(manifest)) ?? entry.license ?? null,
        homepage: manifest?.homepage ?? (typeof manifest?.repository === 'string' ? manifest.repository : manifest?.repository?.url) ?? '',
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function licenceText(root, path) {
  const dir = join(root, path);
  if (!existsSync(dir)) return null;
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : null;
}

const root = new URL('..', import.meta.url).pathname;
if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const packages = shipped(root);
  const offenders = packages.filter((p) => !allowed(p.licence));
  if (process.argv.includes('--notices')) {
    for (const p of packages) {
      console.log(`${p.name} ${p.version} (${p.licence})${p.homepage ? ` ${p.homepage.replace(/^git\+/, '')}` : ''}`);
    }
    for (const p of packages) {
      const text = licenceText(root, p.path);
      if (text) console.log(`\n---- ${p.name} ${p.version} ----\n${text}`);
    }
  } else {
    console.log(`check-licences: ${packages.length} shipped npm packages, licences ${[...new Set(packages.map((p) => p.licence))].join(', ')}`);
  }
  if (offenders.length > 0) {
    for (const p of offenders) console.error(`check-licences: ${p.name}@${p.version} is ${p.licence ?? 'unlicensed'}, not allowed beside Apache-2.0`);
    process.exit(1);
  }
}
