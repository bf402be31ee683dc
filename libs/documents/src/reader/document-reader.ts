import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { DocumentRejectedError, DocumentRejectionCode } from '../errors';
import { ASPECT_RATIO, fieldsSide, mrzSide, type Rect, type SideLayout } from '../layout';
import type { Point } from '../perspective';
import type { DocumentType, RecognisedField } from '../types';
import { crossCheck, type CrossCheck } from '../validation/cross-check';
import type { ParsedMrz } from '../validation/mrz-parse';
import { reconcileZoneName } from '../validation/zone-name-reconcile';
import { assembleFields } from './assemble-fields';
import { decodeImage, type DecodedImage, type DecodeLimits } from './decode-image';
import type { FrontReading, OcrPools } from './field-ocr';
import { readPrintedFields } from './label-fields';
import { locateDocument } from './locate-document';
import { DEFAULT_TESSDATA_DIR, OcrPool } from './ocr-pool';
import { checkPhotoQuality } from './photo-quality';
import type { GreyImage } from './prepare-crop';
import { aspectOf, straighten } from './straighten';
import { zoneGlyphs } from './zone-cells';
import { looksLikeZoneSide, readZone } from './zone-ocr';

export interface DocumentReaderOptions {
  /** Directory with eng/kaz/rus `.traineddata`; default Debian's. */
  readonly tessdataDir?: string;
  /** Workers per pool (one `eng`, one `kaz+rus`); default ⌈CPUs / 2⌉ for `eng`, one per CPU for `kaz+rus`. */
  readonly workersPerPool?: number;
  /** Recycle a tesseract worker after this many jobs. Default 200. */
  readonly recycleAfterJobs?: number;
  readonly limits?: DecodeLimits;
  /** Fields under this confidence are marked for the applicant's attention. Default 0.8. */
  readonly lowConfidenceBelow?: number;
  /** Clock for the expiry check; default the system clock. */
  readonly now?: () => Date;
}

export interface DocumentReadInput {
  /** ID card front or passport data page (JPEG or PNG bytes). */
  readonly front: Buffer;
  /** ID card back (with the zone). Ignored for a passport. */
  readonly back?: Buffer;
  /** Known document type; inferred from the page's proportions when absent. */
  readonly type?: DocumentType;
}

/** The parsed zone with how sure OCR was. */
export interface ZoneResult {
  readonly parsed: ParsedMrz;
  readonly ocrConfidence: number;
  /** Text of each OCR pass over the zone (one when the first pass checked out). */
  readonly ocrPasses: readonly string[];
  /**
   * True when the name line (which has no check digit) was misread by look-alike letters only and
   * the front's transliterated name was written into it.
   */
  readonly nameFromFront: boolean;
}

/** Everything read from one document, for the applicant to confirm and the workflow to decide on. */
export interface DocumentReadResult {
  readonly type: DocumentType;
  /** Seed 002 step 17's fields, in form order, each with confidence and a low-confidence flag. */
  readonly fields: readonly RecognisedField[];
  /** Raw front OCR per field (before zone cross-checking), for audit and moderation. */
  readonly frontOcr: readonly FrontReading[];
  /** Null when the ID card's back was not supplied. */
  readonly mrz: ZoneResult | null;
  readonly crossChecks: readonly CrossCheck[];
  /** Sex from the zone (the printed front has no sex field). */
  readonly sex: 'M' | 'F' | null;
  /** Portrait cut from the front, JPEG, for the face match. */
  readonly portraitJpeg: Buffer;
  readonly timingsMs: { readonly decode: number; readonly locate: number; readonly ocr: number; readonly total: number };
}

interface Side {
  readonly image: DecodedImage;
  readonly corners: Point[];
}

/**
 * Reads Kazakhstan ID cards and passports: locates and straightens each side, OCRs the zone with
 * the zone alphabet and the printed fields with kaz+rus data, parses the zone with every check
 * digit, cross-checks zone ↔ front ↔ IIN and cuts out the portrait. Call `init()` once and
 * `terminate()` at shutdown; `read()` may run concurrently (jobs share the worker pools).
 */
