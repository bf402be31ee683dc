import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PersonDocument } from '@app/documents';
import { personEligibility } from '@app/eligibility';
import { REGISTER_FIXTURES_DIR } from '@app/fixtures';
import type { IdentityDocumentRecord } from '@app/registers';
import { AIGERIM_NUC_FORM, Applicant, printedFields } from '../scripts/applicant-driver';
import { ENDED_STATUSES, OnboardingClient, type SeededPersonView } from '../scripts/onboarding-client';
import { ROOT, startIsolatedStack, stopServices, tcpOpen, type RunningService } from '../scripts/stack';
import { percentile, summarise } from './stats';

/**
 * The whole automatic path under load: N applicants at once (default 20; `--applicants N` or
 * BENCH_APPLICANTS) go from the IIN to installed certificates over HTTP, against a stack of their
 * own with both workers, the real face models and OCR. Every applicant is woman A of the fixtures
 * with her photo in the register, so every match is automatic. Prints throughput, per-onboarding
 * latency, the CPU the biometrics+documents worker spends per onboarding, and the throughput
 * against the limit that CPU sets on this machine. Gives up after `--minutes M` (BENCH_MINUTES, 20).
 *   npm run -s ts bench/whole-path.bench.ts -- --applicants 4 [--baseline] [--poll-ms 1000]
 */
const N = option('--applicants', 'BENCH_APPLICANTS', 20);
const MINUTES = option('--minutes', 'BENCH_MINUTES', 20);
const POLL_MS = option('--poll-ms', 'BENCH_POLL_MS', 1000);
const TARGET_RATIO = 0.7;
const WOMAN_A_REGISTER_PHOTO = 'stock-emotions-a-1.jpg';
const DOCUMENT_PORTRAIT = 'stock-emotions-a-5';

function option(flag: string, variable: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const given = at >= 0 ? process.argv[at + 1] : process.env[variable];
  const value = Number(given ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} (or ${variable}) must be a whole number above 0, not ${given}`);
  return value;
}

function offsetPorts<T extends Record<string, number>>(ports: T): T {
  const offset = Number(process.env.BENCH_PORT_OFFSET ?? process.env.IT_PORT_OFFSET ?? 0);
  return Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, port + offset])) as T;
}

const validIdCard = (d: IdentityDocumentRecord) => d.type === 'id_card' && d.state === 'valid' && d.expiryDate > new Date().toISOString().slice(0, 10);

/** Women the register rules admit, with a БМГ phone and a valid ID card, whose register photo may be woman A's. */
const canBeWomanA = (p: SeededPersonView) =>
  p.sex === 'female' && Boolean(p.bmgPhone) && personEligibility(p).eligible && p.capacityCode === 1 && p.documents.some(validIdCard) && (!p.photoFile || p.photoFile === WOMAN_A_REGISTER_PHOTO);

/**
 * A copy of fixtures/register in which `n` people have woman A's register photo: the fixtures have
 * one such person, and one IIN's SMS limits would make her applications wait for each other.
 */
function registerOfWomenA(dir: string, n: number): string[] {
  const people = JSON.parse(readFileSync(resolve(REGISTER_FIXTURES_DIR, 'people.json'), 'utf8')) as SeededPersonView[];
  const chosen = people.filter(canBeWomanA).slice(0, n);
  if (chosen.length < n) throw new Error(`the register fixtures have only ${chosen.length} people who can be woman A; lower --applicants`);
  for (const person of chosen) Object.assign(person, { photoFile: WOMAN_A_REGISTER_PHOTO, hasPhoto: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'people.json'), JSON.stringify(people, null, 2));
  copyFileSync(resolve(REGISTER_FIXTURES_DIR, 'legal-entities.json'), join(dir, 'legal-entities.json'));
  return chosen.map((p) => p.iin);
}

/** utime + stime of a process, in seconds (threads included: tesseract and the face models run in the worker's own threads). */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); // after "pid (comm) ", field 3 on
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const cpuOfStack = (running: RunningService[]) => new Map(running.map((s) => [s.name, cpuSeconds(s.child.pid!)]));

/** Busy and total CPU seconds of the whole machine (/proc/stat: every process, other people's included). */
function machineCpu(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4]; // idle + iowait
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

/**
 * The cpu-worker's CPU once a second, to tell the ramp-up and tail (applicants in steps that
 * need no biometrics or OCR) from the stretch in which the CPU-heavy queues had work.
 */
function sampleCpuWorker(pid: number): { stop: () => Array<{ t: number; cpu: number }> } {
  const samples: Array<{ t: number; cpu: number }> = [{ t: performance.now(), cpu: cpuSeconds(pid) }];
  const timer = setInterval(() => samples.push({ t: performance.now(), cpu: cpuSeconds(pid) }), 1000);
  return {
    stop: () => {
      clearInterval(timer);
      samples.push({ t: performance.now(), cpu: cpuSeconds(pid) });
      return samples;
    },
  };
}

/** The MariaDB server's pid (shared by every checkout on the machine: its CPU includes other people's queries). */
function mariadbPid(): number | undefined {
  try {
    const pid = Number(execFileSync('pgrep', ['-o', '-x', 'mariadbd'], { encoding: 'utf8' }).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the machine's CPU went during the run, per onboarding: the cpu-worker (biometrics + OCR,
 * what the limit counts), the rest of this stack (Temporal, the onboarding/pki worker, the API, the
 * simulated applicants with their key agent, MariaDB) and everything else on the machine. Even a
 * machine of its own, always busy, lets the cpu-worker have only its share of the stack's CPU: that
 * share is the most the ratio can reach here.
 */
function whereTheCoresWent(m: { wallSeconds: number; cores: number; machineBusy: number; cpuWorker: number; restOfStack: number; applicants: number; mariadb: number; onboardings: number }): string[] {
  const per = (v: number) => (v / Math.max(1, m.onboardings)).toFixed(2);
  const others = Math.max(0, m.machineBusy - m.cpuWorker - m.restOfStack - m.mariadb);
  const ceiling = m.cpuWorker / (m.cpuWorker + m.restOfStack + m.mariadb);
  const serverCeiling = m.cpuWorker / (m.cpuWorker + m.restOfStack - m.applicants + m.mariadb);
  return [
    `CPU-s per onboarding         cpu-worker ${per(m.cpuWorker)}, rest of the stack ${per(m.restOfStack)} (of it the simulated applicants ${per(m.applicants)}), MariaDB ${per(m.mariadb)} (shared server), other processes on the machine ${per(others)}`,
    `ceiling of the ratio         ${ceiling.toFixed(2)} on a machine of its own (the cpu-worker's share of this stack's CPU); ${serverCeiling.toFixed(2)} with the applicants' key agent and browsers elsewhere, as in production; ${((others / (m.wallSeconds * m.cores)) * 100).toFixed(0)} % of the cores went to other processes in this run`,
  ];
}

