import { mrzName } from './mrz-compose';
import { parseMrz, type ParsedMrz } from './mrz-parse';
import { transliterateToMrz } from './transliteration';

/*
 * Letters tesseract confuses in a monospaced zone font; only these may differ for the front to win.
 * Not M, N and H among themselves: the front's Cyrillic OCR confuses Н and М on blurred photos
 * more often than the zone's cell reader confuses M and N, and letting the front win wrote its
 * misread into a right zone (bench: NURLANOV → MURLANOV, ULZHAN → ULZHAM, both then accepted).
 * Such a disagreement stays one, and the name is marked for the applicant. H and B: the cell
 * reader took a blurred OCR-B H for B (ZBUMABEKOVA for the front's ЖҰМАБЕКОВА).
 */
const CLASSES = ['ITLJ1', 'OQDU0', 'K<X', 'B8H', 'S5', 'Z2', 'GC6', 'VY', 'EF'];
const classOf = (ch: string) => CLASSES.findIndex((c) => c.includes(ch));
/** Thin letters the zone may have lost where the front has them. */
const SOFT_MISSING = new Set(['I', 'O', '<', 'K', 'L', 'T']);
/**
 * Letters the zone may have that the front lacks: only fillers and their look-alikes. A letter the
 * front lacks is far more often the front's loss (ЦО read for ЦОЙ, the zone's right TSOI) than
 * a letter the cell reader made up, and letting the front win wrote TSO into a right zone.
 */
const SOFT_EXTRA = new Set(['<', 'K']);
/** What tesseract reads a run of OCR-B fillers («<<<<») as, besides fillers. */
const FILLER_LOOKALIKES = /^[<KXEC]*$/;

/** Edit cost from the zone's name `a` to the front's `b` where only look-alike substitutions and the letters above are cheap. */
function confusableDistance(a: string, b: string): number {
  const extra = (ch: string) => (SOFT_EXTRA.has(ch) ? 1 : 3);
  const missing = (ch: string) => (SOFT_MISSING.has(ch) ? 1 : 3);
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) dp[i][0] = dp[i - 1][0] + extra(a[i - 1]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = dp[0][j - 1] + missing(b[j - 1]);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1];
      const y = b[j - 1];
      const sub = x === y ? 0 : classOf(x) >= 0 && classOf(x) === classOf(y) ? 1 : 3;
      dp[i][j] = Math.min(dp[i - 1][j - 1] + sub, dp[i - 1][j] + extra(x), dp[i][j - 1] + missing(y));
    }
  }
  return dp[a.length][b.length];
}

/**
 * The zone's name line carries no check digit. When it differs from the transliterated front name
 * only by up to two look-alike letters (I/T, O/0, K/< …), the misread is the zone's: the front's
 * spelling is written into the name line. So too when the name before the first three fillers is
 * exactly the front's and the rest reads only as fillers and their look-alikes (…ARMAN<<<<<K<<KKKEKK):
 * ICAO 9303 leaves nothing but fillers there. Returns the zone unchanged otherwise.
 */
export function reconcileZoneName(zone: ParsedMrz, surname: string, givenName: string, today: Date): { parsed: ParsedMrz; fromFront: boolean } {
  if (!surname) return { parsed: zone, fromFront: false };
  const td1 = zone.format === 'TD1';
  const width = td1 ? 30 : 39;
  const expected = mrzName(transliterateToMrz(surname), transliterateToMrz(givenName), width);
  const actual = td1 ? zone.lines[2] : zone.lines[0].slice(5);
  if (expected === actual) return { parsed: zone, fromFront: false };
  const trim = (s: string) => s.replace(/<+$/, '');
  const fillers = actual.indexOf('<<<');
  const tailOnly = fillers >= 0 && actual.slice(0, fillers) === trim(expected) && FILLER_LOOKALIKES.test(actual.slice(fillers));
  if (!tailOnly && confusableDistance(trim(actual), trim(expected)) > 2) return { parsed: zone, fromFront: false };
  const lines = td1 ? [zone.lines[0], zone.lines[1], expected] : [zone.lines[0].slice(0, 5) + expected, zone.lines[1]];
  return { parsed: parseMrz(lines, today), fromFront: true };
}
