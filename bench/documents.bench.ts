/**
 * Document-reading benchmark: seeded synthetic ID cards (front + back) per layout × zone typeface ×
 * photo level (clean scan, phone photo, hard photo), read with exactly the pipeline the workflow
 * uses. Per cell: zone exact rate, per-field exact rate, wrong readings accepted as right (a field
 * not flagged low-confidence whose value is wrong; a zone marked valid whose lines are wrong and
 * which no cross-check with the front catches — target 0; those a cross-check catches, sending the
 * document to a moderator, are counted beside them), refusals by reason and front+back latency p50/p95.
 *
 *   npm run -s ts bench/documents.bench.ts -- [--count 5] [--seed 42] [--levels clean,phone,hard]
 *                                             [--fonts ocr-b,dejavu-mono] [--layouts classic,kz-id,passport] [--verbose]
 *                                             [--card-widths 300,350,400] [--min-card-width 350]
 *
 * `--card-widths` photographs every card that many pixels across (in a 1000 px picture, the rest of
 * the level's damage as drawn), one cell per width: how small a card may be and still read right.
 * `--min-card-width` sets the reader's floor (below it the photo is refused as too far).
 */
import {
  cardAcross,
  composeMrz,
  CONFIRMABLE_FIELDS,
  DOCUMENT_LAYOUTS,
  DocumentReader,
  DocumentRejectedError,
  fieldValue,
  generateDocument,
  sampleHolder,
  type DocumentLayout,
  type DocumentType,
  type MrzFont,
  type PhotoLevel,
} from '@app/documents';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** The ID card's layouts, and the passport's data page (one layout, its TD3 zone on the page). */
const KNOWN_LAYOUTS: readonly string[] = [...DOCUMENT_LAYOUTS, 'passport'];

interface Cell {
  readonly label: string;
  docs: number;
  read: number;
  zoneExact: number;
  /** Zones marked valid (every check digit passes) whose lines are not the printed ones, no cross-check failing. */
  zoneWrongAccepted: number;
  /** …the same, but a cross-check with the front fails, so the document cannot pass on its own. */
  zoneWrongCaught: number;
  fieldExact: Record<string, number>;
  /** Fields not flagged low-confidence whose value is wrong. */
  fieldWrongAccepted: Record<string, number>;
  refusals: Record<string, number>;
  latencies: number[];
  failures: string[];
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(0)}%`;
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

async function measureCell(reader: DocumentReader, layout: string, font: MrzFont, level: PhotoLevel, count: number, seed: number, cardWidth?: number): Promise<Cell> {
  const cell: Cell = { label: `${layout} × ${font} × ${level}${cardWidth ? ` @${cardWidth}px` : ''}`, docs: count, read: 0, zoneExact: 0, zoneWrongAccepted: 0, zoneWrongCaught: 0, fieldExact: {}, fieldWrongAccepted: {}, refusals: {}, latencies: [], failures: [] };
  for (const f of CONFIRMABLE_FIELDS) {
    cell.fieldExact[f] = 0;
    cell.fieldWrongAccepted[f] = 0;
  }
  for (let i = 0; i < count; i++) {
    const docSeed = seed * 10_000 + i;
    const type: DocumentType = layout === 'passport' ? 'passport' : 'id_card';
    const holder = sampleHolder(docSeed, { type });
    const spoil = cardWidth && level !== 'clean' ? { spoil: cardAcross(cardWidth) } : {};
    const doc = await generateDocument(holder, type, { level, seed: docSeed, mrzFont: font, ...spoil, ...(type === 'id_card' ? { layout: layout as DocumentLayout } : {}) });
    const started = process.hrtime.bigint();
    try {
      const result = await reader.read({ front: doc.front, back: doc.back, type });
      cell.latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      cell.read++;
      const expected = composeMrz(type, holder).join('|');
      const zone = result.mrz?.parsed;
      const got = zone?.lines.join('|') ?? 'none';
      if (zone?.valid && got === expected) cell.zoneExact++;
      else {
        // The applicant check sends a document with any failing cross-check (expiry aside) to a moderator.
        const caught = result.crossChecks.some((c) => c.status === 'fail' && c.name !== 'not_expired');
        if (zone?.valid && caught) cell.zoneWrongCaught++;
        else if (zone?.valid) cell.zoneWrongAccepted++;
        cell.failures.push(`#${i} zone${zone?.valid ? (caught ? ' valid, caught by a cross-check' : ' ACCEPTED') : ''}: ${got} ≠ ${expected}`);
      }
      for (const f of result.fields) {
        const want = fieldValue(holder, f.name);
        if (f.value === want) cell.fieldExact[f.name]++;
        else {
          if (!f.lowConfidence) cell.fieldWrongAccepted[f.name]++;
          cell.failures.push(`#${i} ${f.name}${f.lowConfidence ? '' : ' ACCEPTED'}: "${f.value}" ≠ "${want}"`);
        }
      }
    } catch (e) {
      cell.latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (!(e instanceof DocumentRejectedError)) throw e;
      cell.refusals[e.code] = (cell.refusals[e.code] ?? 0) + 1;
      cell.failures.push(`#${i} refused: ${e.message}`);
    }
  }
  return cell;
}

