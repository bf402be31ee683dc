import { MRZ_TRANSLITERATION, namesAgree, transliterateToMrz } from '@app/documents';
import { correctNameByZone } from '../src/validation/name-correction';
import { kazakhPatronymic } from '../src/reader/field-ocr';

describe(transliterateToMrz.name, () => {
  it.each([
    ['ӘБІЛҚАСЫМОВ', 'ABILKASYMOV'],
    ['ҒАЛЫМ', 'GALYM'],
    ['ӨМІРЗАҚ', 'OMIRZAK'],
    ['ҰЛЖАН', 'ULZHAN'],
    ['ҮСЕНОВ', 'USENOV'],
    ['ЖАҺАНГЕР', 'ZHAHANGER'],
    ['ҚАРЛЫҒАШ', 'KARLYGASH'],
    ['ДӘУЛЕТ', 'DAULET'],
    ['ЩЕРБАКОВА', 'SHCHERBAKOVA'],
    ['ХАСЕНОВ', 'KHASENOV'],
    ['ЦОЙ', 'TSOI'],
    ['ЧЕРНЕНКО', 'CHERNENKO'],
    ['ЮРИЙ', 'IURII'],
    ['ТАТЬЯНА', 'TATIANA'],
    ['ЯКОВЛЕВ', 'IAKOVLEV'],
    ['ПОДЪЕЗДОВ', 'PODIEEZDOV'],
    ['ЭЛЬМИРА', 'ELMIRA'],
    ['СЕМЁН', 'SEMEN'],
    ['АННА-МАРИЯ', 'ANNA MARIIA'],
  ])('writes %s as %s', (cyrillic, latin) => {
    expect(transliterateToMrz(cyrillic)).toBe(latin);
  });

  it('covers all 42 letters of the Kazakh Cyrillic alphabet', () => {
    const alphabet = [...'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ'];
    expect(alphabet).toHaveLength(42);
    for (const letter of alphabet) expect(MRZ_TRANSLITERATION).toHaveProperty(letter);
  });
});

describe(namesAgree.name, () => {
  it('accepts the zone spelling of a Cyrillic name', () => {
    expect(namesAgree('НҰРСҰЛТАН', 'NURSULTAN')).toBe(true);
  });

  it('refuses a different name', () => {
    expect(namesAgree('НҰРСҰЛТАН', 'NURLAN')).toBe(false);
  });

  it('accepts a zone name cut at the field width only when the zone was full', () => {
    expect(namesAgree('ӘБІЛҚАСЫМОВА', 'ABILKASYM', true)).toBe(true);
    expect(namesAgree('ӘБІЛҚАСЫМОВА', 'ABILKASYM', false)).toBe(false);
  });
});

describe(correctNameByZone.name, () => {
  it('restores Щ read as Ш when the zone says SHCH', () => {
    expect(correctNameByZone('ШЕРБАКОВА', 'SHCHERBAKOVA')).toBe('ЩЕРБАКОВА');
  });

  it('restores Ж read as Х when the zone says ZH', () => {
    expect(correctNameByZone('ХАННА', 'ZHANNA')).toBe('ЖАННА');
  });

  it('restores Н read as М when the zone says N', () => {
    // Bench (seed 7) phone photos: МҰРЛАНОВА, ҚАМАТ marked where the zone read NURLANOVA, KANAT.
    expect(correctNameByZone('МҰРЛАНОВА', 'NURLANOVA')).toBe('НҰРЛАНОВА');
    expect(correctNameByZone('ҚАМАТ', 'KANAT')).toBe('ҚАНАТ');
    expect(correctNameByZone('МАРАТ', 'MARAT')).toBeNull();
  });

  it('restores Ғ read as Р (its bar blurred into a bowl) when the zone says G', () => {
    expect(correctNameByZone('БАЙРОЖИНА', 'BAIGOZHINA')).toBe('БАЙҒОЖИНА');
    expect(correctNameByZone('БАЙРОЖИНА', 'BAIROZHINA')).toBeNull();
  });

  it('leaves a name alone when no look-alike fits the zone', () => {
    expect(correctNameByZone('ИВАНОВ', 'PETROV')).toBeNull();
  });
});

describe(kazakhPatronymic.name, () => {
  it('restores the Kazakh suffix letters and Ә read as Э', () => {
    expect(kazakhPatronymic('СЭКЕНКЫЗЫ')).toBe('СӘКЕНҚЫЗЫ');
    expect(kazakhPatronymic('ҚАНАТУЛЫ')).toBe('ҚАНАТҰЛЫ');
  });

  it('leaves Russian patronymics alone', () => {
    expect(kazakhPatronymic('ЭДУАРДОВНА')).toBe('ЭДУАРДОВНА');
    expect(kazakhPatronymic('РАФАЭЛЕВИЧ')).toBe('РАФАЭЛЕВИЧ');
  });
});
