import { Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, one lane. */
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** Compared against when the account is unknown, so an unknown name costs what a wrong password does. */
const DUMMY_HASH = hash('not-a-password-of-anyone', ARGON2);

/** Passwords of staff and portal accounts: argon2id hashes only. */
export const passwordHashing = {
  hash: (password: string): Promise<string> => hash(password, ARGON2),

  /** Whether the password is the one hashed; a malformed hash is a no. */
  verify: (passwordHash: string, password: string): Promise<boolean> => verify(passwordHash, password).catch(() => false),

  /** The same work as {@link verify}, for a name nobody has: always false. */
  async verifyNobody(password: string): Promise<false> {
    await verify(await DUMMY_HASH, password).catch(() => false);
    return false;
  },
};

export type PasswordHashing = typeof passwordHashing;
