import '../crypto-engine';
import { SubjectType } from '../verified-identity';
import { assertPasswordAllowed } from './password-rules';
import { encodePkcs12 } from './pkcs12-format';

export interface Pkcs12Input {
  /** Unencrypted PKCS#8 DER of the private key. */
  privateKeyPkcs8: Buffer;
  /** DER of the end-entity certificate. */
  certificate: Buffer;
  /** DER of CA certificates to include (issuing, root). */
  chain?: Buffer[];
  password: string;
  /** Selects the seed's password rule. */
  subjectType: SubjectType;
  friendlyName?: string;
}

export interface Pkcs12BuilderOptions {
  /** PBKDF2 iterations for the key and certificate encryption. Default 100 000. */
  pbkdf2Iterations?: number;
  /** Iterations of the PKCS#12 MAC key derivation. Default 2048 (OpenSSL's default). */
  macIterations?: number;
}

/**
 * Builds password-protected PKCS#12 containers (pkcs12-format.ts, which the web app shares) after the
 * seed's password rule for the subject type.
 */
export class Pkcs12Builder {
  constructor(private readonly options: Pkcs12BuilderOptions = {}) {}

  async build(input: Pkcs12Input): Promise<Buffer> {
    assertPasswordAllowed(input.subjectType, input.password);
    const der = await encodePkcs12(
      { privateKeyPkcs8: input.privateKeyPkcs8, certificate: input.certificate, chain: input.chain ?? [] },
      { password: input.password, friendlyName: input.friendlyName, pbkdf2Iterations: this.options.pbkdf2Iterations, macIterations: this.options.macIterations },
    );
    return Buffer.from(der);
  }
}
