import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '@app/contracts/application';
import { PageTitle } from '../ui';

const AFTER_IDENTITY: ApplicationStatus[] = ['pin_required', 'document_required', 'document_reading', 'document_confirmation'];
const AFTER_PIN: ApplicationStatus[] = ['document_required', 'document_reading', 'document_confirmation'];

/** «Создать Digital ID»: the three steps, ticked as they pass (seed 002 step 14). */
export function CreateDigitalId({ status, children }: { status: ApplicationStatus; children: ReactNode }) {
  const { t } = useTranslation();
  const steps = [
    { label: t('create.identity'), done: AFTER_IDENTITY.includes(status) },
    { label: t('create.pin'), done: AFTER_PIN.includes(status) },
    { label: t('create.document'), done: false },
  ];
  return (
    <section className="page">
      <PageTitle>{t('create.title')}</PageTitle>
      <p>{t('create.intro')}</p>
      <ol className="steps">
        {steps.map((step, i) => (
          <li key={step.label} className={step.done ? 'done' : undefined}>
            <span aria-hidden="true">{step.done ? '✔' : i + 1}</span> {step.label}
            {step.done && <span className="visually-hidden"> — {t('create.done')}</span>}
          </li>
        ))}
      </ol>
      {children}
    </section>
  );
}
