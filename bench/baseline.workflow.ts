import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

/** No-op activities standing in for the onboarding activities (same count, same order). */
export interface BaselineActivities {
  noop(step: string): Promise<void>;
}

const { noop } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

export const baselineStartedUpdate = defineUpdate<string>('baselineStarted');
export const baselineSubmitUpdate = defineUpdate<string, [string]>('baselineSubmit');

/**
 * The onboarding workflow's shape with nothing inside: record, look up, send, record on start;
 * verify and record on submit. What Temporal itself costs for the same steps.
 */
export async function baselineWorkflow(): Promise<string> {
  let status = 'checking';
  let done = false;
  setHandler(baselineStartedUpdate, async () => {
    await condition(() => status !== 'checking');
    return status;
  });
  setHandler(baselineSubmitUpdate, async (code) => {
    await noop(`verify ${code}`);
    await noop('record verified');
    done = true;
    status = 'verified';
    return status;
  });
  await noop('record checking');
  await noop('lookup');
  await noop('send');
  await noop('record sent');
  status = 'sent';
  await condition(() => done);
  return status;
}
