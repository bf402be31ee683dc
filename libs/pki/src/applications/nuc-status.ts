/** Application statuses; titles are the seeds' own wording (seed 003 §2.2, seed 002 steps 26–27). */
export enum NucStatus {
  New = 'NEW',
  Identified = 'IDENTIFIED',
  AwaitingFirstHead = 'AWAITING_FIRST_HEAD',
  Signing = 'SIGNING',
  Issued = 'ISSUED',
  Installed = 'INSTALLED',
  RejectedByFirstHead = 'REJECTED_BY_FIRST_HEAD',
  Annulled = 'ANNULLED',
}

export const NUC_STATUS_TITLES: Record<NucStatus, string> = {
  [NucStatus.New]: 'Новая заявка',
  [NucStatus.Identified]: 'Пользователь идентифицирован центром регистрации',
  [NucStatus.AwaitingFirstHead]: 'Ожидание подтверждения первого руководителя',
  [NucStatus.Signing]: 'Заявка на подписи в ИС НУЦ',
  [NucStatus.Issued]: 'Выпущены регистрационные свидетельства (сертификаты) по заявке',
  [NucStatus.Installed]: 'Сертификаты установлены',
  // The seeds name no status for these two; the wording follows their text («заявка будет аннулирована»).
  [NucStatus.RejectedByFirstHead]: 'Заявка отклонена первым руководителем',
  [NucStatus.Annulled]: 'Заявка аннулирована',
};

/** Which status may follow which; anything else is a bug in the caller. */
const NEXT: Record<NucStatus, readonly NucStatus[]> = {
  [NucStatus.New]: [NucStatus.Identified, NucStatus.Annulled],
  [NucStatus.Identified]: [NucStatus.AwaitingFirstHead, NucStatus.Signing, NucStatus.Annulled],
  [NucStatus.AwaitingFirstHead]: [NucStatus.Signing, NucStatus.RejectedByFirstHead, NucStatus.Annulled],
  [NucStatus.Signing]: [NucStatus.Issued],
  [NucStatus.Issued]: [NucStatus.Installed],
  [NucStatus.Installed]: [],
  [NucStatus.RejectedByFirstHead]: [],
  [NucStatus.Annulled]: [],
};

export function canMoveTo(from: NucStatus, to: NucStatus): boolean {
  return NEXT[from].includes(to);
}

/** Statuses in which an application is still unfinished and may be annulled. */
export const ANNULLABLE_STATUSES: readonly NucStatus[] = [NucStatus.New, NucStatus.Identified, NucStatus.AwaitingFirstHead];

export function isNucStatus(value: string): value is NucStatus {
  return (Object.values(NucStatus) as string[]).includes(value);
}
