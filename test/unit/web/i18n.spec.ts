import { en } from '../../../apps/web/src/i18n/en';
import { kk } from '../../../apps/web/src/i18n/kk';
import { ru } from '../../../apps/web/src/i18n/ru';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [p, v] of leaves(value, path)) found.set(p, v);
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the web app’s languages', () => {
  const source = leaves(ru);

  it.each([
    ['kk', kk],
    ['en', en],
  ])('%s has every key Russian has, and no other', (_language, messages) => {
    const keys = leaves(messages);
    expect([...source.keys()].filter((k) => !keys.has(k))).toEqual([]);
    expect([...keys.keys()].filter((k) => !source.has(k))).toEqual([]);
  });

  it.each([
    ['kk', kk],
    ['ru', ru],
    ['en', en],
  ])('%s has no empty text and the same placeholders as Russian', (_language, messages) => {
    for (const [key, text] of leaves(messages)) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(source.get(key)!) });
    }
  });

  it('keeps the seeds’ Russian wording on the screens the seeds show', () => {
    expect(ru.otp.remaining.replace('{{count}}', '90')).toBe('Остаток времени: 90 секунд');
    expect(ru.otp.resendIn.replace('{{time}}', '01:59')).toBe('Повторная отправка через 01:59');
    expect(ru.start.webcam).toBe('Веб-камера имеется');
    expect(ru.start.mobileCitizen).toBe('Пользователь зарегистрирован в базе мобильных граждан');
    expect(ru.confirm.confirmed).toBe('Подтверждаю, что данные достоверны');
    expect(ru.result.linked).toBe('Документ привязан к аккаунту');
    expect(ru.nuc.created).toBe('ЗАЯВКА УСПЕШНО СФОРМИРОВАНА!');
    expect(ru.install.installed).toBe('Сертификаты установлены');
  });

  it('keeps the Kazakh guide’s (seed 004) words for its buttons', () => {
    expect(kk.app.start).toBe('Бастау');
    expect(kk.app.send).toBe('Жіберу');
    expect(kk.app.retry).toBe('Тағы бір мәрте көру');
    expect(kk.app.continue).toBe('Жалғастыру');
    expect(kk.otp.goToEcp).toBe('ЭЦҚ АЛУҒА ӨТУ');
    expect(kk.nuc.submit).toBe('Өтінім беру');
    expect(kk.install.submit).toBe('Сертификаттарды жүктеу');
  });
});
