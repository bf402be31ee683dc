import { resolve } from 'node:path';
import { ROOT, applicationServices, describeDatabase, devDatabaseUrl, devSecrets, ensureMailpit, ensureTemporal, migrate, stackEnv, startService, stopServices, type RunningService, type StackPorts } from './stack';

/**
 * `npm start`: the whole system on one machine — Temporal dev server and Mailpit (unless they run), migrations,
 * the register simulator, the Twilio-compatible endpoint, the worker and the API. Ctrl-C stops it all.
 */
async function main(): Promise<void> {
  const env = process.env;
  const ports: StackPorts = {
    api: Number(env.API_PORT ?? 3000),
    registerSimulator: Number(env.REGISTER_SIM_PORT ?? 4010),
    smsSimulator: Number(env.SMS_SIM_PORT ?? 4020),
    temporal: Number(env.TEMPORAL_PORT ?? 7233),
    temporalUi: Number(env.TEMPORAL_UI_PORT ?? 8233),
    smtp: Number(env.MAILPIT_SMTP_PORT ?? 1025),
    mailUi: Number(env.MAILPIT_UI_PORT ?? 8025),
  };
  const dataDir = resolve(ROOT, '.data');
  const output = { dir: resolve(dataDir, 'logs'), echo: true };
  // This checkout's secrets and this checkout's database belong together (see devDatabaseName).
  const databaseUrl = env.DATABASE_URL ?? devDatabaseUrl();
  const stackEnvironment = stackEnv(ports, { ...devSecrets(resolve(dataDir, 'dev-secrets.json')), LOG_LEVEL: 'info', ...env, DATABASE_URL: databaseUrl });
  const database = `${describeDatabase(databaseUrl)} ${env.DATABASE_URL ? '(from DATABASE_URL)' : "(this checkout's own; DATABASE_URL overrides)"}`;
  process.stdout.write(`database: ${database}\n`);
  const running: RunningService[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping…\n');
    await stopServices(running);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  let mailpit: RunningService | null = null;
  try {
    const temporal = await ensureTemporal(ports, { dbFile: resolve(dataDir, 'temporal.sqlite'), output: { ...output, echo: false } });
    if (temporal) running.push(temporal);
    // With SMTP_URL set, mail goes to that server: no catcher is started.
    mailpit = env.SMTP_URL ? null : await ensureMailpit(ports, { dbFile: resolve(dataDir, 'mailpit.db'), output: { ...output, echo: false } });
    if (mailpit) running.push(mailpit);
    await migrate(stackEnvironment);
    for (const spec of applicationServices(stackEnvironment, ports, { cpuWorker: true })) {
      running.push(await startService(spec, output));
    }
    for (const service of running) {
      service.child.once('exit', (code, signal) => {
        if (stopping) return;
        process.stderr.write(`${service.name} stopped unexpectedly (code ${code}, signal ${signal}); stopping everything\n`);
        void stop(1);
      });
    }
  } catch (error) {
    process.stderr.write(`start failed: ${(error as Error).message}\nlogs: ${output.dir}\n`);
    await stop(1);
    return;
  }

  process.stdout.write(
    [
      '',
      'The onboarding system is running:',
      `  Web app (open this)      http://127.0.0.1:${ports.api}/`,
      `  API                      http://127.0.0.1:${ports.api}   (OpenAPI: http://127.0.0.1:${ports.api}/docs, health: /health/ready)`,
      `  Temporal                 127.0.0.1:${ports.temporal}   (UI: http://127.0.0.1:${ports.temporalUi})`,
      `  Database                 ${database}`,
      `  Register simulator       http://127.0.0.1:${ports.registerSimulator}   (people: /_dev/people)`,
      `  Twilio-compatible SMS    http://127.0.0.1:${ports.smsSimulator}   (sent messages: /_dev/messages)`,
      `  Mailpit (e-mail)         UI http://127.0.0.1:${ports.mailUi}   (SMTP 127.0.0.1:${ports.smtp}; ${mailpit ? 'started here' : env.SMTP_URL ? 'not used: SMTP_URL is set' : 'already running'})`,
      `  Logs                     ${output.dir}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

void main();
