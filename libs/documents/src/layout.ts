import type { ConfirmableField, DocumentType } from './types';

/**
 * The printed layout of each document side in a canonical, straightened frame. The generator
 * draws from it and the reader crops from it, so the two cannot drift apart. Units are pixels of
 * the canonical frame (ID-1 card 85.60×53.98 mm at 1000 px wide; passport page 125×88 mm).
 */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface FieldLayout {
  readonly name: ConfirmableField;
  /** Label lines as printed: Kazakh / Russian (/ English on the passport). */
  readonly label: string;
  /** Left edge, top of the label, width of the value area. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
}

export interface SideLayout {
  readonly width: number;
  readonly height: number;
  readonly valueFontSize: number;
  /** Value baseline below the field's top. */
  readonly valueBaseline: number;
  readonly fields: readonly FieldLayout[];
  readonly portrait: Rect | null;
  /** The zone: band, one baseline per line, and the character pitch every zone font is sized to. */
  readonly mrz: { readonly rect: Rect; readonly lines: number; readonly advance: number; readonly x: number; readonly baselines: readonly number[] } | null;
}

const ID_FRONT: SideLayout = {
  width: 1000,
  height: 631,
  valueFontSize: 28,
  valueBaseline: 48,
  portrait: { x: 40, y: 120, w: 250, h: 330 },
  mrz: null,
  fields: [
    { name: 'surname', label: 'ТЕГІ / ФАМИЛИЯ', x: 320, y: 100, w: 660 },
    { name: 'givenName', label: 'АТЫ / ИМЯ', x: 320, y: 158, w: 660 },
    { name: 'patronymic', label: 'ӘКЕСІНІҢ АТЫ / ОТЧЕСТВО', x: 320, y: 216, w: 660 },
    { name: 'birthDate', label: 'ТУҒАН КҮНІ / ДАТА РОЖДЕНИЯ', x: 320, y: 274, w: 300 },
    { name: 'iin', label: 'ЖСН / ИИН', x: 640, y: 274, w: 340 },
    { name: 'birthPlace', label: 'ТУҒАН ЖЕРІ / МЕСТО РОЖДЕНИЯ', x: 320, y: 332, w: 660 },
    { name: 'nationality', label: 'ҰЛТЫ / НАЦИОНАЛЬНОСТЬ', x: 320, y: 390, w: 300 },
    { name: 'issuingAuthority', label: 'БЕРГЕН ОРГАН / ОРГАН ВЫДАЧИ', x: 640, y: 390, w: 340 },
    { name: 'documentNumber', label: 'ҚҰЖАТ НӨМІРІ / НОМЕР ДОКУМЕНТА', x: 320, y: 448, w: 300 },
    { name: 'issueDate', label: 'БЕРІЛГЕН КҮНІ / ДАТА ВЫДАЧИ', x: 320, y: 506, w: 300 },
    { name: 'expiryDate', label: 'ҚОЛДАНЫЛУ МЕРЗІМІ / СРОК ДЕЙСТВИЯ', x: 640, y: 506, w: 340 },
  ],
};

const ID_BACK: SideLayout = {
  width: 1000,
  height: 631,
  valueFontSize: 28,
  valueBaseline: 48,
  portrait: null,
  fields: [],
  mrz: { rect: { x: 20, y: 425, w: 960, h: 200 }, lines: 3, advance: 29.3, x: 60, baselines: [480, 540, 600] },
};

