import sharp from 'sharp';
import { checkDocumentImage, DocumentRejectedError, DocumentRejectionCode, generateDocument, sampleHolder } from '@app/documents';
import { decodeImage } from '../src/reader/decode-image';

async function rejection(input: Buffer, limits = {}): Promise<DocumentRejectedError> {
  try {
    await decodeImage(input, 'front', limits);
  } catch (e) {
    if (e instanceof DocumentRejectedError) return e;
    throw e;
  }
  throw new Error('decodeImage accepted the input');
}

const jpeg = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#c0c0c0' } }).jpeg().toBuffer();

jest.setTimeout(60_000);

describe(decodeImage.name, () => {
  it('decodes a JPEG to RGB at a bounded working size', async () => {
    const img = await decodeImage(await jpeg(3000, 2000), 'front');
    expect(img).toMatchObject({ width: 1800, height: 1200 });
    expect(img.rgb.length).toBe(1800 * 1200 * 3);
  });

  it('refuses an empty upload as not an image', async () => {
    expect((await rejection(Buffer.alloc(0))).code).toBe(DocumentRejectionCode.NotAnImage);
  });

  it('refuses a text file as not an image', async () => {
    expect((await rejection(Buffer.from('%PDF-1.7 this is not a photo'))).code).toBe(DocumentRejectionCode.NotAnImage);
  });

  it('refuses formats other than JPEG and PNG', async () => {
    const gif = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#fff' } }).gif().toBuffer();
    expect((await rejection(gif)).code).toBe(DocumentRejectionCode.NotAnImage);
  });

  it('refuses a truncated JPEG', async () => {
    const full = await jpeg(800, 600);
    expect((await rejection(full.subarray(0, Math.floor(full.length / 2)))).code).toBe(DocumentRejectionCode.Unreadable);
  });

  it('refuses an upload over the byte cap before decoding it', async () => {
    const e = await rejection(await jpeg(800, 600), { maxBytes: 1000 });
    expect(e.code).toBe(DocumentRejectionCode.TooLarge);
  });

  it('refuses a decompression bomb by its declared pixel count', async () => {
    // 9000×9000 of one colour compresses to a few kilobytes but would decode to 243 MB of RGB.
    const bomb = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#000' }, limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(2_000_000);
    expect((await rejection(bomb)).code).toBe(DocumentRejectionCode.TooLarge);
  });

  it('refuses an image too small to hold a readable document', async () => {
    expect((await rejection(await jpeg(300, 200))).code).toBe(DocumentRejectionCode.TooSmall);
  });

  it('says which side was refused', async () => {
    const e = await rejection(Buffer.from('nope'));
    expect(e.side).toBe('front');
    expect(e.message).toContain('(front');
  });
});

describe(checkDocumentImage.name, () => {
  it('accepts a phone photo of a card and reports its working size', async () => {
    const card = await generateDocument(sampleHolder(3), 'id_card', { layout: 'kz-id', level: 'phone', seed: 3 });
    const { width, height } = await sharp(card.back).metadata();
    await expect(checkDocumentImage(card.back!, 'back')).resolves.toEqual({ width, height });
  });

  it('refuses a picture with nothing sharp in it: the advice is to take it again, held still', async () => {
    await expect(checkDocumentImage(await jpeg(1600, 1200), 'back')).rejects.toMatchObject({ code: DocumentRejectionCode.Blurred, side: 'back' });
  });

  it('refuses what the reader would refuse, naming the side', async () => {
    await expect(checkDocumentImage(Buffer.from('x'), 'back')).rejects.toMatchObject({ code: DocumentRejectionCode.NotAnImage, side: 'back' });
  });
});
