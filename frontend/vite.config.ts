import { defineConfig } from 'vitest/config';

const backend = process.env.JAMANAGER_BACKEND ?? 'http://localhost:8080';
const proxied = ['/api', '/eventbus', '/health', '/metrics', '/docs'];

export default defineConfig({
  // sockjs-client reads the Node-style `global`.
  define: { global: 'globalThis' },
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
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
