// Starts the server the e2e run talks to, and stops it afterwards.
//   default               java -jar ../backend/target/jamanager.jar (JAMANAGER_JAR to override)
//                         on a free port, fresh JAMANAGER_DATA_DIR, e2e access code
//   E2E_BASE_URL=http://… an already running server (nothing started)
//   E2E_BACKEND=mock      the in-memory mock of docs/api.md (e2e/mock-backend.mjs)
// startServer({ databaseUrl }) runs the jar against that database (see startPostgres) and can be
// killed and started again on the same port, also as a new deployment (restart({ cwd })); startPostgres()
// runs a throwaway PostgreSQL 15.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const ACCESS_CODE = process.env.JAM_MANAGER_ACCESS_CODE ?? 'e2e-access-code-123';
export const JAR = process.env.JAMANAGER_JAR ?? join(here, '../../backend/target/jamanager.jar');

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

export async function startServer(options = {}) {
  if (process.env.E2E_BASE_URL) return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => {} };

  if (process.env.E2E_BACKEND === 'mock') {
    const { startMockBackend } = await import('./mock-backend.mjs');
    const mock = await startMockBackend({ accessCode: ACCESS_CODE });
    return { baseUrl: `http://127.0.0.1:${mock.port}`, stop: mock.close };
  }

  if (!existsSync(JAR)) throw new Error(`${JAR} is missing: build the backend first (./mvnw -DskipTests package)`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'jamanager-e2e-'));
  const logs = [];
  const env = { ...process.env, PORT: String(port), JAMANAGER_DATA_DIR: dataDir, JAM_MANAGER_ACCESS_CODE: ACCESS_CODE, APP_ENV: 'development' };
  if (options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
    // Fixed keys, so the tokens a phone holds stay valid across a restart.
    env.JWT_SECRETS = 'e2e:e2e-signing-key-that-is-long-enough-0123456789';
  }
  let child = null;
  let alive = false;
  const baseUrl = `http://127.0.0.1:${port}`;

  const launch = async ({ cwd } = {}) => {
    child = spawn(process.env.JAVA ?? 'java', ['-jar', JAR], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    alive = true;
    child.on('exit', () => (alive = false));
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (d) => logs.push(d.toString()));
    try {
      await waitReady(baseUrl, () => alive, Number(process.env.E2E_READY_TIMEOUT_MS ?? 60000));
    } catch (error) {
      child.kill('SIGKILL');
      console.error(logs.join('').slice(-4000));
      throw error;
    }
  };
  const exit = async (signal, graceMs) => {
    if (!alive) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  try {
    await launch();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    logs: () => logs.join(''),
    /** SIGKILL, as a crashed instance or an OOM kill. */
    kill: () => exit('SIGKILL', 0),
    /**
     * Starts the jar again on the same port; resolves when it is ready. With `cwd`, a webroot/ folder there
     * is served instead of the jar's own (Vert.x finds files before the class path): another build, as a
     * new deployment.
     */
    restart: launch,
    stop: async () => {
      await exit('SIGTERM', 15000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a PostgreSQL tool, as the postgres user when we are root (PostgreSQL refuses to run as root). */
function pgTool(bin, args, owner) {
  const tool = join(process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin', bin);
  if (owner === null) return execFileSync(tool, args, { stdio: 'pipe' });
  return execFileSync('runuser', ['-u', owner, '--', tool, ...args], { stdio: 'pipe' });
}

/**
 * A throwaway PostgreSQL 15 from Debian's binaries, on a free port of 127.0.0.1, for tests that
 * stop and start the database under a running server.
 */
export async function startPostgres() {
  const owner = process.getuid?.() === 0 ? 'postgres' : null;
  const dir = mkdtempSync(join(tmpdir(), 'jamanager-pg-'));
  if (owner) {
    const uid = Number(execFileSync('id', ['-u', owner]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', owner]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  pgTool('initdb', ['-D', data, '-U', 'jam', '--auth=trust', '-E', 'UTF8', '--no-sync'], owner);
  const settings = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off`;
  const start = () => pgTool('pg_ctl', ['-D', data, '-l', join(dir, 'postgres.log'), '-o', settings, '-w', '-t', '30', 'start'], owner);
  start();
  pgTool('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'jam', 'jamanager'], owner);
  return {
    url: `postgres://jam:jam@127.0.0.1:${port}/jamanager?sslmode=disable`,
    /** `pg_ctl stop -m fast`: sessions are cut, as in a database restart or failover. */
    stop: () => pgTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], owner),
    start,
    destroy: () => {
      try {
        pgTool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], owner);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
