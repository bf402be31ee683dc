import { existsSync } from 'node:fs';
import sharp from 'sharp';
import { formatDate } from '../dates';
import { fieldsSide, KZ_ID_PRINT, mrzSide, type FieldLayout, type KzIdPlacement, type SideLayout } from '../layout';
import type { ConfirmableField, DocumentHolder, DocumentType } from '../types';
import { composeMrz } from '../validation/mrz-compose';
import type { SeededRandom } from './seeded-random';

/** Printed fields use Debian's fonts-dejavu. */
const TEXT_FONT = 'DejaVu Sans';

/**
 * Zone fonts: OCR-B (Debian fonts-ocr-b), the typeface ICAO 9303 prescribes, or DejaVu Sans Mono
 * as a stand-in. `advanceEm` is the character pitch per em, so either prints to the same pitch.
 */
export const MRZ_FONTS = {
  'ocr-b': { family: 'OCR B', advanceEm: 0.714, file: '/usr/share/fonts/opentype/ocr-b/OCRB.otf' },
  'dejavu-mono': { family: 'DejaVu Sans Mono', advanceEm: 0.602, file: '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf' },
} as const;
export type MrzFont = keyof typeof MRZ_FONTS;

/** OCR-B unless asked otherwise: real ID cards and passports print their zones in it. */
export const DEFAULT_MRZ_FONT: MrzFont = 'ocr-b';

