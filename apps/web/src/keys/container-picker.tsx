import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../ui';
import { openContainer, type OpenedContainer } from './pkcs12-signing';

/**
 * A PKCS#12 file picked and opened here with its password, as NCALayer's «Выбрать сертификат» does:
 * the file and the password never leave the browser. Reports the opened container, or undefined
 * while the two do not open it.
 */
export function ContainerPicker({ id, label, onOpened }: { id: string; label: string; onOpened: (c: OpenedContainer | undefined) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File>();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!file || !password) return onOpened(undefined);
    let cancelled = false;
    // Opening runs the PBKDF2 of the container: wait until the person stops typing.
    const timer = setTimeout(() => {
      file
        .arrayBuffer()
        .then((bytes) => openContainer(bytes, password))
        .then((opened) => !cancelled && (setError(undefined), onOpened(opened)))
        .catch(() => !cancelled && (setError(t('container.wrong')), onOpened(undefined)));
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [file, password, onOpened, t]);
  return (
    <div>
      <label htmlFor={`${id}-file`}>{label}</label>
      <input id={`${id}-file`} type="file" accept=".p12,.pfx,application/x-pkcs12" onChange={(e) => setFile(e.target.files?.[0])} aria-describedby={`${id}-error`} />
      <label htmlFor={`${id}-password`}>{t('container.password')}</label>
      <input id={`${id}-password`} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={`${id}-error`} />
      <FieldError id={`${id}-error`}>{error}</FieldError>
    </div>
  );
}
