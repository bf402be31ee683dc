import path from 'node:path';
import type * as TfModule from '@tensorflow/tfjs';
import type * as FaceApiModule from '@vladmandic/face-api';

export type FaceApi = typeof FaceApiModule;
/** face-api's `tf` export is the @tensorflow/tfjs (or tfjs-node) module; its own typing covers only a subset. */
export type Tf = typeof TfModule;
export type TfBackendName = 'tensorflow' | 'wasm';

/** The TensorFlow.js runtime this process uses, with face-api bound to the same tf instance. */
export interface TfRuntime {
  readonly faceapi: FaceApi;
  readonly tf: Tf;
  readonly backend: TfBackendName;
  /** Threads the backend was asked to use (WASM in Node runs single-threaded regardless; see docs). */
  readonly threads: number;
}

export interface TfRuntimeOptions {
  /** Threads for the WASM backend's XNNPACK pool (default: 2, this machine's cores). */
  wasmThreads?: number;
  /** Force a backend; by default native tfjs-node when installed, WASM otherwise. */
  backend?: TfBackendName;
}

let runtime: Promise<TfRuntime> | undefined;

/** Whether native TensorFlow for Node is installed (it cannot be here: its install downloads libtensorflow). */
export function isTfjsNodeInstalled(): boolean {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads TensorFlow.js once per process. face-api's Node bundles `require` the tf package
 * themselves, so the bundle is chosen to match the backend: `face-api.node.js` pulls in
 * tfjs-node, `face-api.node-wasm.js` pulls in @tensorflow/tfjs + the WASM backend.
 */
export function loadTfRuntime(options: TfRuntimeOptions = {}): Promise<TfRuntime> {
  runtime ??= (async () => {
    const backend = options.backend ?? (isTfjsNodeInstalled() ? 'tensorflow' : 'wasm');
    const faceapiDir = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
    const bundle = backend === 'tensorflow' ? 'face-api.node.js' : 'face-api.node-wasm.js';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const faceapi = require(path.join(faceapiDir, 'dist', bundle)) as FaceApi;
    const tf = faceapi.tf as unknown as Tf;
    let threads = 1;
    if (backend === 'wasm') {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const wasm = require('@tensorflow/tfjs-backend-wasm') as { setThreadsCount(n: number): void; setWasmPaths(p: string): void };
      threads = options.wasmThreads ?? 2;
      wasm.setThreadsCount(threads);
      // Point at the installed .wasm files explicitly: nothing is fetched.
      wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);
    }
    const ok = await tf.setBackend(backend);
    if (!ok) throw new Error(`TensorFlow.js backend ${backend} failed to initialise`);
    await tf.ready();
    // Production mode skips per-op NaN checks; the graph models are fixed and trusted.
    tf.enableProdMode();
    return { faceapi, tf, backend, threads };
  })();
  runtime.catch(() => {
    runtime = undefined;
  });
  return runtime;
}
