import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '@app/contracts/application';
import { isPasswordAllowed } from '@app/pki/password-rules';
import { request } from '../api';
import { RSA_SHA256, certificatePublicKey, importSigningKey, sameBytes, saveFile, signText } from '../keys/browser-keys';
import { openKeys, type KeyFile } from '../keys/key-file';
import { buildPkcs12 } from '../keys/pkcs12';
import { Alert, Busy, FieldError, PageTitle, useDateTime, useErrorText } from '../ui';
import type { SubmittedApplication } from './nuc-application-page';

interface IssuedCertificates {
  auth: { serial: string; pem: string };
  sign: { serial: string; pem: string };
  chain: string[];
}

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  return certificatePublicKey(pem).der as Uint8Array<ArrayBuffer>;
}

/**
 * Installation as the key agent does it (libs/pki/src/key-agent/key-agent.ts), in the browser: the
 * AUTH key proves possession to read the certificates, both containers are built here and saved,
 * and the installation is reported signed with the AUTH key.
 */
async function install(number: string, file: KeyFile, keyPassword: string, password: string): Promise<string[]> {
  const keys = await openKeys(file, keyPassword);
  const auth = await importSigningKey(keys.AUTH);
  const base = `/api/v1/nuc/applications/${encodeURIComponent(number)}`;
  const headers = { 'x-key-proof': await signText(auth, `nuc-access:${number}`) };
  const issued = await request<IssuedCertificates>('GET', `${base}/certificates`, { headers });
  const chain = issued.chain.map(pemToDer);
  const saved: string[] = [];
  for (const kind of ['AUTH', 'SIGN'] as const) {
    const cert = certificatePublicKey(kind === 'AUTH' ? issued.auth.pem : issued.sign.pem);
    if (!sameBytes(await publicKeyOf(keys[kind]), cert.spki)) throw new Error(`the ${kind} certificate does not match the key file`);
    const p12 = await buildPkcs12({ privateKeyPkcs8: keys[kind], certificate: cert.der as Uint8Array<ArrayBuffer>, chain, password, friendlyName: `${kind} ${cert.serial}` });
    const name = `${kind === 'AUTH' ? 'AUTH_RSA256' : 'RSA256'}_${cert.serial}.p12`;
    saveFile(name, p12, 'application/x-pkcs12');
    saved.push(name);
  }
  await request('POST', `${base}/installation`, { body: { proof: await signText(auth, `nuc-installed:${number}`) } });
  return saved;
}

/** The SubjectPublicKeyInfo of a PKCS#8 RSA key (its JWK without the private members). */
async function publicKeyOf(pkcs8: ArrayBuffer): Promise<Uint8Array> {
  const jwk = await crypto.subtle.exportKey('jwk', await crypto.subtle.importKey('pkcs8', pkcs8, RSA_SHA256, true, ['sign']));
  const publicKey = await crypto.subtle.importKey('jwk', { kty: jwk.kty, n: jwk.n, e: jwk.e }, RSA_SHA256, true, ['verify']);
  return new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
}

/** «ЗАЯВКА УСПЕШНО СФОРМИРОВАНА!», the status timeline, and installation once issued (seed 002 steps 26–27). */
export function NucStatusPage({ view, submitted, onChanged }: { view: ApplicationView; submitted?: SubmittedApplication; onChanged: () => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const number = view.nuc?.number ?? submitted?.number ?? '';
  const issued = view.status === 'certificates_issued';
  return (
    <section className="page">
      {submitted ? (
        <>
          <PageTitle>{t('nuc.created')}</PageTitle>
          <p className="number">{t('nuc.number', { number })}</p>
          <p>{t('nuc.saveNumber')}</p>
          <p>{t('nuc.keyFileSaved', { file: submitted.keyFile })}</p>
        </>
      ) : (
        <PageTitle>{t('nuc.statusTitle')}</PageTitle>
      )}
      <h2>{t('nuc.statusTable')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('nuc.statusAt')}</th>
            <th scope="col">{t('nuc.statusName')}</th>
          </tr>
        </thead>
        <tbody>
          {(view.nuc?.history ?? []).map((entry) => (
            <tr key={`${entry.status}-${entry.at}`}>
              <td>{dateTime(entry.at)}</td>
              <td>{t(`nucStatus.${entry.status}`, { defaultValue: entry.title })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t('nuc.currentStatus')}: <strong data-nuc-status={view.nuc?.status}>{view.nuc && t(`nucStatus.${view.nuc.status}`, { defaultValue: view.nuc.statusTitle })}</strong>
      </p>
      <button type="button" onClick={onChanged}>
        {t('nuc.refresh')}
      </button>
      {issued && <InstallForm number={number} onInstalled={onChanged} />}
    </section>
  );
}

function InstallForm({ number, onInstalled }: { number: string; onInstalled: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [keyFile, setKeyFile] = useState<KeyFile>();
  const [keyPassword, setKeyPassword] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ file?: string; again?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const subjectType = keyFile?.subjectType ?? 'individual';
  const rule = subjectType === 'legal_entity' ? t('install.legalEntityRule') : t('install.individualRule');
  const passwordOk = isPasswordAllowed(subjectType, password);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    try {
      setKeyFile(JSON.parse(await file.text()) as KeyFile);
      setErrors({});
    } catch {
      setErrors({ file: t('install.wrongKeyFile') });
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!keyFile) return setErrors({ file: t('install.wrongKeyFile') });
    if (!passwordOk) return document.getElementById('p12-password')?.focus();
    if (password !== again) return setErrors({ again: t('nuc.keysMismatch') });
    setErrors({});
    setBusy(true);
    try {
      await install(number, keyFile, keyPassword, password);
      onInstalled();
    } catch (e) {
      setErrors({ form: e instanceof DOMException ? t('install.wrongKeyFile') : errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('install.title')}</h2>
      <label htmlFor="key-file">{t('install.keyFile')}</label>
      <input id="key-file" type="file" accept="application/json,.json" onChange={(e) => void pick(e.target.files?.[0])} aria-describedby="key-file-error" />
      <FieldError id="key-file-error">{errors.file}</FieldError>
      <label htmlFor="key-file-password">{t('install.keyFilePassword')}</label>
      <input id="key-file-password" type="password" autoComplete="current-password" value={keyPassword} onChange={(e) => setKeyPassword(e.target.value)} />
      <label htmlFor="p12-password">{t('install.password')}</label>
      <input id="p12-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={password !== '' && !passwordOk} aria-describedby="p12-rule" />
      <p id="p12-rule" className={password && !passwordOk ? 'field-error' : 'hint'}>
        <span aria-hidden="true">{password ? (passwordOk ? '✓ ' : '✕ ') : ''}</span>
        {rule}
      </p>
      <label htmlFor="p12-password-again">{t('install.passwordAgain')}</label>
      <input id="p12-password-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} aria-invalid={Boolean(errors.again)} aria-describedby="p12-again-error" />
      <FieldError id="p12-again-error">{errors.again}</FieldError>
      <Alert kind="info">
        <strong>{t('install.remember')}</strong> {t('install.notRecoverable')}
      </Alert>
      <Alert>{errors.form}</Alert>
      {busy && <Busy>{t('install.working')}</Busy>}
      <button type="submit" className="primary" disabled={busy}>
        {t('install.submit')}
      </button>
    </form>
  );
}

export function InstalledPage({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      <PageTitle>{t('install.installed')}</PageTitle>
      <Alert kind="success">{t('install.congratulations')}</Alert>
      <p>
        {t('nuc.number', { number: view.nuc?.number ?? '' })}
      </p>
    </section>
  );
}
