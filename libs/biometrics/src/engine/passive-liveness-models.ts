import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Tf } from './tf-runtime';

type GraphModel = Awaited<ReturnType<Tf['loadGraphModel']>>;
type IoHandler = Parameters<Tf['loadGraphModel']>[0];

/** Where @vladmandic/human keeps its models. Its `exports` map hides package.json, so resolve its main file instead. */
export function humanModelsDir(): string {
  return path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..', 'models');
}

/**
 * An IO handler that reads a TF.js graph model's `.json` and weight shards from disk: under the
 * WASM backend `file://` URLs do not load (Node's fetch refuses them), and nothing may be fetched.
 */
export function diskModelHandler(jsonPath: string): Exclude<IoHandler, string> {
  return {
    load: async () => {
      const json = JSON.parse(await readFile(jsonPath, 'utf8')) as {
        modelTopology: object;
        format?: string;
        generatedBy?: string;
        convertedBy?: string;
        signature?: object;
        userDefinedMetadata?: Record<string, object>;
        weightsManifest: Array<{ paths: string[]; weights: unknown[] }>;
      };
      const dir = path.dirname(jsonPath);
      const shards = await Promise.all(json.weightsManifest.flatMap((group) => group.paths.map((p) => readFile(path.join(dir, p)))));
      const weights = Buffer.concat(shards);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: json.weightsManifest.flatMap((group) => group.weights) as never,
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      };
    },
  };
}

/** Human's two passive presentation-attack models: `antispoof` (128×128, real-face score) and `liveness` (32×32). */
export interface PassiveLivenessModels {
  readonly antispoof: GraphModel;
  readonly liveness: GraphModel;
}

export async function loadPassiveLivenessModels(tf: Tf): Promise<PassiveLivenessModels> {
  const dir = humanModelsDir();
  const [antispoof, liveness] = await Promise.all([
    tf.loadGraphModel(diskModelHandler(path.join(dir, 'antispoof.json'))),
    tf.loadGraphModel(diskModelHandler(path.join(dir, 'liveness.json'))),
  ]);
  return { antispoof, liveness };
}
