import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { workflowBundleOptions } from '../../../apps/worker/src/workflow-bundle';

/**
 * A Temporal dev server of the test's own (the `temporal` CLI the bootstrap installs: the
 * time-skipping test server is a download this machine cannot make) and the workflow bundle.
 */
export async function startWorkflowEnvironment(): Promise<{ env: TestWorkflowEnvironment; bundle: WorkflowBundle }> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const cli = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'temporal')).find((path) => existsSync(path));
  if (!cli) throw new Error('the temporal CLI is not on PATH (scripts/bootstrap.sh installs it)');
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: cli } } });
  const bundle = await bundleWorkflowCode({ ...workflowBundleOptions, logger: new DefaultLogger('WARN') });
  return { env, bundle };
}
