/**
 * Command line for identity documents (see --help). Runs exactly the code the workflow uses.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { facesDir } from '@app/fixtures';
import type { IdentityDocumentRecord, PersonRecord } from '@app/registers';
import { DocumentRejectedError } from './errors';
import { generateDocument } from './generator/generate-document';
import type { PhotoLevel } from './generator/photograph';
import { holderForPerson } from './generator/register-person';
import { holderForIin } from './generator/sample-holders';
import { DocumentReader } from './reader/document-reader';
import { DOCUMENT_LAYOUTS, type DocumentLayout } from './layout';
import type { DocumentHolder, DocumentType } from './types';
import { validateAgainstApplicant } from './validation/applicant-check';

const PHOTO_LEVELS: readonly PhotoLevel[] = ['clean', 'phone', 'hard'];

const HELP = `Usage:
  npm run -s document -- generate --iin IIN --type id_card|passport [--layout kz-id|classic] [--level clean|phone|hard]
                                  [--damage 0..1] [--seed N] [--portrait FILE] --out DIR
      Writes a synthetic document for the holder with that IIN (names etc. drawn from a PRNG
      seeded by the IIN): DIR/front.jpg, DIR/back.jpg (ID card) and DIR/holder.json. An ID card
      is printed as the real card is arranged (kz-id) unless --layout classic; --level photographs
      it as a phone would (instead of --damage).
  npm run -s document -- generate --iin IIN --register PEOPLE.json [--type id_card|passport] [--number N]
                                  [--portrait FILE] [--damage 0..1] [--seed N] --out DIR
      The same for a person of the register fixtures (fixtures/register/people.json): names, birth
      date and place, nationality from their record; number, dates and authority from one of their
      documents (--number, else their valid one of --type, default id_card, else the first of that
      type, whatever its state). The portrait is --portrait FILE, else their register photo
      (photoFile) from the faces directory: pass another photo of them for a genuine face match,
      someone else's for an impostor.
  npm run -s document -- read FRONT [BACK] [--type id_card|passport] [--iin IIN] [--portrait-out FILE]
      Reads a document and prints the recognised fields, the parsed machine-readable zone with each
      check digit's result, the cross-checks and the confidences as JSON. With --iin, also the
      outcome against that applicant (match / other_person / inconsistent).
      A refused upload prints {"rejected": {code, side, message}} and exits with status 2.

Environment (read here only):
  DOCUMENTS_TESSDATA_DIR   tesseract language data (default /usr/share/tesseract-ocr/5/tessdata)
  DOCUMENTS_FACES_DIR      portrait photos for generate (default fixtures/faces)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function positional(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--')) i++;
    else out.push(args[i]);
  }
  return out;
}

function documentType(value: string | undefined): DocumentType | undefined {
  if (value === undefined) return undefined;
  if (value !== 'id_card' && value !== 'passport') throw new Error(`--type must be id_card or passport, not ${value}`);
  return value;
}

type RegisterPerson = PersonRecord & { readonly photoFile?: string | null };

function registerPerson(file: string, iin: string): RegisterPerson {
  const people = JSON.parse(readFileSync(file, 'utf8')) as RegisterPerson[];
  const person = people.find((p) => p.iin === iin);
  if (!person) throw new Error(`IIN ${iin} is not in ${file}`);
  return person;
}

function registerDocument(person: RegisterPerson, number: string | undefined, type: DocumentType): IdentityDocumentRecord {
  const held = person.documents.map((d) => `${d.type} ${d.number} (${d.state})`).join(', ') || 'none';
  if (number) {
    const byNumber = person.documents.find((d) => d.number === number);
    if (!byNumber) throw new Error(`${person.iin} holds no document ${number}; they hold: ${held}`);
    return byNumber;
  }
  const ofType = person.documents.filter((d) => d.type === type);
  const chosen = ofType.find((d) => d.state === 'valid') ?? ofType[0];
  if (!chosen) throw new Error(`${person.iin} holds no ${type}; they hold: ${held}`);
  return chosen;
}

function registerPortrait(person: RegisterPerson, portrait: string | undefined): string {
  if (portrait) return resolve(portrait);
  if (!person.photoFile) throw new Error(`${person.iin} has no register photo: give --portrait FILE`);
  return join(facesDir(process.env.DOCUMENTS_FACES_DIR, 'DOCUMENTS_FACES_DIR'), person.photoFile);
}

async function generate(args: string[]): Promise<void> {
  const iin = option(args, 'iin');
  const out = option(args, 'out');
  const register = option(args, 'register');
  const portrait = option(args, 'portrait');
  if (!iin || !out) throw new Error('generate needs --iin and --out');
  const damage = Number(option(args, 'damage') ?? '0');
  if (!(damage >= 0 && damage <= 1)) throw new Error('--damage must be between 0 and 1');
  const layout = option(args, 'layout') ?? 'kz-id';
  if (!(DOCUMENT_LAYOUTS as readonly string[]).includes(layout)) throw new Error(`--layout must be one of ${DOCUMENT_LAYOUTS.join(', ')}`);
  const level = option(args, 'level');
  if (level !== undefined && !PHOTO_LEVELS.includes(level as PhotoLevel)) throw new Error(`--level must be one of ${PHOTO_LEVELS.join(', ')}`);
  let type = documentType(option(args, 'type')) ?? 'id_card';
  let holder: DocumentHolder;
  let document: IdentityDocumentRecord | undefined;
  if (register) {
    const person = registerPerson(register, iin);
    document = registerDocument(person, option(args, 'number'), type);
    type = document.type;
    holder = holderForPerson(person, document, registerPortrait(person, portrait));
  } else {
    holder = holderForIin(iin, { type, facesDir: facesDir(process.env.DOCUMENTS_FACES_DIR, 'DOCUMENTS_FACES_DIR') });
    if (portrait) holder = { ...holder, portraitPath: resolve(portrait) };
  }
  const doc = await generateDocument(holder, type, { damage, level: level as PhotoLevel | undefined, layout: layout as DocumentLayout, seed: Number(option(args, 'seed') ?? '1') });
  const dir = resolve(out);
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = { front: join(dir, 'front.jpg'), holder: join(dir, 'holder.json') };
  writeFileSync(files.front, doc.front);
  if (doc.back) writeFileSync((files.back = join(dir, 'back.jpg')), doc.back);
  writeFileSync(files.holder, JSON.stringify(holder, null, 2));
  console.log(JSON.stringify({ type, layout: type === 'id_card' ? layout : undefined, level, damage: level ? undefined : damage, document, files }, null, 2));
}

async function read(args: string[]): Promise<number> {
  const [frontPath, backPath] = positional(args);
  if (!frontPath) throw new Error('read needs FRONT');
  const reader = new DocumentReader({ tessdataDir: process.env.DOCUMENTS_TESSDATA_DIR });
  await reader.init();
  try {
    const result = await reader.read({
      front: readFileSync(frontPath),
      back: backPath ? readFileSync(backPath) : undefined,
      type: documentType(option(args, 'type')),
    });
    const portraitOut = option(args, 'portrait-out');
    if (portraitOut) writeFileSync(portraitOut, result.portraitJpeg);
    const iin = option(args, 'iin');
    const { portraitJpeg, ...rest } = result;
    console.log(JSON.stringify({
      ...rest,
      portrait: { bytes: portraitJpeg.length, savedTo: portraitOut ?? null },
      applicant: iin ? validateAgainstApplicant(result, { iin }) : undefined,
    }, null, 2));
    return 0;
  } catch (e) {
    if (!(e instanceof DocumentRejectedError)) throw e;
    console.log(JSON.stringify({ rejected: { code: e.code, side: e.side, message: e.message } }, null, 2));
    return 2;
  } finally {
    await reader.terminate();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'generate') {
    await generate(args);
    return 0;
  }
  if (command === 'read') return read(args);
  console.log(HELP);
  return command === '--help' || command === 'help' || command === undefined ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
