// Starts the server the e2e run talks to, and stops it afterwards.
//   default               java -jar ../backend/target/jamanager.jar (JAMANAGER_JAR to override)
//                         on a free port, fresh JAMANAGER_DATA_DIR, e2e access code
//   E2E_BASE_URL=http://… an already running server (nothing started)
//   E2E_BACKEND=mock      the in-memory mock of docs/api.md (e2e/mock-backend.mjs)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const ACCESS_CODE = process.env.JAM_MANAGER_ACCESS_CODE ?? 'e2e-access-code-123';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitReady(baseUrl, isAlive, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('the server exited before it was ready');
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${baseUrl}/health/ready did not answer 200 within ${timeoutMs} ms`);
}

export async function startServer() {
  if (process.env.E2E_BASE_URL) return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => {} };

  if (process.env.E2E_BACKEND === 'mock') {
    const { startMockBackend } = await import('./mock-backend.mjs');
    const mock = await startMockBackend({ accessCode: ACCESS_CODE });
    return { baseUrl: `http://127.0.0.1:${mock.port}`, stop: mock.close };
  }

  const jar = process.env.JAMANAGER_JAR ?? join(here, '../../backend/target/jamanager.jar');
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build the backend first (./mvnw -DskipTests package)`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'jamanager-e2e-'));
  const logs = [];
  const child = spawn(process.env.JAVA ?? 'java', ['-jar', jar], {
    env: { ...process.env, PORT: String(port), JAMANAGER_DATA_DIR: dataDir, JAM_MANAGER_ACCESS_CODE: ACCESS_CODE, APP_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let alive = true;
  child.on('exit', () => (alive = false));
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (d) => logs.push(d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitReady(baseUrl, () => alive, Number(process.env.E2E_READY_TIMEOUT_MS ?? 60000));
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    console.error(logs.join('').slice(-4000));
    throw error;
  }
  return {
    baseUrl,
    logs: () => logs.join(''),
    stop: async () => {
      if (alive) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
