import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';

/**
 * Process supervision shared by `npm start` (scripts/dev-stack.ts) and the integration tests'
 * global setup: start each part of the system as its own process, wait until it answers, stop all.
 */
export const ROOT = resolve(__dirname, '..');
export const TS_NODE = ['-r', '@swc-node/register'];

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** resolves when the service is ready */
  ready: (child: ChildProcess) => Promise<void>;
}

export interface RunningService {
  name: string;
  child: ChildProcess;
}

/** Every service logs to `<dir>/<name>.log`; with `echo` its lines are also printed, prefixed with its name. */
export interface Output {
  dir: string;
  echo: boolean;
}

export function tsEntry(path: string): { command: string; args: string[] } {
  return { command: process.execPath, args: [...TS_NODE, resolve(ROOT, path)] };
}

export async function startService(spec: ServiceSpec, output: Output): Promise<RunningService> {
  const child = spawn(spec.command, spec.args, { cwd: ROOT, env: spec.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: false });
  mkdirSync(output.dir, { recursive: true });
  const log = createWriteStream(resolve(output.dir, `${spec.name}.log`), { flags: 'a' });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  if (output.echo) {
    const prefix = `[${spec.name}] `;
    const forward = (stream: NodeJS.WritableStream) => (chunk: Buffer) =>
      stream.write(chunk.toString().split('\n').filter(Boolean).map((line) => `${prefix}${line}\n`).join(''));
    child.stdout!.on('data', forward(process.stdout));
    child.stderr!.on('data', forward(process.stderr));
  }
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`${spec.name} exited early (code ${code}, signal ${signal})`))),
  );
  try {
    await Promise.race([spec.ready(child), exited]);
  } catch (error) {
    child.kill('SIGKILL'); // never leave a half-started process behind (it would serve a later stack)
    throw error;
  }
  child.removeAllListeners('exit');
  return { name: spec.name, child };
}

/** Stops services in reverse start order: SIGTERM, then SIGKILL after a grace period. */
export async function stopServices(services: RunningService[], graceMs = 10_000): Promise<void> {
  for (const { child } of [...services].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
  });
}

