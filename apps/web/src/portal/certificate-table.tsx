import { useTranslation } from 'react-i18next';
import type { CertificateDetails } from '../keys/certificate-details';
import { useDateTime } from '../ui';

/** «Данные сертификата»: ИИН, E-mail, Фамилия, Имя, Отчество, Срок действия (seed 001, figure 14). */
export function CertificateTable({ details }: { details: CertificateDetails }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const rows: Array<[string, string | undefined]> = [
    [t('portal.iin'), details.iin],
    [t('portal.bin'), details.bin],
    [t('portal.organization'), details.organizationName],
    [t('portal.email'), details.email],
    [t('portal.surname'), details.surname],
    [t('portal.givenName'), details.givenName],
    [t('portal.patronymic'), details.patronymic],
    [t('portal.validity'), `${dateTime(details.validFrom.toISOString())} - ${dateTime(details.validTo.toISOString())}`],
  ];
  return (
    <table className="certificate">
      <caption>{t('portal.certificateData')}</caption>
      <tbody>
        {rows
          .filter(([, value]) => value)
          .map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
