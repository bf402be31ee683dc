import type { PortalLanguage } from '@app/contracts';
import type { MailMessage } from '@app/mail';

export type PortalMail = Omit<MailMessage, 'to'>;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const paragraphs = (...lines: string[]) => lines.map((line) => `<p>${line}</p>`).join('\n');
const anchor = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

/** «в течение 72 часов», «в течение 1 часа», «в течение 21 часа». */
const ruHours = (n: number) => `${n} ${n % 10 === 1 && n % 100 !== 11 ? 'часа' : 'часов'}`;
/** «по истечению 30 календарных дней», «… 1 календарного дня». */
const ruCalendarDays = (n: number) => `${n} ${n % 10 === 1 && n % 100 !== 11 ? 'календарного дня' : 'календарных дней'}`;

export interface ActivationMailInput {
  language: PortalLanguage;
  /** ИИН/БИН */
  login: string;
  link: string;
  hours: number;
}

/** Seed 000, figure 8: the e-mail with the activation link. */
export function activationMail(input: ActivationMailInput): PortalMail {
  if (input.language === 'kk') {
    const before = `Сіз Қазақстан Республикасының «электрондық үкімет» веб-порталында тіркелуге өтініш бердіңіз. Сіздің ЖСН/БСН ${input.login}. Есептік жазбаны белсендіру үшін (Порталда тіркелуді және электрондық мекенжайды растау) `;
    const after = ` бойынша өтіңіз. Сілтеме ${input.hours} сағат бойы белсенді болады`;
    return {
      subject: '«Электрондық үкімет» порталында тіркелуді растау',
      text: `Сәлеметсіз бе,\n${before}сілтеме${after}\n\n${input.link}\n`,
      html: paragraphs('Сәлеметсіз бе,', `${escapeHtml(before)}${anchor(input.link, 'сілтеме')}${escapeHtml(after)}`),
    };
  }
  const before = `Вами подано заявление на регистрацию на веб-портале «электронного правительства» Республики Казахстан. Ваш ИИН/БИН ${input.login}. Для активации учетной записи (подтверждение регистрации на Портале и электронного адреса) пройдите по `;
  const after = `. Ссылка будет активна в течение ${ruHours(input.hours)}`;
  return {
    subject: 'Подтверждение регистрации на портале «электронного правительства»',
    text: `Здравствуйте,\n${before}ссылке${after}\n\n${input.link}\n`,
    html: paragraphs('Здравствуйте,', `${escapeHtml(before)}${anchor(input.link, 'ссылке')}${escapeHtml(after)}`),
  };
}

export interface DeletionNoticeMailInput {
  language: PortalLanguage;
  /** The sign-in page. */
  link: string;
  /** Calendar days left before the deletion. */
  days: number;
}

/** Seed 000: after 2 months without a sign-in, the notice that the account goes in 30 days. */
export function deletionNoticeMail(input: DeletionNoticeMailInput): PortalMail {
  if (input.language === 'kk') {
    const first = [
      `Құрметті Пайдаланушы, ${input.days} күнтізбелік күн өткеннен кейін «электрондық үкімет» порталындағы есептік жазбаңыз автоматты түрде жойылатынын хабарлаймыз. `,
      'Есептік жазбаның қолданылу мерзімін ұзарту үшін ',
      ' сілтемесі бойынша өтіп, Порталда авторизациядан өтуіңізді сұраймыз.',
    ];
    const second =
      'Толық қолжетімділік алу үшін электрондық цифрлық қолтаңба (ЭЦҚ) арқылы авторизациядан өтіп, жеке басыңызды растай аласыз немесе ЭЦҚ-мен міндетті түрде қол қойылатын электрондық қызметтердің бірін ала аласыз';
    return {
      subject: 'Есептік жазбаны жою туралы хабарлама',
      text: `${first[0]}${first[1]}${input.link}${first[2]}\n\n${second}\n`,
      html: paragraphs(`${escapeHtml(first[0] + first[1])}${anchor(input.link, input.link)}${escapeHtml(first[2])}`, escapeHtml(second)),
    };
  }
  const first = [
    `Уважаемый Пользователь, уведомляем, что по истечению ${ruCalendarDays(input.days)} учетная запись на портале «электронного правительства» будет автоматически удалена. `,
    'Для продления срока действия учетной записи просим пройти по ссылке ',
    ' и авторизоваться на Портале.',
  ];
  const second =
    'Для получения полного доступа можете подтвердить Вашу личность посредством авторизаций при помощи электронной цифровой подписи (ЭЦП) либо получить одну из электронных услуг с обязательным подписанием ЭЦП';
  return {
    subject: 'Уведомление об автоматическом удалении учетной записи',
    text: `${first[0]}${first[1]}${input.link}${first[2]}\n\n${second}\n`,
    html: paragraphs(`${escapeHtml(first[0] + first[1])}${anchor(input.link, input.link)}${escapeHtml(first[2])}`, escapeHtml(second)),
  };
}

export interface NewPasswordMailInput {
  language: PortalLanguage;
  login: string;
  password: string;
}

/** Seed 000, figure 26: «Сообщение … содержит новый пароль» (the seed shows no words: these are ours). */
export function newPasswordMail(input: NewPasswordMailInput): PortalMail {
  if (input.language === 'kk') {
    const lines = [
      'Сәлеметсіз бе,',
      `Сіздің сұрауыңыз бойынша Қазақстан Республикасының «электрондық үкімет» веб-порталына кіру үшін жаңа құпиясөз жасалды. Сіздің ЖСН/БСН ${input.login}.`,
      `Жаңа құпиясөз: ${input.password}`,
      'Кіргеннен кейін құпиясөзді ауыстыруды ұсынамыз. Егер Сіз құпиясөзді ауыстыруды сұрамаған болсаңыз, 1414 байланыс орталығына хабарласыңыз.',
    ];
    return { subject: 'Порталға кіруге арналған жаңа құпиясөз', text: `${lines.join('\n')}\n`, html: paragraphs(...lines.map(escapeHtml)) };
  }
  const lines = [
    'Здравствуйте,',
    `По Вашему запросу сформирован новый пароль для входа на веб-портал «электронного правительства» Республики Казахстан. Ваш ИИН/БИН ${input.login}.`,
    `Новый пароль: ${input.password}`,
    'Рекомендуем сменить пароль после входа. Если Вы не запрашивали смену пароля, обратитесь в call-центр 1414.',
  ];
  return { subject: 'Новый пароль для входа на портал', text: `${lines.join('\n')}\n`, html: paragraphs(...lines.map(escapeHtml)) };
}