export const httpOk = (url: string) => async () => (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;

/** A new set of every secret the processes need. */
export function freshSecrets(): Record<string, string> {
  const key = () => randomBytes(32).toString('base64');
  return {
    REGISTER_API_KEY: randomBytes(24).toString('base64url'),
    TWILIO_ACCOUNT_SID: `AC${randomBytes(16).toString('hex')}`,
    TWILIO_AUTH_TOKEN: randomBytes(16).toString('hex'),
    OTP_HMAC_KEY: key(),
    ACCESS_TOKEN_HMAC_KEY: key(),
    PKI_CA_KEY_ENCRYPTION_KEY: key(),
    BIOMETRICS_ENCRYPTION_KEY: key(),
    DOCUMENTS_ENCRYPTION_KEY: key(),
    // One payload key with its id (README, Production, explains rotating to a new one).
    TEMPORAL_PAYLOAD_KEYS: `local-${randomBytes(4).toString('hex')}:${key()}`,
    STAFF_SECRETS_KEY: key(),
  };
}

/**
 * Secrets a developer machine needs but nobody should type: generated once into a git-ignored
 * file, then reused. Values already in the environment win. Production supplies its own.
 */
export function devSecrets(file: string): Record<string, string> {
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const secrets: Record<string, string> = {
    ...freshSecrets(),
    ...existing, // keep what was generated before: the CA keys and stored data are sealed with them
  };
  if (Object.keys(secrets).length !== Object.keys(existing).length) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/**
 * `npm start`'s database for a checkout: `onboarding_dev_` and 8 hex digits of the sha256 of the
 * checkout's absolute path. Each clone on a machine then has a database of its own, the one sealed
 * with its own `.data/dev-secrets.json`; one shared database would hold CA keys and samples that
 * only the first clone's secrets open. (A clone moved to another path starts on a new database.)
 */
export function devDatabaseName(checkout: string = ROOT): string {
  return `onboarding_dev_${createHash('sha256').update(resolve(checkout)).digest('hex').slice(0, 8)}`;
}

/** The local MariaDB's URL for {@link devDatabaseName}; used only when DATABASE_URL is not set. */
export function devDatabaseUrl(checkout: string = ROOT): string {
  return `mysql://root@127.0.0.1:3306/${devDatabaseName(checkout)}`;
}

/** `name on host:port` of a database URL, for messages: never the user or password. */
export function describeDatabase(url: string): string {
  const { host, pathname } = new URL(url);
  return `${decodeURIComponent(pathname.slice(1))} on ${host}`;
}

export interface StackPorts {
  api: number;
  registerSimulator: number;
  smsSimulator: number;
  temporal: number;
  temporalUi: number;
  /** Mailpit: the SMTP port the API and workers send to, and its web UI and HTTP API. */
  smtp: number;
  mailUi: number;
}

/** The environment every process of one stack shares. */
export function stackEnv(ports: StackPorts, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...base,
    API_PORT: String(ports.api),
    REGISTER_SIM_PORT: String(ports.registerSimulator),
    SMS_SIM_PORT: String(ports.smsSimulator),
    REGISTER_URL: base.REGISTER_URL ?? `http://127.0.0.1:${ports.registerSimulator}`,
    TWILIO_API_BASE_URL: base.TWILIO_API_BASE_URL ?? `http://127.0.0.1:${ports.smsSimulator}`,
    TEMPORAL_ADDRESS: base.TEMPORAL_ADDRESS ?? `127.0.0.1:${ports.temporal}`,
    SMTP_URL: base.SMTP_URL ?? `smtp://127.0.0.1:${ports.smtp}`,
    // The e-mails' links lead to this stack's own pages.
    PORTAL_WEB_URL: base.PORTAL_WEB_URL ?? `http://127.0.0.1:${ports.api}`,
  };
}

/**
 * Starts Mailpit (the SMTP catcher with a web UI and an HTTP API) unless something already listens on
 * the SMTP port. `chaos` lets tests make its SMTP server refuse mail (PUT /api/v1/chaos).
 */
export async function ensureMailpit(ports: StackPorts, options: { dbFile?: string; chaos?: boolean; output: Output }): Promise<RunningService | null> {
  if (await tcpOpen('127.0.0.1', ports.smtp)) return null;
  const args = ['--smtp', `127.0.0.1:${ports.smtp}`, '--listen', `127.0.0.1:${ports.mailUi}`, '--disable-version-check', '--smtp-auth-accept-any', '--smtp-auth-allow-insecure'];
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--database', options.dbFile);
  }
  if (options.chaos) args.push('--enable-chaos');
  return startService(
    { name: 'mailpit', command: 'mailpit', args, env: process.env, ready: () => waitFor('Mailpit', httpOk(`http://127.0.0.1:${ports.mailUi}/readyz`), 30_000) },
    options.output,
  );
}

/** Starts `temporal server start-dev` unless something already listens on the port. */
export async function ensureTemporal(ports: StackPorts, options: { dbFile?: string; output: Output }): Promise<RunningService | null> {
  if (await tcpOpen('127.0.0.1', ports.temporal)) return null;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(ports.temporal), '--ui-port', String(ports.temporalUi), '--log-level', 'warn'];
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  } else {
    args.push('--headless');
  }
  return startService(
    { name: 'temporal', command: 'temporal', args, env: process.env, ready: () => waitFor('Temporal', () => tcpOpen('127.0.0.1', ports.temporal), 60_000) },
    options.output,
  );
}

/** Applies migrations (creating the database if needed) with the given environment. */
export function migrate(env: NodeJS.ProcessEnv): Promise<void> {
  const { command, args } = tsEntry('models/src/migrate.ts');
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`migrations failed (exit ${code})`))));
  });
}

/**
 * The application processes in start order: the worker serves the onboarding workflows and the
 * certification authority (`onboarding,pki`); `cpuWorker` adds a worker process for the CPU-heavy
 * queues, biometrics and documents (it loads the face models and starts tesseract, ~10 s).
 */
