import type { Request } from 'express';
import { ApiError, ApiErrorCode } from './api-error';

export const IMAGE_TYPES = ['image/jpeg', 'image/png'];

/** The uploaded image of a raw-body upload and its declared type; anything but JPEG/PNG is a 415. */
export function rawImage(req: Request): { image: Buffer; type: string } {
  const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!IMAGE_TYPES.includes(type)) throw new ApiError(ApiErrorCode.ImageUnsupported, 'send the image itself as the body, with Content-Type image/jpeg or image/png');
  const body: unknown = req.body;
  return { image: Buffer.isBuffer(body) ? body : Buffer.alloc(0), type };
}