function report(cells: readonly Cell[], verbose: boolean): void {
  console.log('\ncell                              docs  zone exact  wrong accepted (zone/fields)  zone caught  refused (by reason)            p50 ms  p95 ms');
  for (const c of cells) {
    const refused = sum(c.refusals);
    const reasons = Object.entries(c.refusals).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(
      `${c.label.padEnd(34)}${String(c.docs).padStart(4)}  ${`${c.zoneExact}/${c.docs} ${pct(c.zoneExact, c.docs)}`.padStart(10)}  ${`${c.zoneWrongAccepted}/${sum(c.fieldWrongAccepted)}`.padStart(28)}  ${String(c.zoneWrongCaught).padStart(11)}  ${`${refused}${reasons ? ` (${reasons})` : ''}`.padEnd(30)} ${percentile(c.latencies, 50).toFixed(0).padStart(6)}  ${percentile(c.latencies, 95).toFixed(0).padStart(6)}`,
    );
  }
  console.log('\nper-field exact rate after cross-checks, of the documents read (wrong accepted in brackets)');
  console.log(`${'field'.padEnd(20)}${cells.map((c) => c.label.split(' × ').slice(1).join('/').padStart(20)).join('')}`);
  for (const f of CONFIRMABLE_FIELDS) {
    console.log(`${f.padEnd(20)}${cells.map((c) => `${pct(c.fieldExact[f], c.read)}${c.fieldWrongAccepted[f] ? ` [${c.fieldWrongAccepted[f]}]` : ''}`.padStart(20)).join('')}`);
  }
  if (verbose) for (const c of cells) if (c.failures.length) console.log(`\n${c.label}:\n  ${c.failures.slice(0, 60).join('\n  ')}`);
}

async function main(): Promise<void> {
  const count = Number(arg('count', '5'));
  const seed = Number(arg('seed', '42'));
  const levels = arg('levels', 'clean,phone,hard').split(',') as PhotoLevel[];
  const fonts = arg('fonts', 'ocr-b,dejavu-mono').split(',') as MrzFont[];
  const layouts = arg('layouts', KNOWN_LAYOUTS.join(',')).split(',');
  const floor = arg('min-card-width', '');
  const reader = new DocumentReader(floor ? { limits: { minCardWidthPx: Number(floor) } } : {});
  await reader.init();
  try {
    // One warm-up read so worker start-up is not counted as latency.
    const warm = await generateDocument(sampleHolder(1), 'id_card', { seed: 1 });
    await reader.read({ front: warm.front, back: warm.back, type: 'id_card' });
    const cells: Cell[] = [];
    const widths = arg('card-widths', '').split(',').filter(Boolean).map(Number);
    for (const layout of layouts) for (const font of fonts) for (const level of levels) {
      for (const width of widths.length ? widths : [undefined]) {
        cells.push(await measureCell(reader, layout, font, level, count, seed, width));
        process.stderr.write(`done ${cells[cells.length - 1].label}\n`);
      }
    }
    report(cells, process.argv.includes('--verbose'));
  } finally {
    await reader.terminate();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
