import * as pkijs from 'pkijs';
import { encodePkcs12 } from '@app/pki/pkcs12-format';

/*
 * PKCS#12 built in the browser by the same code the server builds it with
 * (libs/pki/src/pkcs12/pkcs12-format.ts), on the browser's WebCrypto.
 */
pkijs.setEngine('browser', new pkijs.CryptoEngine({ name: 'browser', crypto }));

export interface Pkcs12Input {
  privateKeyPkcs8: ArrayBuffer;
  certificate: Uint8Array<ArrayBuffer>;
  chain: Array<Uint8Array<ArrayBuffer>>;
  password: string;
  friendlyName: string;
}

export async function buildPkcs12(input: Pkcs12Input): Promise<ArrayBuffer> {
  const der = await encodePkcs12(
    { privateKeyPkcs8: new Uint8Array(input.privateKeyPkcs8), certificate: input.certificate, chain: input.chain },
    { password: input.password, friendlyName: input.friendlyName },
  );
  return der.slice().buffer;
}
