import { OcrPool } from '../src/reader/ocr-pool';

jest.setTimeout(60_000);

describe(OcrPool.name, () => {
  it('takes language data only from the given directory (never a CDN): a missing file is refused up front', () => {
    expect(() => new OcrPool({ languages: 'kaz+rus', tessdataDir: '/nonexistent/tessdata', size: 1 })).toThrow(
      'Tesseract language data not found: /nonexistent/tessdata/kaz.traineddata (install Debian tesseract-ocr-kaz)',
    );
  });

  it('recycles a worker after its job budget and keeps answering', async () => {
    const sharp = (await import('sharp')).default;
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80"><rect width="400" height="80" fill="#fff"/><text x="10" y="55" font-family="DejaVu Sans Mono" font-size="40">KAZ123</text></svg>';
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    const pool = new OcrPool({ languages: 'eng', size: 1, recycleAfterJobs: 2 });
    try {
      await pool.ready();
      const texts: string[] = [];
      for (let i = 0; i < 3; i++) texts.push((await pool.recognize({ image: png, psm: 7, whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' })).text.trim());
      expect(texts).toEqual(['KAZ123', 'KAZ123', 'KAZ123']);
    } finally {
      await pool.terminate();
    }
  });
});
