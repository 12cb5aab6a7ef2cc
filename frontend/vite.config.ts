import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const backend = process.env.JAMANAGER_BACKEND ?? 'http://localhost:8080';
const proxied = ['/api', '/eventbus', '/health', '/metrics', '/docs'];

export default defineConfig({
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
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    rolldownOptions: {
      // The SockJS fallback's chunk would otherwise be named after its module, lib/entry.js.
      output: { chunkFileNames: (chunk) => `assets/${chunk.facadeModuleId?.includes('/sockjs-client/') ? 'sockjs' : '[name]'}-[hash].js` },
    },
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
});