export class DocumentReader {
  private pools: OcrPools | null = null;
  private starting: Promise<void> | null = null;
  private readonly opts: DocumentReaderOptions;

  constructor(opts: DocumentReaderOptions = {}) {
    this.opts = opts;
  }

  /** Starts the tesseract workers (language data from `tessdataDir`, nothing from the network). */
  async init(): Promise<void> {
    // Concurrent callers share one start-up.
    this.starting ??= this.start().catch((e: unknown) => {
      this.starting = null;
      throw e;
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    // Most OCR now is Cyrillic (labels and values); the zone is read by its cells, so `eng` is
    // mostly the dates and numbers: the Cyrillic pool gets a worker per core, `eng` half that.
    const cores = availableParallelism();
    const latinSize = this.opts.workersPerPool ?? Math.max(1, Math.ceil(cores / 2));
    const cyrillicSize = this.opts.workersPerPool ?? Math.max(1, cores);
    const common = { tessdataDir: this.opts.tessdataDir ?? DEFAULT_TESSDATA_DIR, recycleAfterJobs: this.opts.recycleAfterJobs };
    const started: OcrPool[] = [];
    try {
      const latin = new OcrPool({ ...common, size: latinSize, languages: 'eng' });
      started.push(latin);
      const cyrillic = new OcrPool({ ...common, size: cyrillicSize, languages: 'kaz+rus' });
      started.push(cyrillic);
      // The zone glyphs (both zone pitches) are rendered once here, not on the first applicant's read.
      await Promise.all([...started.map((p) => p.ready()), zoneGlyphs(mrzSide('id_card').mrz!.advance), zoneGlyphs(mrzSide('passport').mrz!.advance)]);
      this.pools = { latin, cyrillic };
    } catch (e) {
      await Promise.allSettled(started.map((p) => p.terminate()));
      throw e;
    }
  }

  async terminate(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const pools = this.pools;
    this.pools = null;
    this.starting = null;
    if (pools) await Promise.all([pools.latin.terminate(), pools.cyrillic.terminate()]);
  }

  /** Reads one document; throws `DocumentRejectedError` for input the applicant must redo. */
  async read(input: DocumentReadInput): Promise<DocumentReadResult> {
    const pools = this.pools;
    if (!pools) throw new Error('DocumentReader.init() has not been called');
    const t0 = Date.now();
    const [frontImg, backImg] = await Promise.all([
      decodeImage(input.front, 'front', this.opts.limits),
      input.back && input.type !== 'passport' ? decodeImage(input.back, 'back', this.opts.limits) : Promise.resolve(null),
    ]);
    const t1 = Date.now();
    const front = this.locate(frontImg, 'front');
    const back = backImg ? this.locate(backImg, 'back') : null;
    const type = input.type ?? inferType(front.corners);
    const t2 = Date.now();

    const frontLayout = fieldsSide(type);
    const frontFlat = straighten(front.image, front.corners, frontLayout.width, frontLayout.height);
    const zoneLayout = mrzSide(type);
    const zoneFlat = type === 'passport' ? frontFlat : back ? straighten(back.image, back.corners, zoneLayout.width, zoneLayout.height) : null;
    await this.checkSides(type, frontFlat.grey, zoneFlat?.grey ?? null);

    const now = this.opts.now?.() ?? new Date();
    const backFields = type === 'id_card' && zoneFlat ? { grey: zoneFlat.grey, zoneTop: zoneLayout.mrz!.rect.y } : null;
    const [printed, zone] = await Promise.all([
      readPrintedFields(pools, type, frontFlat, backFields),
      zoneFlat ? readZone(pools.latin, zoneFlat.grey, type, now) : Promise.resolve(null),
    ]);
    const frontOcr = printed.readings;
    const portraitJpeg = await cutPortrait(frontFlat.rgb, frontLayout, printed.portrait);
    if (zoneFlat && !zone?.parsed) throw new DocumentRejectedError(DocumentRejectionCode.Unreadable, type === 'passport' ? 'front' : 'back', 'machine-readable zone not found');
    const t3 = Date.now();

    // A name whose ink pieces did not match its letters cannot correct the zone: it may have a letter
    // too many (БАЙИҒОЖИН had overwritten the zone's right BAIGOZHIN). A doubt between letters the
    // zone writes alike (К or Қ) changes nothing there, so such a name still may.
    const unmatched = frontOcr.some((r) => (r.name === 'surname' || r.name === 'givenName') && r.piecesUnmatched);
    const reconciled = zone?.parsed ? (unmatched ? { parsed: zone.parsed, fromFront: false } : reconcileZoneName(zone.parsed, byName(frontOcr, 'surname'), byName(frontOcr, 'givenName'), now)) : null;
    const parsed = reconciled?.parsed ?? null;
    const fields = assembleFields(frontOcr, parsed, { type, lowConfidenceBelow: this.opts.lowConfidenceBelow ?? 0.8 });
    const values = Object.fromEntries(fields.map((f) => [f.name, f.value]));
    const raw = Object.fromEntries(frontOcr.map((f) => [f.name, f.value]));
    return {
      type,
      fields,
      frontOcr,
      mrz: parsed && zone && reconciled ? { parsed, ocrConfidence: zone.confidence, ocrPasses: zone.passes, nameFromFront: reconciled.fromFront } : null,
      // Cross-checks compare what each side printed, not the merged values.
      crossChecks: crossCheck({ front: { ...raw, surname: values.surname, givenName: values.givenName }, zone: parsed, today: now }),
      sex: parsed?.sex ?? null,
      portraitJpeg,
      timingsMs: { decode: t1 - t0, locate: t2 - t1, ocr: t3 - t2, total: Date.now() - t0 },
    };
  }

  private locate(image: DecodedImage, side: 'front' | 'back'): Side {
    const corners = locateDocument(image);
    if (!corners) throw new DocumentRejectedError(DocumentRejectionCode.Unreadable, side, 'no document found in the photo');
    // Too far, glare, blur: refused with advice before OCR could turn them into a wrong reading.
    checkPhotoQuality(image, corners, side, this.opts.limits);
    return { image, corners };
  }

  /** Refuses a back uploaded as the front, a front uploaded twice, or a passport page without a zone. */
  private async checkSides(type: DocumentType, front: GreyImage, zoneSide: GreyImage | null): Promise<void> {
    if (type === 'passport') {
      if (!(await looksLikeZoneSide(front, type))) throw new DocumentRejectedError(DocumentRejectionCode.WrongSide, 'front', 'not the passport data page');
      return;
    }
    if (await looksLikeZoneSide(front, type)) throw new DocumentRejectedError(DocumentRejectionCode.WrongSide, 'front', 'this is the back of the card');
    if (zoneSide && !(await looksLikeZoneSide(zoneSide, type))) throw new DocumentRejectedError(DocumentRejectionCode.WrongSide, 'back', 'no machine-readable zone on this side');
  }
}

function byName(readings: readonly FrontReading[], name: FrontReading['name']): string {
  return readings.find((r) => r.name === name)?.value ?? '';
}

function inferType(corners: readonly Point[]): DocumentType {
  const aspect = aspectOf(corners);
  const midpoint = (ASPECT_RATIO.id_card + ASPECT_RATIO.passport) / 2;
  return aspect >= midpoint ? 'id_card' : 'passport';
}

/** The portrait: where it was found on the card, else the layout's rectangle. */
async function cutPortrait(rgb: Uint8Array, layout: SideLayout, found: Rect | null): Promise<Buffer> {
  const p = found ?? layout.portrait!;
  return sharp(Buffer.from(rgb), { raw: { width: layout.width, height: layout.height, channels: 3 } })
    .extract({ left: p.x, top: p.y, width: p.w, height: p.h })
    .jpeg({ quality: 90 })
    .toBuffer();
}
