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

  it('gives each output pixel the coverage-weighted mean of its source pixels, for boxes inside and across the image border', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const image = { data: Uint8Array.from({ length: 97 * 61 * 3 }, () => Math.floor(random() * 256)), width: 97, height: 61 };
    for (const [box, fill] of [
      [{ x: 3.3, y: 2.7, width: 80.5, height: 50.2 }, 0],
      [{ x: -20.4, y: -9.1, width: 70, height: 55.5 }, 0],
      [{ x: 40.2, y: 30.6, width: 75, height: 48 }, 9],
    ] as const) {
      const out = sampleAffine(image, boxToOutput(box, 16, 12), 16, 12, { ...raw, fill });
      // Direct definition: every source pixel (or fill outside) weighted by the area of it the output pixel covers.
      const sx = box.width / 16;
      const sy = box.height / 12;
      for (const [ox, oy] of [[0, 0], [7, 5], [15, 11], [3, 10]]) {
        const x0 = box.x + ox * sx;
        const y0 = box.y + oy * sy;
        for (let channel = 0; channel < 3; channel++) {
          let sum = 0;
          for (let y = Math.floor(y0); y < y0 + sy; y++) {
            for (let x = Math.floor(x0); x < x0 + sx; x++) {
              const area = (Math.min(x0 + sx, x + 1) - Math.max(x0, x)) * (Math.min(y0 + sy, y + 1) - Math.max(y0, y));
              const inside = x >= 0 && y >= 0 && x < image.width && y < image.height;
              sum += area * (inside ? image.data[(y * image.width + x) * 3 + channel] : fill);
            }
          }
          expect(out[channel * 16 * 12 + oy * 16 + ox]).toBeCloseTo(sum / (sx * sy), 3);
        }
      }
    }
  });

  it('writes grey as Rec. 601 luma with the given scale and offset, and fills outside the image', () => {
    const image = { data: new Uint8Array([200, 100, 50]), width: 1, height: 1 };
    const grey = sampleAffine(image, boxToOutput({ x: 0, y: 0, width: 1, height: 1 }, 1, 1), 1, 1, { channels: 'grey', scale: 1 / 256, offset: 0 });
    expect(grey[0]).toBeCloseTo((0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 256, 6);
    const outside = sampleAffine(image, boxToOutput({ x: 10, y: 10, width: 1, height: 1 }, 1, 1), 1, 1, { ...raw, fill: 7 });
    expect(Array.from(outside)).toEqual([7, 7, 7]);
  });
});