const PASSPORT_PAGE: SideLayout = {
  width: 1000,
  height: 704,
  valueFontSize: 26,
  valueBaseline: 44,
  portrait: { x: 30, y: 110, w: 240, h: 310 },
  fields: [
    { name: 'documentNumber', label: 'ПАСПОРТ НӨМІРІ / НОМЕР ПАСПОРТА / PASSPORT NO.', x: 300, y: 90, w: 320 },
    { name: 'surname', label: 'ТЕГІ / ФАМИЛИЯ / SURNAME', x: 300, y: 144, w: 680 },
    { name: 'givenName', label: 'АТЫ / ИМЯ / GIVEN NAMES', x: 300, y: 198, w: 680 },
    { name: 'patronymic', label: 'ӘКЕСІНІҢ АТЫ / ОТЧЕСТВО / PATRONYMIC', x: 300, y: 252, w: 680 },
    { name: 'birthDate', label: 'ТУҒАН КҮНІ / ДАТА РОЖДЕНИЯ / DATE OF BIRTH', x: 300, y: 306, w: 320 },
    { name: 'iin', label: 'ЖСН / ИИН / IIN', x: 640, y: 306, w: 340 },
    { name: 'birthPlace', label: 'ТУҒАН ЖЕРІ / МЕСТО РОЖДЕНИЯ / PLACE OF BIRTH', x: 300, y: 360, w: 680 },
    { name: 'nationality', label: 'ҰЛТЫ / НАЦИОНАЛЬНОСТЬ / NATIONALITY', x: 300, y: 414, w: 320 },
    { name: 'issuingAuthority', label: 'БЕРГЕН ОРГАН / ОРГАН ВЫДАЧИ / AUTHORITY', x: 640, y: 414, w: 340 },
    { name: 'issueDate', label: 'БЕРІЛГЕН КҮНІ / ДАТА ВЫДАЧИ / DATE OF ISSUE', x: 300, y: 468, w: 320 },
    { name: 'expiryDate', label: 'ҚОЛДАНЫЛУ МЕРЗІМІ / СРОК ДЕЙСТВИЯ / DATE OF EXPIRY', x: 640, y: 468, w: 340 },
  ],
  mrz: { rect: { x: 15, y: 565, w: 970, h: 135 }, lines: 2, advance: 21.2, x: 34, baselines: [612, 668] },
};

/** Layout of the side that carries the printed fields (ID front, passport data page). */
export function fieldsSide(type: DocumentType): SideLayout {
  return type === 'id_card' ? ID_FRONT : PASSPORT_PAGE;
}

/** Layout of the side that carries the machine-readable zone (ID back, passport data page). */
export function mrzSide(type: DocumentType): SideLayout {
  return type === 'id_card' ? ID_BACK : PASSPORT_PAGE;
}

/** The value area of a field, with a few pixels of slack for imperfect straightening. */
export function valueRect(side: SideLayout, field: FieldLayout): Rect {
  const top = field.y + side.valueBaseline - Math.round(side.valueFontSize * 1.2);
  return { x: field.x - 8, y: top, w: field.w + 16, h: Math.round(side.valueFontSize * 1.6) };
}

/** Width / height of the physical document, used to tell an ID card from a passport page. */
export const ASPECT_RATIO: Record<DocumentType, number> = { id_card: 1000 / 631, passport: 1000 / 704 };

/**
 * The printed arrangements the generator knows. `classic` is the rectangles above, which the
 * reader also crops from; `kz-id` is close to the real Kazakh ID card (portrait left, bilingual
 * labels with the value below, the zone at the bottom of the back) and moves a little per seed,
 * so only a reader that finds fields by their labels reads it.
 */
export const DOCUMENT_LAYOUTS = ['classic', 'kz-id'] as const;
export type DocumentLayout = (typeof DOCUMENT_LAYOUTS)[number];