/** From the first to the last second in which the cpu-worker used at least a fifth of a core: its length and the cores it used on average. */
function busyWindow(samples: Array<{ t: number; cpu: number }>): { seconds: number; cores: number; startS: number } {
  const rates = samples.slice(1).map((s, i) => ({ t: samples[i].t, dt: (s.t - samples[i].t) / 1000, used: s.cpu - samples[i].cpu }));
  const busy = rates.map((r, i) => (r.used / r.dt >= 0.2 ? i : -1)).filter((i) => i >= 0);
  if (busy.length === 0) return { seconds: 0, cores: 0, startS: 0 };
  const window = rates.slice(busy[0], busy[busy.length - 1] + 1);
  const seconds = window.reduce((a, r) => a + r.dt, 0);
  return { seconds, cores: window.reduce((a, r) => a + r.used, 0) / seconds, startS: (window[0].t - samples[0].t) / 1000 };
}

const STEPS = ['codes', 'selfie + video', 'PIN', 'document read', 'register match', 'НУЦ issuance', 'installation'] as const;
type Step = (typeof STEPS)[number];
type Installed = { installed: true; ms: number; steps: Record<Step, number> };
type EndedElsewhere = { installed: false; status: string; message: string; error: string };
type Outcome = Installed | EndedElsewhere;