export function applicationServices(env: NodeJS.ProcessEnv, ports: StackPorts, options: { cpuWorker?: boolean } = {}): ServiceSpec[] {
  const entry = (name: string, path: string, ready: () => Promise<void>): ServiceSpec => ({ name, ...tsEntry(path), env, ready });
  return [
    ...(options.cpuWorker ? [workerService({ ...env, WORKER_ROLES: 'biometrics,documents' }, 'cpu-worker')] : []),
    entry('register-simulator', 'apps/register-simulator/src/main.ts', () => waitFor('register simulator', httpOk(`http://127.0.0.1:${ports.registerSimulator}/health/live`))),
    entry('sms-simulator', 'apps/sms-simulator/src/main.ts', () => waitFor('Twilio-compatible endpoint', httpOk(`http://127.0.0.1:${ports.smsSimulator}/health/live`))),
    workerService({ WORKER_ROLES: 'onboarding,pki', ...env }),
    // The internet-facing API never gets the CA's key-encryption key: only the pki worker signs.
    { ...entry('api', 'apps/api/src/main.ts', () => waitFor('API', httpOk(`http://127.0.0.1:${ports.api}/health/live`))), env: withoutCaKey(env) },
  ];
}

/** The environment without the CA's key-encryption key (what the API process is given). */
export function withoutCaKey(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { PKI_CA_KEY_ENCRYPTION_KEY: _caKey, ...rest } = env;
  return rest;
}

/** The worker has no port: it tells its parent over IPC once it polls its task queue. */
export function workerService(env: NodeJS.ProcessEnv, name = 'worker'): ServiceSpec {
  return {
    name,
    ...tsEntry('apps/worker/src/main.ts'),
    env,
    ready: (child) =>
      new Promise<void>((resolveReady, rejectReady) => {
        const timer = setTimeout(() => rejectReady(new Error('timed out after 120000 ms waiting for worker')), 120_000);
        child.on('message', (message) => {
          if (message === 'ready') {
            clearTimeout(timer);
            resolveReady();
          }
        });
      }),
  };
}

export interface IsolatedStack {
  ports: StackPorts;
  env: NodeJS.ProcessEnv;
  running: RunningService[];
  logDir: string;
}

/**
 * A complete stack of its own — Temporal dev server in memory, Mailpit in memory, a freshly created
 * database, both simulators, both workers (on a pre-built workflow bundle) and the API — with fresh secrets. Used by
 * the integration tests and the benchmarks so neither touches `npm start`'s data.
 */
export async function startIsolatedStack(options: { ports: StackPorts; database: string; logDir: string; env?: NodeJS.ProcessEnv }): Promise<IsolatedStack> {
  const { bundleWorkflowCode, DefaultLogger } = await import('@temporalio/worker');
  const { createConnection } = await import('mysql2/promise');
  const { workflowBundleOptions } = await import('../apps/worker/src/workflow-bundle');
  const env = stackEnv(options.ports, {
    ...process.env,
    DATABASE_URL: `mysql://root@127.0.0.1:3306/${options.database}`,
    ...freshSecrets(),
    PUBLIC_BASE_URL: `http://127.0.0.1:${options.ports.api}`,
    LOG_LEVEL: 'info',
    ...options.env,
  });

  rmSync(options.logDir, { recursive: true, force: true });
  mkdirSync(options.logDir, { recursive: true });
  // Bundle the workflows once, as a production build would, so (re)starting a worker is quick.
  const bundle = await bundleWorkflowCode({ ...workflowBundleOptions, logger: new DefaultLogger('WARN') });
  env.WORKFLOW_BUNDLE_PATH = resolve(options.logDir, 'workflow-bundle.js');
  writeFileSync(env.WORKFLOW_BUNDLE_PATH, bundle.code);

  const admin = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  await admin.query(`DROP DATABASE IF EXISTS \`${options.database}\``);
  await admin.end();

  const output = { dir: options.logDir, echo: false };
  const running: RunningService[] = [];
  try {
    const temporal = await ensureTemporal(options.ports, { output });
    if (temporal) running.push(temporal);
    const mailpit = await ensureMailpit(options.ports, { chaos: true, output });
    if (mailpit) running.push(mailpit);
    await migrate(env);
    for (const spec of applicationServices(env, options.ports, { cpuWorker: true })) running.push(await startService(spec, output));
  } catch (error) {
    await stopServices(running);
    throw new Error(`stack failed to start (logs in ${options.logDir}): ${(error as Error).message}`);
  }
  return { ports: options.ports, env, running, logDir: options.logDir };
}
