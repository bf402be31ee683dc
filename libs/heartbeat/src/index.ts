import { Context } from '@temporalio/activity';

/** How often a long activity tells Temporal it is alive; the workflows' heartbeat timeout is a few times this. */
export const HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * Runs CPU-heavy work (OCR, face models over many frames) while heartbeating, so a worker that was
 * killed is noticed within the heartbeat timeout and the activity retried elsewhere. Outside an
 * activity (unit tests, the CLI) it just runs the work.
 */
export async function whileHeartbeating<T>(run: () => Promise<T>): Promise<T> {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return run();
  }
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}
