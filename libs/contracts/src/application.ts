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
  // the code step (seed 002 steps 3–5)
  | 'checking_phone'
  | 'ineligible'
  | 'phone_not_registered'
  | 'otp_cooldown'
  | 'otp_sent'
  | 'otp_verified'
  | 'blocked'
  | 'superseded'
  | 'abandoned'
  // Digital ID (steps 7–8): the БМГ phone typed again and a second code
  | 'digital_id_otp_cooldown'
  | 'digital_id_otp_sent'
  // identity (steps 9–17)
  | 'selfie_required'
  | 'video_identification'
  | 'pin_required'
  | 'document_required'
  | 'document_reading'
  | 'document_confirmation'
  | 'register_matching'
  | 'under_review'
  | 'document_linked'
  // НУЦ (steps 20–27)
  | 'nuc_application'
  // a legal-entity employee's application waits for the first head (seed 002 step 26)
  | 'awaiting_first_head'
  | 'certificates_issuing'
  | 'certificates_issued'
  | 'installed'
  // endings
  | 'rejected'
  | 'annulled';

/** What the applicant should do next, so a client can render the right page. */
export type NextStep =
  | 'wait'
  | 'visit_service_center'
  | 'register_phone_via_operator'
  | 'enter_otp'
  | 'digital_id'
  | 'selfie'
  | 'video_identification'
  | 'pin'
  | 'document'
  | 'confirm_document'
  | 'consent'
  | 'nuc_application'
  | 'install_certificates'
  | 'start_again'
  | 'none';

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

/** The seed's checklist (seed 002 steps 4–7): what the client reported and what the register said. */
export interface Checklist {
  /** «Веб-камера имеется» */
  webcam: boolean | null;
  /** «Удалось подключиться к NCALayer» (our key agent) */
  keyAgent: boolean | null;
  /** «Пользователь зарегистрирован в базе мобильных граждан» */
  mobileCitizen: boolean | null;
}

export interface ClientChecks {
  webcam?: boolean;
  keyAgent?: boolean;
}

/** Video identification: the instructions the server issued, in order. */
export interface LivenessSessionView {
  sessionId: string;
  challenges: string[];
  instructions: Array<{ ru: string; en: string }>;
  expiresAt: string;
}

export type IdentityDocumentKind = 'id_card' | 'passport';

/** The fields of the seed's confirmation form (seed 002 step 17), in its order. */
export const DOCUMENT_FORM_FIELDS = [
  'documentNumber',
  'iin',
  'surname',
  'givenName',
  'patronymic',
  'birthDate',
  'birthPlace',
  'nationality',
  'issuingAuthority',
  'issueDate',
  'expiryDate',
] as const;
export type DocumentFormField = (typeof DOCUMENT_FORM_FIELDS)[number];
/**
 * Marked «*» on the seed's form, except «Отчество»: not every citizen has a patronymic, so an empty
 * one is accepted (and still compared with the register, which then has none either).
 */
export const REQUIRED_DOCUMENT_FIELDS: readonly DocumentFormField[] = ['documentNumber', 'iin', 'surname', 'givenName', 'birthDate', 'birthPlace', 'expiryDate'];
export type DocumentFields = Partial<Record<DocumentFormField, string>>;

export interface DocumentView {
  type: IdentityDocumentKind;
  /** As read from the photos (OCR and the machine-readable zone). */
  recognised: DocumentFields;
  /** Fields the reader was not sure of: shown marked on the form. */
  uncertain: DocumentFormField[];
  /** As the applicant confirmed them (after «Подтверждаю, что данные достоверны»). */
  confirmed?: DocumentFields;
}

export interface NucApplicationLink {
  number: string;
  status: string;
  statusTitle: string;
  history: Array<{ status: string; title: string; at: string }>;
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
  checklist?: Checklist;
  /** Problems of the last selfie or video identification, in the applicant's words. */
  problems?: string[];
  /**
   * Why the last document photo was refused, machine-readable (`DocumentRejectionCode` of @app/documents:
   * `too_far`, `glare`, `blurred`, `unreadable`, `wrong_side` …), so a page can give the advice in its language.
   */
  problemReason?: string;
  attempts?: { selfie: number; videoIdentification: number; document: number };
  liveness?: LivenessSessionView;
  document?: DocumentView;
  /** The open moderation case, while there is one. */
  moderationCaseId?: string;
  nuc?: NucApplicationLink;
  /** While the first head has not decided (legal-entity employees): until when they may. */
  firstHeadApproval?: { deadlineAt: string };
  /** How many digits the PIN has (PIN_LENGTH), for the pages that ask for it. */
  pinLength?: number;
}

/** PIN_LENGTH's default: the seed's six digits. */
export const DEFAULT_PIN_LENGTH = 6;

