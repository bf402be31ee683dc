import { resolve } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

const ROOT = resolve(__dirname, '../../..');

/**
 * How the workflow code is bundled for Temporal's sandbox: the workflows folder plus the one
 * shared contracts module it may import (path aliases are resolved for webpack here).
 */
export const workflowBundleOptions: Pick<BundleOptions, 'workflowsPath' | 'webpackConfigHook'> = {
  workflowsPath: resolve(ROOT, 'workflows/src/index.ts'),
  webpackConfigHook: (config) => {
    config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as object), '@app/contracts': resolve(ROOT, 'libs/contracts/src') } };
    return config;
  },
};
