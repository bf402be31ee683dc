import path from 'node:path';
import type { Point } from './face-geometry';
import { diskModelHandler, humanModelsDir } from './passive-liveness-models';
import type { TfRuntime } from './tf-runtime';

/** Eye state from @vladmandic/human's 468-point face mesh + iris model, for one face. */
export interface EyeMeasurement {
  /** Centre of the face in image pixels, to pair with face-api's detections. */
  readonly centre: Point;
  /** Lid gap over eye-region height, mean of both eyes: ~0.3–0.45 open, under ~0.15 closed. */
  readonly openness: number;
}

type Tensor = ReturnType<TfRuntime['tf']['tensor']>;

interface HumanLike {
  load(): Promise<void>;
  detect(input: Tensor): Promise<{ face: Array<{ box: [number, number, number, number]; mesh: Array<[number, number, number?]> }> }>;
}

/**
 * face-api's 68-point eyes stay "open" on squints and laughing closed eyes; human's face mesh
 * follows the lids, so eye closure (selfie check, blink challenge) is measured with it.
 * Only blazeface + mesh + iris run here (~40 ms a frame on WASM).
 */
export class EyeMesh {
  private constructor(private readonly human: HumanLike) {}

  static async load(runtime: TfRuntime): Promise<EyeMesh> {
    // human's loader builds `file://` URLs from modelBasePath; route them to the disk reader (Node's fetch refuses file URLs).
    runtime.tf.io.registerLoadRouter(((url: unknown) =>
      typeof url === 'string' && url.startsWith('file://') ? diskModelHandler(url.slice('file://'.length)) : null) as never);
    // human's package `exports` map is malformed: require the matching dist bundle by path.
    const bundle = runtime.backend === 'tensorflow' ? 'human.node.js' : 'human.node-wasm.js';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Human } = require(path.join(path.dirname(require.resolve('@vladmandic/human')), bundle)) as { Human: new (config: object) => HumanLike };
    const human = new Human({
      backend: runtime.backend,
      modelBasePath: `file://${humanModelsDir()}/`,
      debug: false,
      async: false,
      warmup: 'none',
      cacheSensitivity: 0, // every frame is a new frame: never reuse a previous result
      filter: { enabled: false },
      face: {
        enabled: true,
        detector: { rotation: false, maxDetected: 10, minConfidence: 0.3, skipFrames: 0 },
        mesh: { enabled: true },
        iris: { enabled: true, skipFrames: 0 },
        description: { enabled: false },
        emotion: { enabled: false },
        antispoof: { enabled: false },
        liveness: { enabled: false },
      },
      body: { enabled: false },
      hand: { enabled: false },
      object: { enabled: false },
      gesture: { enabled: false },
      segmentation: { enabled: false },
    });
    await human.load();
    return new EyeMesh(human);
  }

  /** Measures eye openness for every face the mesh finds in a float32 [1,h,w,3] 0–255 tensor. */
  async measure(input: Tensor): Promise<EyeMeasurement[]> {
    const result = await this.human.detect(input);
    return result.face
      .filter((f) => f.mesh.length >= 468)
      .map((f) => {
        const m = f.mesh;
        // Lid points 386/374 and 159/145 against the brow-to-cheek span 443/450 and 223/230 (human's own blink gesture).
        const left = Math.abs(m[374][1] - m[386][1]) / (Math.abs(m[443][1] - m[450][1]) || 1);
        const right = Math.abs(m[145][1] - m[159][1]) / (Math.abs(m[223][1] - m[230][1]) || 1);
        return { centre: { x: f.box[0] + f.box[2] / 2, y: f.box[1] + f.box[3] / 2 }, openness: (left + right) / 2 };
      });
  }
}
