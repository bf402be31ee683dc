import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the shared face photos live: `shared/` is cloned beside the repository root. */
export const DEFAULT_FACES_DIR = resolve(__dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'faces');

/**
 * The portrait fixtures directory; throws with the path it looked at when it is missing, so a
 * checkout without `shared/` fails loudly instead of producing blank portraits.
 */
export function resolveFacesDir(dir: string = DEFAULT_FACES_DIR): string {
  if (!existsSync(dir) || !readdirSync(dir).some((f) => /\.(jpe?g|png)$/i.test(f))) {
    throw new Error(`Portrait fixtures not found at ${dir}: clone shared/ beside the repository root (see DESIGN §6)`);
  }
  return dir;
}
