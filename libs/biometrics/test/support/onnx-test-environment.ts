/*
 * Jest's node environment gives each test file its own realm, so typed arrays made there are not
 * `instanceof` the ones onnxruntime-node checks against (it builds output tensors from the outer
 * realm's arrays and rejects with "A float32 tensor's data must be type of Float32Array").
 * Test files that run the ONNX models opt in with the docblock
 * `@jest-environment ./libs/biometrics/test/support/onnx-test-environment.ts`; this environment
 * shares the outer realm's typed-array constructors with them.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-node';

const TYPED_ARRAYS = ['Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'Uint8ClampedArray'] as const;

export default class OnnxTestEnvironment extends TestEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const outer = globalThis as unknown as Record<string, unknown>;
    for (const name of TYPED_ARRAYS) (this.global as unknown as Record<string, unknown>)[name] = outer[name];
  }
}
