import { boxToOutput, sampleAffine } from '../src/engine/image-sampling';

/** A w×h RGB image whose red channel is the column index, green the row index, blue constant 50. */
function gradient(w: number, h: number) {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x, y, 50], (y * w + x) * 3);
  return { data, width: w, height: h };
}

describe(sampleAffine.name, () => {
  const raw = { channels: 'rgb' as const, scale: 1, offset: 0 };

  it('reproduces the pixels under the identity map', () => {
    const image = gradient(8, 6);
    const out = sampleAffine(image, boxToOutput({ x: 0, y: 0, width: 8, height: 6 }, 8, 6), 8, 6, raw);
    expect(Array.from(out.subarray(0, 8))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(out[48 + 6 * 8 - 1]).toBe(5); // green plane, last pixel: row 5
    expect(out[2 * 48]).toBe(50);
  });

  it('averages the covered pixels when shrinking (area resampling), so a 4× shrink of a ramp gives the block means', () => {
    const image = gradient(16, 4);
    const out = sampleAffine(image, boxToOutput({ x: 0, y: 0, width: 16, height: 4 }, 4, 1), 4, 1, raw);
    expect(Array.from(out.subarray(0, 4))).toEqual([1.5, 5.5, 9.5, 13.5]);
    expect(out[4]).toBeCloseTo(1.5, 6); // green: mean of rows 0–3
  });

  it('writes grey as Rec. 601 luma with the given scale and offset, and fills outside the image', () => {
    const image = { data: new Uint8Array([200, 100, 50]), width: 1, height: 1 };
    const grey = sampleAffine(image, boxToOutput({ x: 0, y: 0, width: 1, height: 1 }, 1, 1), 1, 1, { channels: 'grey', scale: 1 / 256, offset: 0 });
    expect(grey[0]).toBeCloseTo((0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 256, 6);
    const outside = sampleAffine(image, boxToOutput({ x: 10, y: 10, width: 1, height: 1 }, 1, 1), 1, 1, { ...raw, fill: 7 });
    expect(Array.from(outside)).toEqual([7, 7, 7]);
  });
});
