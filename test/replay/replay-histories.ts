import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-bundle';

/**
 * Replays every recorded history in ./histories against the current workflow code and prints one
 * line per history; exits non-zero on the first non-deterministic one. Run by the unit tests in a
 * child process (Jest's module sandbox breaks protobufjs' reflection), or by hand:
 *   npm run -s ts test/replay/replay-histories.ts
 */
async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = resolve(__dirname, 'histories');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (files.length === 0) throw new Error(`no recorded histories in ${dir}`);
  const histories = files.map((file) => ({ workflowId: file, history: JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as unknown }));
  const options = { workflowsPath: workflowBundleOptions.workflowsPath, bundlerOptions: { webpackConfigHook: workflowBundleOptions.webpackConfigHook } };
  let failed = 0;
  for await (const result of Worker.runReplayHistories(options, histories)) {
    if (result.error) failed++;
    process.stdout.write(`${result.error ? 'FAIL' : 'ok'} ${result.workflowId}${result.error ? `: ${result.error.message}` : ''}\n`);
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
