import { randomInt } from 'node:crypto';

/** What the applicant is asked to do during video identification (seed 002/004, step 13). */
export enum LivenessChallenge {
  TurnLeft = 'turn_left',
  TurnRight = 'turn_right',
  LookUp = 'look_up',
  Blink = 'blink',
  Smile = 'smile',
}

export const ALL_CHALLENGES: readonly LivenessChallenge[] = Object.values(LivenessChallenge);

/** Instructions the client shows, per challenge. "Left" is the applicant's own left. */
export const CHALLENGE_INSTRUCTIONS: Record<LivenessChallenge, { ru: string; en: string }> = {
  [LivenessChallenge.TurnLeft]: { ru: 'Поверните голову влево', en: 'Turn your head to the left' },
  [LivenessChallenge.TurnRight]: { ru: 'Поверните голову вправо', en: 'Turn your head to the right' },
  [LivenessChallenge.LookUp]: { ru: 'Поднимите голову вверх', en: 'Look up' },
  [LivenessChallenge.Blink]: { ru: 'Моргните', en: 'Blink' },
  [LivenessChallenge.Smile]: { ru: 'Улыбнитесь', en: 'Smile' },
};

/** Picks `count` distinct challenges in random order (crypto RNG: the sequence must not be predictable). */
export function pickChallenges(count = 3, random: (maxExclusive: number) => number = randomInt): LivenessChallenge[] {
  const pool = [...ALL_CHALLENGES];
  const picked: LivenessChallenge[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(random(pool.length), 1)[0]);
  return picked;
}
