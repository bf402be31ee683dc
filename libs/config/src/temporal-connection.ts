import { readFileSync } from 'node:fs';
import type { TemporalConfig } from './schema';

export interface TemporalConnectionSettings {
  address: string;
  tls?: boolean | { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer; serverNameOverride?: string };
  apiKey?: string;
}

/**
 * How to reach Temporal: the local dev server in plain gRPC, or a production cluster with mTLS
 * (client certificate + key, optional private CA) or an API key. Shared by the API's client and the worker.
 */
export function temporalConnectionSettings(config: TemporalConfig): TemporalConnectionSettings {
  const { TEMPORAL_TLS_CERT_PATH: certPath, TEMPORAL_TLS_KEY_PATH: keyPath, TEMPORAL_TLS_CA_PATH: caPath } = config;
  if (Boolean(certPath) !== Boolean(keyPath)) throw new Error('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together');
  const mtls = certPath && keyPath;
  if (!mtls && !caPath && !config.TEMPORAL_API_KEY) return { address: config.TEMPORAL_ADDRESS };
  return {
    address: config.TEMPORAL_ADDRESS,
    apiKey: config.TEMPORAL_API_KEY,
    tls: {
      ...(mtls ? { clientCertPair: { crt: readFileSync(certPath), key: readFileSync(keyPath) } } : {}),
      ...(caPath ? { serverRootCACertificate: readFileSync(caPath) } : {}),
      ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
    },
  };
}
