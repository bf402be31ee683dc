/** Subject types and certificate templates offered on the start page (seed 002 step 3, DESIGN §2.1). */
export const SUBJECT_TYPES = ['individual', 'legal_entity'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const CERTIFICATE_TEMPLATES = {
  individual: 'Физическое лицо',
  legal_entity_employee: 'Юридическое лицо - Сотрудник организации',
  legal_entity_first_head: 'Юридическое лицо - Первый руководитель',
  legal_entity_signer: 'Юридическое лицо - Право подписи',
  treasury_client: 'Участник ИС Казначейство-Клиент',
} as const;
export type CertificateTemplate = keyof typeof CERTIFICATE_TEMPLATES;
export const CERTIFICATE_TEMPLATE_CODES = Object.keys(CERTIFICATE_TEMPLATES) as CertificateTemplate[];

/** Where an application is. Only the workflow moves it; the API and projections read it. */
export type ApplicationStatus =
  | 'checking_phone'
  | 'ineligible'
  | 'phone_not_registered'
  | 'otp_cooldown'
  | 'otp_sent'
  | 'otp_verified'
  | 'blocked'
  | 'superseded'
  | 'abandoned';

/** What the applicant should do next, so a client can render the right page. */
export type NextStep = 'wait' | 'visit_service_center' | 'register_phone_via_operator' | 'enter_otp' | 'selfie' | 'start_again' | 'none';

export interface StatusEvent {
  status: ApplicationStatus;
  at: string; // ISO-8601
}

export interface OtpState {
  /** When the current code stops being accepted (ISO), if a code is out. */
  expiresAt?: string;
  /** When a new code may be requested (ISO). */
  resendAvailableAt?: string;
  /** Masked БМГ phone the code went to. */
  phoneMasked?: string;
}

/** The workflow's view of one application, returned by its query and updates. */
export interface ApplicationView {
  applicationId: string;
  status: ApplicationStatus;
  nextStep: NextStep;
  history: StatusEvent[];
  otp: OtpState;
  /** A message for the applicant, in the seed's words where the seed gives one. */
  message?: string;
}

export interface OnboardingInput {
  applicationId: string;
  subjectType: SubjectType;
  iin: string;
  bin?: string;
  template: CertificateTemplate;
}

/** The seed's messages (000/001/002). Kept together so every surface says the same thing. */
export const MESSAGES = {
  invalidIin: 'неверный ИИН',
  invalidBin: 'неверный БИН',
  blocked: 'Вы заблокированы!',
  phoneNotRegistered:
    'Ваш номер телефона не зарегистрирован в базе мобильных граждан. Для этого Вам необходимо открыть Виртуальный ассистент и нажать иконку видео-звонка. ' +
    'После успешной регистрации в базе мобильных граждан продолжите процесс получения ЭЦП удаленно.',
  otpSent: 'Одноразовый пароль отправлен на номер телефона',
  otpWrong: 'Неверный одноразовый пароль',
  otpExpired: 'Срок действия одноразового пароля истек. Запросите новый пароль.',
  otpVerified: 'Одноразовый пароль подтвержден',
  superseded: 'Заявка заменена новой заявкой по этому ИИН',
  abandoned: 'Время ожидания одноразового пароля истекло. Начните заново.',
} as const;
