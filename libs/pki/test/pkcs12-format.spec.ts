import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../src/crypto-engine';
import { Pkcs12Unreadable, decodePkcs12, encodePkcs12 } from '../src/pkcs12/pkcs12-format';

/** The one PKCS#12 format the server and the browser share, checked against OpenSSL both ways. */
describe('PKCS#12 format (pkijs only, shared with the web app)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pkcs12-format-'));
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let keyPkcs8: Buffer;
  let certificate: Buffer;
  let ca: Buffer;

  beforeAll(() => {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=Test CA', '-days', '2']);
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'holder.key', '-out', 'holder.csr', '-subj', '/CN=HOLDER/serialNumber=IIN871218425862']);
    openssl(['x509', '-req', '-in', 'holder.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'holder.pem', '-days', '1']);
    keyPkcs8 = createPrivateKey(readFileSync(file('holder.key'))).export({ type: 'pkcs8', format: 'der' });
    certificate = Buffer.from(openssl(['x509', '-in', 'holder.pem', '-outform', 'DER']));
    ca = Buffer.from(openssl(['x509', '-in', 'ca.pem', '-outform', 'DER']));
  });

  it('writes containers OpenSSL opens with the password (key, certificate and chain) and refuses without it', async () => {
    const p12 = await encodePkcs12({ privateKeyPkcs8: keyPkcs8, certificate, chain: [ca] }, { password: 'Aigerim2026x', friendlyName: 'AUTH 01', pbkdf2Iterations: 2048 });
    writeFileSync(file('ours.p12'), p12);
    const pem = openssl(['pkcs12', '-in', 'ours.p12', '-passin', 'pass:Aigerim2026x', '-nodes']).toString('utf8');
    expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
    expect(pem.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    expect(pem).toContain('friendlyName: AUTH 01');
    expect(() => openssl(['pkcs12', '-in', 'ours.p12', '-passin', 'pass:Wrong2026x', '-nodes'])).toThrow();
  });

  it('reads back what it wrote: the key, the certificate with the key\'s localKeyId, the chain apart', async () => {
    const p12 = await encodePkcs12({ privateKeyPkcs8: keyPkcs8, certificate, chain: [ca] }, { password: 'Aigerim2026x', pbkdf2Iterations: 2048 });
    const opened = await decodePkcs12(p12, 'Aigerim2026x');
    expect(Buffer.from(opened.privateKeyPkcs8).equals(keyPkcs8)).toBe(true);
    expect(Buffer.from(opened.certificate).equals(certificate)).toBe(true);
    expect(opened.chain.map((c) => Buffer.from(c).equals(ca))).toEqual([true]);
  });

  it('opens a container OpenSSL made with PBES2/AES-256 and an HMAC-SHA256 integrity', async () => {
    openssl(['pkcs12', '-export', '-inkey', 'holder.key', '-in', 'holder.pem', '-certfile', 'ca.pem', '-passout', 'pass:Aigerim2026x', '-keypbe', 'AES-256-CBC', '-certpbe', 'AES-256-CBC', '-macalg', 'sha256', '-out', 'openssl.p12']);
    const opened = await decodePkcs12(readFileSync(file('openssl.p12')), 'Aigerim2026x');
    expect(Buffer.from(opened.certificate).equals(certificate)).toBe(true);
    expect(Buffer.from(opened.privateKeyPkcs8).equals(keyPkcs8)).toBe(true);
  });

  it('refuses a wrong password and a file that is not a container with Pkcs12Unreadable', async () => {
    const p12 = await encodePkcs12({ privateKeyPkcs8: keyPkcs8, certificate, chain: [] }, { password: 'Aigerim2026x', pbkdf2Iterations: 2048 });
    await expect(decodePkcs12(p12, 'Aigerim2026y')).rejects.toBeInstanceOf(Pkcs12Unreadable);
    await expect(decodePkcs12(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x03]), 'Aigerim2026x')).rejects.toBeInstanceOf(Pkcs12Unreadable);
    await expect(decodePkcs12(p12.subarray(0, p12.length - 40), 'Aigerim2026x')).rejects.toBeInstanceOf(Pkcs12Unreadable);
  });
});
