import { homographyFrom, warp, type Point } from '../perspective';
import type { DecodedImage } from './decode-image';
import type { GreyImage } from './prepare-crop';

/** The located document warped flat to `width`×`height` (RGB), undoing rotation and perspective. */
export function straighten(img: DecodedImage, corners: readonly Point[], width: number, height: number): { rgb: Uint8Array; grey: GreyImage } {
  const canonical: Point[] = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  const toSource = homographyFrom(canonical, corners);
  const rgb = warp({ data: img.rgb, width: img.width, height: img.height, channels: 3 }, toSource, width, height);
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = (rgb[i * 3] * 299 + rgb[i * 3 + 1] * 587 + rgb[i * 3 + 2] * 114) / 1000;
  return { rgb, grey: { data: grey, width, height } };
}

/** Side length ratio of a located quadrilateral (mean width / mean height). */
export function aspectOf(c: readonly Point[]): number {
  const d = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y);
  return (d(c[0], c[1]) + d(c[3], c[2])) / (d(c[0], c[3]) + d(c[1], c[2]));
}
