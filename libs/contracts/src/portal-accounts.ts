import { defineQuery, defineSignal } from '@temporalio/workflow';

/**
 * Portal accounts (seeds 000/001): the names the API and the temporary account's workflow share,
 * and the seed's messages.
 */
export const PORTAL_ACCOUNT_WORKFLOW_TYPE = 'portalAccountWorkflow';
export const portalAccountWorkflowId = (accountId: string) => `portal-account-${accountId}`;

export type PortalRights = 'temporary' | 'full';
export type PortalLanguage = 'ru' | 'kk';
export const PORTAL_LANGUAGES: readonly PortalLanguage[] = ['ru', 'kk'];

export interface PortalAccountLifeInput {
  accountId: string;
  /** When the current stretch without a sign-in began (activation, or the last sign-in), ISO. */
  idleSince: string;
  /** Seed 000: «по истечению 2 месяцев» without a sign-in, the notice. */
  noticeAfterMs: number;
  /** …and «по истечению 30 календарных дней» after it, the deletion. */
  deleteAfterNoticeMs: number;
}

/** How a temporary account's life ended, or where it stands. */
export type PortalAccountPhase = 'temporary' | 'notified' | 'deleted' | 'full_rights';

export interface PortalAccountLifeView {
  accountId: string;
  phase: PortalAccountPhase;
  idleSince: string;
  /** When the notice goes out unless the person signs in first. */
  noticeAt?: string;
  noticeSentAt?: string;
  /** When the account is deleted unless the person signs in first (after the notice). */
  deleteAt?: string;
}

/** A sign-in with the password: the clock starts again from `at`. */
export const portalSignedInSignal = defineSignal<[{ at: string }]>('portalSignedIn');
/** A sign-in with a signature (or a service signed with one): full rights, the clock stops for good. */
export const portalFullRightsSignal = defineSignal<[{ at: string }]>('portalFullRights');
export const getPortalAccountLifeQuery = defineQuery<PortalAccountLifeView>('getPortalAccountLife');

/** What the lifecycle's activities found in MySQL: the account may have moved on since the timer was set. */
export type PortalAccountCheck =
  | { outcome: 'done' }
  | { outcome: 'signed_in'; lastSignInAt: string }
  | { outcome: 'full_rights' }
  | { outcome: 'gone' };

/** Seeds 000/001, word for word (the API's own words where the seed gives none are kept apart below). */
export const PORTAL_MESSAGES = {
  agreement: 'Я ознакомился и принимаю условия настоящего Соглашения',
  registrationTerms: 'Ознакомился и принимаю условия настоящей Регистрации',
  /** The form's text of the temporary registration; the days are the configured notice + deletion (seed: 90). */
  temporaryRightsTerms: (days: number) =>
    'Данный вид регистрации предоставляет Вам временные права на пользование профилем. Для получения полных прав Вам необходимо авторизоваться при помощи ЭЦП ' +
    `или получить одну из государственных услуг, подписанную Вашей ЭЦП. В случае если в течение ${days} календарных дней, Вы, посещая портал, не авторизовались ` +
    'под Вашей учетной записью, администрация вправе удалить Ваш профиль.',
  invalidIin: 'неверный ИИН',
  blocked: 'Вы заблокированы!',
  alreadyRegistered: 'Пользователь с таким ИИН-ом уже зарегистрирован',
  alreadyRegisteredAtPassword: 'Пользователь с указанным ИИН/БИН уже зарегистрирован',
  forgotPassword: 'Забыли пароль?',
  passwordLength: 'Длина пароля должна быть не менее 8 и не более 30 символов',
  corporateEmailWarning:
    'Не рекомендуется указывать адрес электронной почты, являющийся корпоративным или зарегистрированным на другое физическое лицо, т.к. в случае его утери ' +
    'Вы не сможете воспользоваться сервисом восстановления пароля',
  confirmationSent: (email: string) => `Для подтверждения регистрации пройдите по ссылке, высланной на Вашу электронную почту – ${email}`,
  technicalError: 'К сожалению, произошла ошибка. Попробуйте еще раз пройти процесс регистрации',
  registeredTemporary:
    'Поздравляем, Вы успешно зарегистрировались на веб-Портале «электронного правительства» Республики Казахстан с временными правами. Для того, чтобы получить ' +
    'полные права, Вам необходимо авторизоваться при помощи ЭЦП либо получить электронную, подписанную Вашей ЭЦП. Если у вас нет ЭЦП, здесь Вы можете подать заявку ' +
    'на её получение. Напоминаем Вам о возможности записи ЭЦП на удостоверениях личности нового образца. Более подробную информацию об этом Вы можете найти на этой странице',
  registeredWithSignature:
    'Поздравляем, Вы успешно зарегистрировались на веб-Портале "Электронного Правительства" Республики Казахстан. Предлагаем пройти на страницу авторизации',
  signInFailed: 'Ошибка авторизации: введен неверный логин или пароль',
  newPasswordSent: 'Новый пароль отправлен электронной почтой по адресу, указанному при регистрации',
} as const;

/** Where the seed gives no words: ours, in its register. */
export const PORTAL_OWN_MESSAGES = {
  agreementRequired: `Для регистрации отметьте «${PORTAL_MESSAGES.agreement}»`,
  registrationTermsRequired: `Для регистрации отметьте «${PORTAL_MESSAGES.registrationTerms}»`,
  personDataMismatch: 'Номер документа или дата рождения не совпадают с данными государственной базы данных «Физические лица»',
  passwordConfirmationMismatch: 'Пароль и подтверждение пароля не совпадают',
  linkNotValid: 'Ссылка недействительна: она уже была использована или не выдавалась',
  linkExpired: 'Срок действия ссылки истек. Пройдите процесс регистрации заново',
  recoveryMismatch: 'Введенные данные не совпадают с данными зарегистрированного пользователя',
  noEmailOnRecord: 'В профиле не указан электронный адрес: смените пароль по ЭЦП',
  emailRequired: 'Укажите электронный адрес',
  emailBySignatureOnly: 'Электронный адрес можно изменить после входа по ЭЦП',
  notAuthCertificate: 'Подпишите сертификатом AUTH (аутентификации), не SIGN / sign with your AUTH certificate',
  currentPasswordWrong: 'Текущий пароль введен неверно',
  serviceUnavailable: 'Сервис временно недоступен. Попробуйте еще раз через несколько минут',
  fullRightsRequired: 'Сервис недоступен пользователю с временными правами. Для получения полных прав авторизуйтесь при помощи ЭЦП',
} as const;

/** «История получения услуг»: the services of this product a person can have had. */
export const PORTAL_SERVICE_TITLES = {
  remote_certificate: 'Получить ЭЦП удаленно',
} as const;

