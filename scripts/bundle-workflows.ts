import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../apps/worker/src/workflow-bundle';
import { ROOT } from './stack';

/** Part of `npm run build`: the workflow bundle a production worker loads with WORKFLOW_BUNDLE_PATH. */
async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode(workflowBundleOptions);
  const out = resolve(ROOT, 'dist/workflow-bundle.js');
  mkdirSync(resolve(ROOT, 'dist'), { recursive: true });
  writeFileSync(out, code);
  process.stdout.write(`workflow bundle: ${out} (${(code.length / 1024).toFixed(0)} KiB)\n`);
}

void main();