/** One applicant from the IIN to `installed`, timing each step; an ending anywhere else is reported with its status and message. */
async function onboard(applicant: Applicant, document: PersonDocument, keysDir: string): Promise<Outcome> {
  const steps = {} as Record<Step, number>;
  let mark = performance.now();
  const t0 = mark;
  const step = async (name: Step, run: () => Promise<unknown>) => {
    await run();
    const now = performance.now();
    steps[name] = now - mark;
    mark = now;
  };
  try {
    await step('codes', () => applicant.throughCodes());
    await step('selfie + video', () => applicant.throughCapture());
    await step('PIN', () => applicant.setPin());
    await step('document read', () => applicant.submitDocument(document));
    await step('register match', async () => {
      const confirmed = await applicant.confirmDocument(printedFields(document));
      if (confirmed.status !== 200) throw new Error(`confirmation: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
      await applicant.waitFor('document_linked', 10 * 60_000);
    });
    let nuc = { number: '', keys: '' };
    await step('НУЦ issuance', async () => {
      await applicant.consent();
      nuc = await applicant.applyToNuc({ ...AIGERIM_NUC_FORM, email: `${applicant.person.iin}@example.kz` }, keysDir);
      await applicant.waitFor('certificates_issued', 10 * 60_000);
    });
    await step('installation', async () => {
      await applicant.install(nuc.number, nuc.keys);
      await applicant.waitFor('installed');
    });
    return { installed: true, ms: performance.now() - t0, steps };
  } catch (error) {
    return { installed: false, ...(await whereItStopped(applicant)), error: (error as Error).message.slice(0, 300) };
  }
}

async function whereItStopped(applicant: Applicant): Promise<{ status: string; message: string }> {
  if (!applicant.id) return { status: 'not started', message: '' };
  const view = await applicant.status().catch(() => undefined);
  return { status: view?.status ?? 'unknown', message: view?.message ?? '' };
}

/** One measured run: the whole stack started afresh with `threads` face-model threads, applicants polling every `pollMs`. */
async function run(label: string, threads: number | undefined, pollMs: number): Promise<void> {
  // BENCH_PORT_OFFSET (or IT_PORT_OFFSET) moves every port, so two checkouts can run it side by
  // side; the bases sit 50 off the integration tests' (3101, 7243, …) so neither meets the other's.
  const ports = offsetPorts({ api: 3351, registerSimulator: 4361, smsSimulator: 4371, temporal: 7493, temporalUi: 8493, smtp: 1375, mailUi: 8375 });
  // The stack would use a Temporal server or Mailpit it finds on its port: another stack's, whose
  // workers would then take this one's tasks.
  for (const [name, port] of Object.entries(ports)) {
    if (await tcpOpen('127.0.0.1', port)) throw new Error(`port ${port} (${name}) is in use: another stack runs there; choose other ports with BENCH_PORT_OFFSET`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'whole-path-bench-'));
  const iins = registerOfWomenA(join(scratch, 'register'), N);
  const stack = await startIsolatedStack({
    ports,
    // Not onboarding.bench.ts's database or log folder: each bench drops its own at start.
    database: `onboarding_bench_whole_path${process.env.BENCH_PORT_OFFSET ?? process.env.IT_PORT_OFFSET ?? ''}`,
    logDir: resolve(ROOT, '.data/bench-whole-path'),
    env: {
      REGISTER_SIM_FIXTURES_DIR: join(scratch, 'register'),
      // As the integration tests: codes can be sent again within seconds.
      OTP_TTL_SECONDS: '20',
      OTP_RESEND_SECONDS: '3',
      OTP_BLOCK_SECONDS: '6',
      START_OUTCOME_WAIT_MS: '3000',
      TEMPORAL_TASK_QUEUE: 'onboarding-bench-whole-path',
      LOG_LEVEL: 'warn',
      ...(threads ? { BIOMETRICS_THREADS: String(threads) } : {}),
    },
  });
  try {
    // Applicants ask for their status as often as the web app does (once a second), not as often
    // as the tests (150 ms): at 150 ms twenty waiting applicants cost the API, Temporal and the
    // onboarding worker more CPU than the biometrics they wait for. `--poll-ms` sets another pace.
    const client = new OnboardingClient(stack, { pollMs });
    const people = (await client.people()).filter((p) => iins.includes(p.iin));
    // No moderator watches the bench: a case opened for review is where that applicant's run ends.
    const applicants = people.map((person) => new Applicant(client, person, [...ENDED_STATUSES, 'under_review']));
    // The applicants' phones photograph their cards before the clock starts: the bench measures the system, not the generator.
    const documents: PersonDocument[] = [];
    for (const applicant of applicants) documents.push(await applicant.document(DOCUMENT_PORTRAIT, validIdCard));

    const cpuWorkerPid = stack.running.find((s) => s.name === 'cpu-worker')!.child.pid!;
    const mariadb = mariadbPid();
    const mariadbBefore = mariadb ? cpuSeconds(mariadb) : 0;
    const cpuBefore = cpuOfStack(stack.running);
    const machineBefore = machineCpu();
    const sampler = sampleCpuWorker(cpuWorkerPid);
    const benchCpuBefore = process.cpuUsage();
    const loadBefore = loadavg()[0];
    const outcomes: Array<Outcome | undefined> = new Array(applicants.length);
    const wallStart = performance.now();
    const everyone = Promise.all(applicants.map(async (applicant, i) => (outcomes[i] = await onboard(applicant, documents[i], join(scratch, 'keys', applicant.person.iin)))));
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<void>((done) => (timer = setTimeout(done, MINUTES * 60_000)));
    await Promise.race([everyone, timeUp]);
    clearTimeout(timer);
    const wallSeconds = (performance.now() - wallStart) / 1000;
    const cpuAfter = cpuOfStack(stack.running);
    const machineAfter = machineCpu();
    const mariadbSeconds = mariadb ? cpuSeconds(mariadb) - mariadbBefore : 0;
    const window = busyWindow(sampler.stop());
    const benchCpu = process.cpuUsage(benchCpuBefore);

    for (const [i, applicant] of applicants.entries()) {
      outcomes[i] ??= { installed: false, ...(await whereItStopped(applicant)), error: `still running after ${MINUTES} min` };
    }
    const done = outcomes.filter((o): o is Installed => o?.installed === true);
    const others = outcomes.filter((o): o is EndedElsewhere => o?.installed === false);
    const cores = availableParallelism();
    const cpuWorkerSeconds = cpuAfter.get('cpu-worker')! - cpuBefore.get('cpu-worker')!;
    const cpuPerOnboarding = cpuWorkerSeconds / done.length;
    const perMinute = (done.length / wallSeconds) * 60;
    const limitPerMinute = (cores / cpuPerOnboarding) * 60;
    const ratio = perMinute / limitPerMinute;
    const stackSeconds = [...cpuAfter].reduce((sum, [name, after]) => sum + after - cpuBefore.get(name)!, 0) + (benchCpu.user + benchCpu.system) / 1e6;
    const cpuByProcess = [...cpuAfter].map(([name, after]) => `${name} ${(after - cpuBefore.get(name)!).toFixed(0)}`);
    cpuByProcess.push(`bench (applicants) ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(0)}`);

    const lines = [
      `${label} — ${N} applicants at once (each polling its status every ${pollMs} ms while it waits; ${threads ?? 'default'} face-model threads), IIN → installed certificates over HTTP; Temporal dev server, MariaDB, API, worker (onboarding, pki) and cpu-worker (biometrics, documents, pid ${cpuWorkerPid}) on ${cores} cores`,
      '',
      `completed onboardings        ${done.length} of ${N}`,
      `wall time                    ${wallSeconds.toFixed(1)} s`,
      `completed per minute         ${perMinute.toFixed(2)}`,
      `per onboarding               p50 ${(percentile(done.map((o) => o.ms), 50) / 1000).toFixed(1)} s   p95 ${(percentile(done.map((o) => o.ms), 95) / 1000).toFixed(1)} s`,
      ...STEPS.map((name) => summarise(`  ${name}`, done.map((o) => o.steps[name]))),
      `cpu-worker CPU               ${cpuWorkerSeconds.toFixed(1)} s in all, ${cpuPerOnboarding.toFixed(1)} s per completed onboarding (biometrics + OCR)`,
      `CPU limit on this machine    ${limitPerMinute.toFixed(2)} per minute (${cores} cores ÷ ${cpuPerOnboarding.toFixed(1)} CPU-s)`,
      `achieved ÷ limit             ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
      `CPU seconds by process       ${cpuByProcess.join(', ')}`,
      `whole machine busy           ${(machineAfter.busy - machineBefore.busy).toFixed(0)} CPU-s of ${(wallSeconds * cores).toFixed(0)} (${(((machineAfter.busy - machineBefore.busy) / (wallSeconds * cores)) * 100).toFixed(0)} %; this stack and anything else running)`,
      ...whereTheCoresWent({
        wallSeconds,
        cores,
        machineBusy: machineAfter.busy - machineBefore.busy,
        cpuWorker: cpuWorkerSeconds,
        restOfStack: stackSeconds - cpuWorkerSeconds,
        applicants: (benchCpu.user + benchCpu.system) / 1e6,
        mariadb: mariadbSeconds,
        onboardings: done.length,
      }),
      `cpu-worker busy stretch      ${window.seconds.toFixed(0)} s from ${window.startS.toFixed(0)} s on, ${window.cores.toFixed(2)} cores used in it (${((window.cores / cores) * 100).toFixed(0)} % of ${cores})`,
      // The cores are shared: what else ran at the time is part of the figure.
      `machine load (1 min)         ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`,
      '',
      `ended elsewhere than installed: ${others.length}`,
      ...others.map((o) => `  ${o.status}: ${o.message || '(no message)'} — ${o.error}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n\n`);
  } finally {
    await stopServices(stack.running);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * With `--baseline`, first the configuration before the face-model pool (one model thread, so one
 * biometrics activity at a time; applicants polling every 150 ms as the tests do), then the current
 * one, each on a fresh stack, so both face the same machine within minutes of each other.
 */
async function main(): Promise<void> {
  if (process.argv.includes('--baseline')) await run('baseline: one face-model thread, 150-ms polling', 1, 150);
  await run('whole-path benchmark', undefined, POLL_MS);
}

// Applicants still polling when the time ran out must not keep the process alive.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
