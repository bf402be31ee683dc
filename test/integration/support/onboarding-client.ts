import { personEligibility } from '@app/eligibility';
import { OnboardingClient as StackClient, type SeededPersonView } from '../../../scripts/onboarding-client';
import { readStack } from './it-stack';

export { sleep, type HttpAnswer, type SeededPersonView } from '../../../scripts/onboarding-client';

/** The client of the integration stack, whose ports and secrets the global setup wrote down. */
export class OnboardingClient extends StackClient {
  constructor() {
    super(readStack());
  }
}

/** The IINs the issues name; tests that need "some applicant" leave them to the tests about them. */
// 010210656226 (lost ID card) belongs to the whole-path tests.
const NAMED_IINS = ['880515300120', '900101400559', '950408300015', '010210656226'];

/** The register rules themselves decide who can apply. */
export const isEligible = (p: SeededPersonView) => personEligibility(p).eligible;

/**
 * Hands out seeded people with a БМГ phone, a different one to each caller, so per-IIN limits never
 * collide. Each test file takes its own `offset` into the list.
 */
export async function peopleWithPhones(client: OnboardingClient, offset: number): Promise<() => { iin: string; phone: string }> {
  const people = (await client.people()).filter((p) => p.bmgPhone && isEligible(p) && !NAMED_IINS.includes(p.iin) && !p.photoFile);
  let next = offset;
  return () => {
    const person = people[next++];
    if (!person) throw new Error('ran out of seeded people with a phone');
    return { iin: person.iin, phone: person.bmgPhone! };
  };
}