export interface OnboardingInput {
  applicationId: string;
  subjectType: SubjectType;
  iin: string;
  bin?: string;
  template: CertificateTemplate;
  clientChecks?: ClientChecks;
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
  /** Seed 002 step 5, when the code's time has run out (the seed's legal-entity text says «БИН необходимо активировать»; an individual has no BIN). */
  otpNotReceived:
    'Вы не видите одноразовый пароль. Если Вы его не получили посредством SMS, необходимо активировать Ваш номер телефона в базе мобильных граждан. ' +
    'Для этого Вам необходимо открыть Виртуальный ассистент, который расположен в правом нижнем углу этой страницы и нажать иконку видео-звонка. ' +
    'После успешной регистрации в базе мобильных граждан продолжите процесс получения ЭЦП удаленно, перезагрузив эту страницу.',
  digitalIdPhoneMismatch: 'Номер телефона не совпадает с номером, зарегистрированным в базе мобильных граждан',
  selfieRequired: 'Расположите лицо в центре области экрана и нажмите на иконку фотоснимка',
  selfieAttemptsExhausted: 'Не удалось сделать селфи за отведённое число попыток. Начните заново или обратитесь в ЦОН.',
  videoIdentificationRequired: 'Нажмите «Начать» и выполните рекомендации по расположению и движению лица',
  videoIdentificationAttemptsExhausted: 'Видеоидентификация не пройдена за отведённое число попыток. Начните заново или обратитесь в ЦОН.',
  pinRequired: 'Задайте PIN-код для дальнейшего доступа к аккаунту',
  documentRequired: 'Выберите один из документов, загрузите файл в JPEG или сделайте фотографию',
  documentConfirm: 'Проверьте распознанные данные и подтвердите: «Подтверждаю, что данные достоверны»',
  documentAttemptsExhausted: 'Документ не удалось распознать за отведённое число попыток. Обратитесь в ЦОН.',
  documentLinked: 'Документ загружен. Документ привязан к аккаунту',
  underReview: 'Ваш документ на проверке. Мы пришлем вам SMS с результатом. После проверки вы сможете продолжить получение услуги в личном кабинете',
  consentRequired: 'Предоставьте доступ к Вашим сведениям и удостоверению личности для передачи в сервис Национального удостоверяющего центра и введите PIN-код',
  nucApplicationRequired: 'Ознакомьтесь с пользовательским соглашением, выберите тип хранилища ключей и подайте заявку',
  certificatesIssuing: 'Заявка на подписи в ИС НУЦ',
  certificatesIssued: 'Выпущены регистрационные свидетельства (сертификаты) по заявке',
  installed: 'Сертификаты установлены. Поздравляем!!! Получение регистрационных свидетельств успешно завершено.',
  annulled: 'Заявка аннулирована: процедура не была завершена в течение одного месяца',
  /** Seed 002 step 26: the status a legal-entity employee's application waits in, and what to do. */
  awaitingFirstHead:
    'Пользователь идентифицирован центром регистрации (Ожидание подтверждения первого руководителя). ' +
    'Для завершения процедуры получения сертификатов НУЦ РК Вам необходимо: 1 шаг: Обратиться к первому руководителю Вашей организации или лицу, исполняющему его обязанности (сотрудник с правом подписи), для подтверждения заявки. ' +
    '2 шаг: После подтверждения заявки первым руководителем, установите сертификаты на этой странице, либо на странице проверки статуса заявки.',
  /** The seeds name no deadline for the first head; our wording when it passes. */
  firstHeadDeadlinePassed: 'Заявка аннулирована: первый руководитель организации не подтвердил заявку в установленный срок. Подайте заявку заново.',
  /** SMS after the moderator's decision (seed 002 step 19 names the SMS, not its words). */
  smsReviewApproved: 'Ваш документ проверен и подтвержден. Продолжите получение ЭЦП удаленно в личном кабинете. eGov',
  smsReviewRejected: 'Ваш документ не прошел проверку. Подробности в личном кабинете. eGov',
  smsReviewRecapture: 'Для продолжения получения ЭЦП удаленно сделайте новое фото. Подробности в личном кабинете. eGov',
} as const;

/** A new code asked for before the resend wait is over (429 with the seconds). */
export const resendTooEarlyMessage = (seconds: number) => `Повторно запросить одноразовый пароль можно через ${seconds} с`;

/** «ЗАЯВКА УСПЕШНО СФОРМИРОВАНА! Вашей заявке присвоен номер …» (seed 002 step 26, seed 003). */
export const nucApplicationCreatedMessage = (number: string) => `ЗАЯВКА УСПЕШНО СФОРМИРОВАНА! Вашей заявке присвоен номер: ${number}`;

/** How a status of an onboarding application reads in «История получения услуг» (and on the Russian pages). */
export const APPLICATION_STATUS_TITLES: Record<ApplicationStatus, string> = {
  checking_phone: 'Проверка номера телефона',
  ineligible: 'Отказано: обратитесь в ЦОН',
  phone_not_registered: 'Номер телефона не зарегистрирован в базе мобильных граждан',
  otp_cooldown: 'Ожидание одноразового пароля',
  otp_sent: 'Одноразовый пароль отправлен',
  otp_verified: 'Одноразовый пароль подтвержден',
  blocked: 'Заблокировано на 15 минут',
  superseded: 'Заменена новой заявкой',
  abandoned: 'Не завершена',
  digital_id_otp_cooldown: 'Ожидание одноразового пароля',
  digital_id_otp_sent: 'Одноразовый пароль отправлен',
  selfie_required: 'Ожидается селфи',
  video_identification: 'Видеоидентификация',
  pin_required: 'Ожидается PIN-код',
  document_required: 'Ожидается документ',
  document_reading: 'Документ распознается',
  document_confirmation: 'Ожидается подтверждение данных документа',
  register_matching: 'Сверка с государственной базой данных',
  under_review: 'Документ на проверке',
  document_linked: 'Документ привязан к аккаунту',
  nuc_application: 'Ожидается заявка в НУЦ',
  awaiting_first_head: 'Ожидание подтверждения первого руководителя',
  certificates_issuing: 'Заявка на подписи в ИС НУЦ',
  certificates_issued: 'Регистрационные свидетельства выпущены',
  installed: 'Сертификаты установлены',
  rejected: 'Отклонена',
  annulled: 'Аннулирована',
};