/** Bilingual labels of the kz-id card, Kazakh / Russian, as printed. */
export const KZ_ID_LABELS: Readonly<Partial<Record<ConfirmableField, string>>> = {
  surname: 'ТЕГІ / ФАМИЛИЯ',
  givenName: 'АТЫ / ИМЯ',
  patronymic: 'ӘКЕСІНІҢ АТЫ / ОТЧЕСТВО',
  birthDate: 'ТУҒАН КҮНІ / ДАТА РОЖДЕНИЯ',
  iin: 'ЖСН / ИИН',
  birthPlace: 'ТУҒАН ЖЕРІ / МЕСТО РОЖДЕНИЯ',
  nationality: 'ҰЛТЫ / НАЦИОНАЛЬНОСТЬ',
  issuingAuthority: 'БЕРГЕН ОРГАН / ОРГАН ВЫДАЧИ',
  issueDate: 'БЕРІЛГЕН КҮНІ / ДАТА ВЫДАЧИ',
  expiryDate: 'ҚОЛДАНЫЛУ МЕРЗІМІ / СРОК ДЕЙСТВИЯ',
};

/** Fields the kz-id card prints on each side (the document number sits under the front's title). */
export const KZ_ID_FRONT_FIELDS: readonly ConfirmableField[] = ['surname', 'givenName', 'patronymic', 'birthDate', 'iin'];
export const KZ_ID_BACK_FIELDS: readonly ConfirmableField[] = ['birthPlace', 'nationality', 'issuingAuthority', 'issueDate', 'expiryDate'];

/** Fields the kz-id card prints right of another on their row; the IIN may print either way. */
export const KZ_ID_SECOND_COLUMN: readonly ConfirmableField[] = ['issuingAuthority', 'expiryDate'];
export const KZ_ID_EITHER_COLUMN: readonly ConfirmableField[] = ['iin'];

/** kz-id print sizes: small labels, the value's baseline this far below the label's top. */
export const KZ_ID_PRINT = { labelSize: 15, valueSize: 28, valueBaseline: 50, numberSize: 24 } as const;

/** Where one kz-id card prints its portrait, its document number and each label (top-left of the label). */
export interface KzIdPlacement {
  readonly portrait: Rect;
  readonly documentNumber: { readonly x: number; readonly y: number };
  readonly front: readonly FieldLayout[];
  readonly back: readonly FieldLayout[];
}

/** Draws one card's kz-id placement: each block moves by some tens of pixels from seed to seed. */
export function placeKzId(rnd: { between(min: number, max: number): number; next(): number }): KzIdPlacement {
  const j = (span: number) => Math.round(rnd.between(0, span));
  const portrait = { x: 30 + j(30), y: 118 + j(30), w: 250, h: 320 };
  const x = portrait.x + portrait.w + 28 + j(40);
  const w = 985 - x;
  const step = 74 + j(8);
  let y = 112 + j(20);
  const front: FieldLayout[] = [];
  const sideBySide = rnd.next() < 0.5;
  for (const name of KZ_ID_FRONT_FIELDS) {
    if (name === 'iin' && sideBySide) {
      const birth = front[front.length - 1];
      front[front.length - 1] = { ...birth, w: 300 };
      front.push({ name, label: KZ_ID_LABELS.iin!, x: x + 330, y: birth.y, w: w - 330 });
      continue;
    }
    front.push({ name, label: KZ_ID_LABELS[name]!, x, y, w });
    y += step;
  }
  const bx = 40 + j(30);
  const col = 520 + j(30);
  const bstep = 82 + j(10);
  const by = 36 + j(20);
  const back: FieldLayout[] = [
    { name: 'birthPlace', label: KZ_ID_LABELS.birthPlace!, x: bx, y: by, w: 960 - bx },
    { name: 'nationality', label: KZ_ID_LABELS.nationality!, x: bx, y: by + bstep, w: col - bx - 30 },
    { name: 'issuingAuthority', label: KZ_ID_LABELS.issuingAuthority!, x: col, y: by + bstep, w: 960 - col },
    { name: 'issueDate', label: KZ_ID_LABELS.issueDate!, x: bx, y: by + 2 * bstep, w: col - bx - 30 },
    { name: 'expiryDate', label: KZ_ID_LABELS.expiryDate!, x: col, y: by + 2 * bstep, w: 960 - col },
  ];
  return { portrait, documentNumber: { x: 700 + j(40), y: 100 + j(8) }, front, back };
}
