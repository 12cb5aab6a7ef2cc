import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const backend = process.env.JAMANAGER_BACKEND ?? 'http://localhost:8080';
const proxied = ['/api', '/eventbus', '/health', '/metrics', '/docs'];

/**
 * Writes sw.js into the build: the worker's template with this build's shell (index.html and every hashed
 * asset) and a hash of the template and the shell, so each deployment is a new worker with its own cache.
 */
function serviceWorker(): Plugin {
  return {
    name: 'jamanager-service-worker',
    apply: 'build',
    writeBundle(options, bundle) {
      const template = readFileSync(new URL('sw.js', import.meta.url), 'utf8');
      if (!template.includes("'__BUILD__'") || !template.includes("['__SHELL__']")) {
        this.error("sw.js: the template lacks its BUILD = '__BUILD__' or SHELL = ['__SHELL__'] line");
      }
      const files = Object.values(bundle).sort((a, b) => a.fileName.localeCompare(b.fileName));
      const hash = createHash('sha256').update(template);
      for (const file of files) hash.update(file.fileName).update(file.type === 'chunk' ? file.code : file.source);
      const worker = template
        .replace("'__BUILD__'", JSON.stringify(hash.digest('hex').slice(0, 16)))
        .replace("['__SHELL__']", JSON.stringify(files.map((file) => `/${file.fileName}`)));
      writeFileSync(join(options.dir!, 'sw.js'), worker);
    },
  };
}

// `vite build --mode docs` builds the API reference (docs.html, Swagger UI) on its own, after the app:
// one build would share runtime helpers between the two and add them to every app page.
export default defineConfig(({ mode }) => ({
  // The docs build adds docs.html beside the app: not part of the app's shell.
  plugins: mode === 'docs' ? [] : [serviceWorker()],
  // sockjs-client (the fallback transport) reads the Node-style `global`.
  define: { global: 'globalThis' },
  resolve: {
    // The official bridge client gets a native WebSocket where the browser has one (see src/api/socket.ts).
    alias: [{ find: /^sockjs-client$/, replacement: fileURLToPath(new URL('./src/api/sockjs-client.cjs', import.meta.url)) }],
  },
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: mode !== 'docs',
    target: 'es2020',
    sourcemap: false,
    rolldownOptions: mode === 'docs'
      // Swagger UI's 190 kB stylesheet takes seconds to transform, which is expected: no timing warning.
      ? { input: 'docs.html', checks: { bundlerTimings: false } }
      : {
          input: 'index.html',
          // The SockJS fallback's chunk would otherwise be named after its module, lib/entry.js.
          output: { chunkFileNames: (chunk) => `assets/${chunk.facadeModuleId?.includes('/sockjs-client/') ? 'sockjs' : '[name]'}-[hash].js` },
        },
    // Only Swagger UI passes Vite's 500 kB warning; scripts/check-bundle.mjs holds the app to its budget.
    chunkSizeWarningLimit: mode === 'docs' ? 2000 : 500,
  },
  server: {
    proxy: Object.fromEntries(
      proxied.map((path) => [path, { target: backend, changeOrigin: true, ws: path === '/eventbus' }]),
    ),
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.{ts,tsx}'],
    restoreMocks: true,
  },
}));
