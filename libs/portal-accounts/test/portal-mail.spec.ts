import { PORTAL_MESSAGES } from '@app/contracts';
import { PORTAL_PASSWORD_MAX, PORTAL_PASSWORD_MIN, activationMail, deletionNoticeMail, generatePortalPassword, newPasswordMail, portalLinks } from '@app/portal-accounts';

const links = portalLinks('https://egov.kz/');

describe(activationMail.name, () => {
  it('writes seed 000\'s e-mail, word for word, with the IIN, then the link', () => {
    const mail = activationMail({ language: 'ru', login: '081101653214', link: links.activation('id.secret'), hours: 72 });
    expect(mail.text).toBe(
      'Здравствуйте,\nВами подано заявление на регистрацию на веб-портале «электронного правительства» Республики Казахстан. Ваш ИИН/БИН 081101653214. ' +
        'Для активации учетной записи (подтверждение регистрации на Портале и электронного адреса) пройдите по ссылке. Ссылка будет активна в течение 72 часов\n\n' +
        'https://egov.kz/portal/registration/confirm?token=id.secret\n',
    );
    // «нажать на слово «ссылке» в тексте сообщения» (seed 000, figure 16)
    expect(mail.html).toContain('пройдите по <a href="https://egov.kz/portal/registration/confirm?token=id.secret">ссылке</a>. Ссылка будет активна');
  });

  it('agrees the hours with their number in Russian, and writes Kazakh for kk', () => {
    expect(activationMail({ language: 'ru', login: '081101653214', link: 'l', hours: 21 }).text).toContain('в течение 21 часа\n');
    expect(activationMail({ language: 'ru', login: '081101653214', link: 'l', hours: 48 }).text).toContain('в течение 48 часов\n');
    const kk = activationMail({ language: 'kk', login: '081101653214', link: 'l', hours: 72 });
    expect(kk.text).toContain('Сәлеметсіз бе,\nСіз Қазақстан Республикасының «электрондық үкімет» веб-порталында тіркелуге өтініш бердіңіз. Сіздің ЖСН/БСН 081101653214.');
    expect(kk.text).toContain('Сілтеме 72 сағат бойы белсенді болады');
  });

  it('escapes what goes into the HTML', () => {
    expect(activationMail({ language: 'ru', login: '081101653214', link: 'https://x/?a=1&b="2"', hours: 72 }).html).toContain('href="https://x/?a=1&amp;b=&quot;2&quot;"');
  });
});

describe(deletionNoticeMail.name, () => {
  it('writes seed 000\'s notice with the sign-in link in the blank', () => {
    const mail = deletionNoticeMail({ language: 'ru', link: links.signIn, days: 30 });
    expect(mail.text).toBe(
      'Уважаемый Пользователь, уведомляем, что по истечению 30 календарных дней учетная запись на портале «электронного правительства» будет автоматически удалена. ' +
        'Для продления срока действия учетной записи просим пройти по ссылке https://egov.kz/portal/sign-in и авторизоваться на Портале.\n\n' +
        'Для получения полного доступа можете подтвердить Вашу личность посредством авторизаций при помощи электронной цифровой подписи (ЭЦП) либо получить одну из ' +
        'электронных услуг с обязательным подписанием ЭЦП\n',
    );
    expect(deletionNoticeMail({ language: 'ru', link: 'l', days: 1 }).text).toContain('по истечению 1 календарного дня учетная запись');
  });

  it('writes it in Kazakh for kk', () => {
    const mail = deletionNoticeMail({ language: 'kk', link: links.signIn, days: 30 });
    expect(mail.text).toContain('Құрметті Пайдаланушы, 30 күнтізбелік күн өткеннен кейін «электрондық үкімет» порталындағы есептік жазбаңыз автоматты түрде жойылатынын хабарлаймыз.');
    expect(mail.text).toContain('https://egov.kz/portal/sign-in сілтемесі бойынша өтіп');
  });
});

describe(newPasswordMail.name, () => {
  it('carries the login and the new password in both languages', () => {
    expect(newPasswordMail({ language: 'ru', login: '081101653214', password: 'Ab3dEf7hJk2m' }).text).toContain('Ваш ИИН/БИН 081101653214.\nНовый пароль: Ab3dEf7hJk2m\n');
    expect(newPasswordMail({ language: 'kk', login: '081101653214', password: 'Ab3dEf7hJk2m' }).text).toContain('Жаңа құпиясөз: Ab3dEf7hJk2m');
  });
});

describe(generatePortalPassword.name, () => {
  it('makes passwords the seed\'s rule admits, of both cases and digits, each different', () => {
    const passwords = Array.from({ length: 200 }, () => generatePortalPassword());
    for (const password of passwords) {
      expect(password.length).toBeGreaterThanOrEqual(PORTAL_PASSWORD_MIN);
      expect(password.length).toBeLessThanOrEqual(PORTAL_PASSWORD_MAX);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[2-9]/);
      expect(password).not.toMatch(/[01lIO]/);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});

describe('the temporary registration\'s terms', () => {
  it('state the seed\'s 90 days when the notice and the deletion are at their defaults (60 + 30)', () => {
    expect(PORTAL_MESSAGES.temporaryRightsTerms(90)).toBe(
      'Данный вид регистрации предоставляет Вам временные права на пользование профилем. Для получения полных прав Вам необходимо авторизоваться при помощи ЭЦП ' +
        'или получить одну из государственных услуг, подписанную Вашей ЭЦП. В случае если в течение 90 календарных дней, Вы, посещая портал, не авторизовались ' +
        'под Вашей учетной записью, администрация вправе удалить Ваш профиль.',
    );
  });
});