/** The zone font's file, or a message naming the Debian package that installs it. */
export function mrzFontFile(font: MrzFont): string {
  const { file } = MRZ_FONTS[font];
  if (!existsSync(file)) {
    const pkg = font === 'ocr-b' ? 'fonts-ocr-b' : 'fonts-dejavu-core';
    throw new Error(`zone font ${font} not found at ${file}: install the Debian package ${pkg} (scripts/bootstrap.sh does)`);
  }
  return file;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function fieldValue(holder: DocumentHolder, name: ConfirmableField): string {
  switch (name) {
    case 'birthDate':
    case 'issueDate':
    case 'expiryDate':
      return formatDate(holder[name]);
    default:
      return holder[name];
  }
}

/** Security-print guilloche: fine pale waves that OCR must look through. */
function guilloche(side: SideLayout, rnd: SeededRandom, colour: string): string {
  let paths = '';
  for (let k = 0; k < 14; k++) {
    const amp = rnd.between(8, 30);
    const period = rnd.between(120, 320);
    const phase = rnd.between(0, Math.PI * 2);
    const y0 = (side.height / 14) * k + 10;
    let d = `M0 ${y0.toFixed(1)}`;
    for (let x = 10; x <= side.width; x += 10) d += ` L${x} ${(y0 + amp * Math.sin((x / period) * 2 * Math.PI + phase)).toFixed(1)}`;
    paths += `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.2" opacity="0.55"/>`;
  }
  return paths;
}

function frame(side: SideLayout, rnd: SeededRandom, tint: [string, string], line: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${side.width}" height="${side.height}">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${tint[0]}"/><stop offset="1" stop-color="${tint[1]}"/></linearGradient>
<clipPath id="card"><rect width="${side.width}" height="${side.height}" rx="36" ry="36"/></clipPath></defs>
<g clip-path="url(#card)"><rect width="${side.width}" height="${side.height}" fill="url(#bg)"/>${guilloche(side, rnd, line)}
<circle cx="${side.width - 120}" cy="${side.height / 2}" r="150" fill="none" stroke="${line}" stroke-width="3" opacity="0.5"/>
${body}</g></svg>`;
}

/** Widest advance of a bold upper-case Cyrillic letter or digit of DejaVu Sans, per em (measured: Ж М Ф Ш Щ Ы Ю, 0.962). */
const MAX_ADVANCE_EM = 0.97;

/** Rendered width of a value at `size`, measured by drawing it: librsvg ignores `textLength`. */
async function measuredWidth(text: string, size: number): Promise<number> {
  const width = Math.ceil(text.length * size);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${size * 2}"><rect width="100%" height="100%" fill="#fff"/>` +
    `<text x="0" y="${size * 1.5}" font-family="${TEXT_FONT}" font-weight="bold" font-size="${size}">${esc(text)}</text></svg>`;
  const { info } = await sharp(Buffer.from(svg)).trim().toBuffer({ resolveWithObject: true });
  return info.width;
}

/**
 * The font size at which a value fits its field: the layout's, unless the value is too long for
 * it (a register birthplace such as «ВОСТОЧНО-КАЗАХСТАНСКАЯ ОБЛ., Г. УСТЬ-КАМЕНОГОРСК»), which is
 * printed smaller so it stays inside the box the reader crops. Short values are never measured,
 * so documents whose values all fit come out byte for byte as before.
 */
async function fittedFontSize(text: string, size: number, width: number): Promise<number> {
  if (text.length * size * MAX_ADVANCE_EM <= width) return size;
  const measured = await measuredWidth(text, size);
  return measured <= width ? size : Math.floor((size * width * 10) / measured) / 10;
}

async function fieldsSvg(side: SideLayout, holder: DocumentHolder): Promise<string> {
  const parts = await Promise.all(side.fields.map(async (f) => {
    const text = fieldValue(holder, f.name);
    const size = await fittedFontSize(text, side.valueFontSize, f.w);
    const label = `<text x="${f.x}" y="${f.y + 13}" font-family="${TEXT_FONT}" font-size="13" fill="#35557f">${esc(f.label)}</text>`;
    const value = `<text x="${f.x}" y="${f.y + side.valueBaseline}" font-family="${TEXT_FONT}" font-weight="bold" font-size="${size}" fill="#14171c">${esc(text)}</text>`;
    return label + value;
  }));
  return parts.join('\n');
}

/** kz-id fields: a small bilingual label, letter-spaced like the card's caps print, and the value below it. */
async function kzIdFieldsSvg(fields: readonly FieldLayout[], holder: DocumentHolder): Promise<string> {
  const { labelSize, valueSize, valueBaseline } = KZ_ID_PRINT;
  const parts = await Promise.all(fields.map(async (f) => {
    const text = fieldValue(holder, f.name);
    const size = await fittedFontSize(text, valueSize, f.w);
    const label = `<text x="${f.x}" y="${f.y + labelSize - 2}" font-family="${TEXT_FONT}" font-size="${labelSize}" letter-spacing="0.6" fill="#3a5a86">${esc(f.label)}</text>`;
    const value = `<text x="${f.x}" y="${f.y + valueBaseline}" font-family="${TEXT_FONT}" font-weight="bold" font-size="${size}" fill="#14171c">${esc(text)}</text>`;
    return label + value;
  }));
  return parts.join('\n');
}

function mrzSvg(side: SideLayout, lines: readonly string[], font: MrzFont): string {
  const m = side.mrz;
  if (!m) return '';
  mrzFontFile(font);
  const { family, advanceEm } = MRZ_FONTS[font];
  const size = (m.advance / advanceEm).toFixed(2);
  return `<rect x="${m.rect.x}" y="${m.rect.y}" width="${m.rect.w}" height="${m.rect.h}" fill="#ffffff" opacity="0.55"/>` +
    lines
      .map((l, i) => `<text x="${m.x}" y="${m.baselines[i]}" font-family="${family}" font-size="${size}" fill="#111">${esc(l)}</text>`)
      .join('\n');
}

function header(title: string[], x: number, y0: number, size: number): string {
  return title.map((t, i) => `<text x="${x}" y="${y0 + i * (size + 8)}" font-family="${TEXT_FONT}" font-weight="bold" font-size="${size}" fill="#1c3f7a">${esc(t)}</text>`).join('');
}

async function portraitPng(path: string, w: number, h: number): Promise<Buffer> {
  return sharp(path).rotate().resize(w, h, { fit: 'cover', position: 'attention' }).modulate({ saturation: 0.85 }).png().toBuffer();
}

/** The canonical (straight, undamaged) image of one side, as RGBA PNG with rounded card corners. */
export async function renderSide(
  type: DocumentType,
  which: 'front' | 'back',
  holder: DocumentHolder,
  rnd: SeededRandom,
  mrzFont: MrzFont = DEFAULT_MRZ_FONT,
  zoneLines?: readonly string[],
  kzId?: KzIdPlacement,
): Promise<Buffer> {
  const zone = zoneLines ?? composeMrz(type, holder);
  const side = which === 'front' ? fieldsSide(type) : mrzSide(type);
  let body: string;
  let tint: [string, string];
  let portrait = side.portrait;
  if (type === 'id_card' && kzId && which === 'front') {
    tint = ['#e2ecf6', '#f3eedf'];
    portrait = kzId.portrait;
    const n = kzId.documentNumber;
    body = header(['ҚАЗАҚСТАН РЕСПУБЛИКАСЫ', 'РЕСПУБЛИКА КАЗАХСТАН'], 40, 42, 20) +
      header(['ЖЕКЕ КУӘЛІК', 'УДОСТОВЕРЕНИЕ ЛИЧНОСТИ'], 640, 40, 17) +
      `<text x="${n.x}" y="${n.y}" font-family="${TEXT_FONT}" font-weight="bold" font-size="${KZ_ID_PRINT.numberSize}" fill="#14171c">№ ${esc(holder.documentNumber)}</text>` +
      (await kzIdFieldsSvg(kzId.front, holder));
  } else if (type === 'id_card' && kzId) {
    tint = ['#e6f0f6', '#efeadb'];
    body = (await kzIdFieldsSvg(kzId.back, holder)) + mrzSvg(side, zone, mrzFont);
  } else if (type === 'id_card' && which === 'front') {
    tint = ['#e3eef8', '#f4efe0'];
    body = header(['ҚАЗАҚСТАН РЕСПУБЛИКАСЫ', 'РЕСПУБЛИКА КАЗАХСТАН'], 40, 40, 20) +
      header(['ЖЕКЕ КУӘЛІК', 'УДОСТОВЕРЕНИЕ ЛИЧНОСТИ'], 640, 40, 17) + (await fieldsSvg(side, holder));
  } else if (type === 'id_card') {
    tint = ['#e6f0f6', '#efeadb'];
    body = header(['ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ АЗАМАТЫ', 'ГРАЖДАНИН РЕСПУБЛИКИ КАЗАХСТАН'], 40, 50, 20) +
      `<rect x="60" y="150" width="130" height="100" rx="14" fill="#c9a646" stroke="#8a6d1f" stroke-width="3"/>` +
      `<path d="M60 200 H190 M125 150 V250 M90 150 V250 M160 150 V250" stroke="#8a6d1f" stroke-width="2"/>` +
      mrzSvg(side, zone, mrzFont);
  } else {
    tint = ['#f6eee6', '#e9f0ea'];
    body = header(['ҚАЗАҚСТАН РЕСПУБЛИКАСЫ / РЕСПУБЛИКА КАЗАХСТАН / REPUBLIC OF KAZAKHSTAN'], 30, 36, 18) +
      header(['ПАСПОРТ / PASSPORT    P    KAZ'], 30, 66, 16) + (await fieldsSvg(side, holder)) + mrzSvg(side, zone, mrzFont);
  }
  const svg = frame(side, rnd, tint, '#9fb9d6', body);
  const layers: Parameters<ReturnType<typeof sharp>['composite']>[0] = [];
  if (portrait && which === 'front') {
    const p = portrait;
    layers.push({ input: await portraitPng(holder.portraitPath, p.w, p.h), left: p.x, top: p.y });
  }
  return sharp(Buffer.from(svg)).composite(layers).png().toBuffer();
}
