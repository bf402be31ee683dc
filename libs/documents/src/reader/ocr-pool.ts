import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';

/** Debian's tesseract-ocr-{eng,rus,kaz} install uncompressed traineddata here. */
export const DEFAULT_TESSDATA_DIR = '/usr/share/tesseract-ocr/5/tessdata';

export interface OcrPoolOptions {
  /** Tesseract languages, e.g. `eng` or `kaz+rus`. */
  readonly languages: string;
  /** Directory holding `<lang>.traineddata` (uncompressed). */
  readonly tessdataDir?: string;
  /** Workers in the pool; default: one per available CPU. */
  readonly size?: number;
  /** A worker is replaced after this many jobs, bounding WASM heap growth. Default 200. */
  readonly recycleAfterJobs?: number;
}

export interface OcrRequest {
  readonly image: Buffer;
  /** Tesseract page-segmentation mode: 6 block, 7 single line, 11 sparse text anywhere. */
  readonly psm: 6 | 7 | 11;
  readonly whitelist?: string;
  /** Also return each word with its box (pixels of `image`). */
  readonly words?: boolean;
}

export interface OcrWord {
  readonly text: string;
  readonly confidence: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface OcrResult {
  readonly text: string;
  /** Mean word confidence, 0..1. */
  readonly confidence: number;
  /** Only when the request asked for `words`. */
  readonly words?: readonly OcrWord[];
}

interface Slot {
  worker: Promise<Worker>;
  jobs: number;
  busy: boolean;
}

/**
 * A fixed-size pool of tesseract.js workers that never touches the network: the WASM core comes
 * from node_modules (tesseract.js-core) and the language data from `tessdataDir`, with caching off
 * so nothing is written either. Jobs queue FIFO; a worker is recycled after `recycleAfterJobs`.
 */
export class OcrPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Array<() => void> = [];
  private readonly languages: string;
  private readonly tessdataDir: string;
  private readonly recycleAfterJobs: number;
  private closed = false;

  constructor(opts: OcrPoolOptions) {
    this.languages = opts.languages;
    this.tessdataDir = opts.tessdataDir ?? DEFAULT_TESSDATA_DIR;
    this.recycleAfterJobs = opts.recycleAfterJobs ?? 200;
    // tesseract.js hangs rather than rejects when a language file is missing: check first.
    for (const lang of this.languages.split('+')) {
      const file = join(this.tessdataDir, `${lang}.traineddata`);
      if (!existsSync(file)) throw new Error(`Tesseract language data not found: ${file} (install Debian tesseract-ocr-${lang})`);
    }
    const size = Math.max(1, opts.size ?? availableParallelism());
    for (let i = 0; i < size; i++) this.slots.push({ worker: this.spawn(), jobs: 0, busy: false });
  }

  /** Resolves once every worker has loaded its language data; rejects if one cannot. */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker));
  }

  private spawn(): Promise<Worker> {
    return createWorker(this.languages, OEM.LSTM_ONLY, {
      langPath: this.tessdataDir,
      gzip: false,
      cacheMethod: 'none',
      cachePath: this.tessdataDir,
      // Dictionaries are for prose; names, numbers and zones are not words.
    }, { load_system_dawg: '0', load_freq_dawg: '0' });
  }

  /** Runs one recognition on the next free worker. */
  async recognize(req: OcrRequest): Promise<OcrResult> {
    const slot = await this.acquire();
    try {
      const worker = await slot.worker;
      const params: Record<string, string> = { tessedit_pageseg_mode: String(req.psm), user_defined_dpi: '300' };
      if (req.whitelist) params.tessedit_char_whitelist = req.whitelist;
      const { data } = await worker.recognize(req.image, params, req.words ? { text: true, blocks: true } : undefined);
      const result = { text: data.text ?? '', confidence: Math.max(0, (data.confidence ?? 0) / 100) };
      if (!req.words) return result;
      const words = (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words)))
        .map((w) => ({ text: w.text, confidence: Math.max(0, w.confidence / 100), ...w.bbox }));
      return { ...result, words };
    } finally {
      slot.jobs++;
      if (slot.jobs >= this.recycleAfterJobs && !this.closed) {
        const old = slot.worker;
        slot.worker = old.then((w) => w.terminate()).then(() => this.spawn());
        slot.jobs = 0;
      }
      this.release(slot);
    }
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new Error('OCR pool is closed'));
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => {
      this.queue.push(() => {
        const slot = this.slots.find((s) => !s.busy)!;
        slot.busy = true;
        resolve(slot);
      });
    });
  }

  private release(slot: Slot): void {
    slot.busy = false;
    this.queue.shift()?.();
  }

  /** Terminates every worker; pending jobs still finish first. */
  async terminate(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map(async (s) => (await s.worker).terminate()));
  }
}
