import { parseArgs } from 'node:util';
import { z } from 'zod';
import { databaseSchema, loadConfigOrExit } from '@app/config';
import { createDataSource } from '@app/models';
import { openCaCertificates, openCaKeyring, CaNotCreatedError } from './ca/ca-keyring';
import { resolvePkiOptions } from './pki-options';

const USAGE = `the certification authority's hierarchy

  npm run -s ca -- init     create the root and issuing CA once (needs PKI_CA_KEY_ENCRYPTION_KEY,
                            PUBLIC_BASE_URL and DATABASE_URL); does nothing when they exist
  npm run -s ca -- show     the CA certificates' subjects, serials, validity and SHA-256 fingerprints
`;

const caCliSchema = databaseSchema.extend({
  PKI_CA_KEY_ENCRYPTION_KEY: z.string().optional(),
  PUBLIC_BASE_URL: z.string().url().optional(),
});

/** `npm run ca -- init|show`: the one way a production CA comes into being. */
export async function runCaCli(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true });
  const command = positionals[0];
  if (command !== 'init' && command !== 'show') {
    out(USAGE);
    return 2;
  }
  const config = loadConfigOrExit(caCliSchema, 'ca');
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  try {
    let ca;
    if (command === 'init') {
      if (!config.PKI_CA_KEY_ENCRYPTION_KEY || !config.PUBLIC_BASE_URL) {
        out('ca: init needs PKI_CA_KEY_ENCRYPTION_KEY (32 bytes, base64) and PUBLIC_BASE_URL (written into the issuing CA certificate)');
        return 2;
      }
      ca = await openCaKeyring(dataSource, resolvePkiOptions({ caKeyEncryptionKey: config.PKI_CA_KEY_ENCRYPTION_KEY, publicBaseUrl: config.PUBLIC_BASE_URL }));
    } else {
      ca = await openCaCertificates(dataSource);
    }
    for (const [name, cert] of [['root', ca.root], ['issuing', ca.issuing]] as const) {
      const fingerprint = Buffer.from(await cert.getThumbprint('SHA-256')).toString('hex');
      out(`${name}\t${cert.subject}\tserial ${cert.serialNumber}\t${cert.notBefore.toISOString()} – ${cert.notAfter.toISOString()}\tSHA-256 ${fingerprint}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof CaNotCreatedError) {
      out(`ca: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}
