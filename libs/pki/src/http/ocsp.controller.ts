import { Public, RateLimited } from '@app/access';
import { createHash } from 'node:crypto';
import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PkiError, PkiErrorCode } from '../errors';
import { MAX_OCSP_REQUEST_BYTES, OcspAnswer, OcspResponder } from '../ocsp/ocsp-responder';
import type { Pki } from '../pki';
import { PKI } from './pki-tokens';

const OCSP_RESPONSE = 'application/ocsp-response';

/** RFC 6960 responder over HTTP: POST with a DER body, or GET with the base64 request in the path (appendix A). */
@Public()
@Controller('pki/ocsp')
export class OcspController {
  constructor(@Inject(PKI) private readonly pki: Pki) {}

  @Post()
  @RateLimited('ocsp')
  async post(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, () => readBody(req), false);
  }

  /** GET responses carry RFC 5019 §6 caching headers, so a CDN or proxy can serve repeats. */
  @Get('*request')
  @RateLimited('ocsp')
  async get(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(
      res,
      async () => {
        const encoded = req.path.slice(req.path.indexOf('/ocsp/') + '/ocsp/'.length);
        return Buffer.from(decodeURIComponent(encoded), 'base64');
      },
      true,
    );
  }

  private async answer(res: Response, read: () => Promise<Buffer>, cacheable: boolean): Promise<void> {
    try {
      const answer = await this.pki.ocsp.answer(await read());
      if (cacheable) setCachingHeaders(res, answer);
      res.status(200).type(OCSP_RESPONSE).send(answer.der);
    } catch (error) {
      if (!(error instanceof PkiError) || error.code !== PkiErrorCode.MalformedOcspRequest) throw error;
      // RFC 6960 clients read the malformedRequest status from the body; the 400 tells everyone else.
      res.status(400).type(OCSP_RESPONSE).send(OcspResponder.malformedResponse());
    }
  }
}

function setCachingHeaders(res: Response, answer: OcspAnswer): void {
  const maxAge = answer.nextUpdate ? Math.floor((answer.nextUpdate.getTime() - Date.now()) / 1000) : 0;
  if (answer.nonceEchoed || answer.tryLater || maxAge <= 0) {
    res.setHeader('Cache-Control', 'no-cache');
    return;
  }
  res.setHeader('Cache-Control', `max-age=${maxAge}, public, no-transform, must-revalidate`);
  res.setHeader('Last-Modified', answer.producedAt.toUTCString());
  res.setHeader('Expires', (answer.nextUpdate ?? answer.producedAt).toUTCString());
  res.setHeader('ETag', `"${createHash('sha1').update(answer.der).digest('hex')}"`);
}

async function readBody(req: Request): Promise<Buffer> {
  if (Buffer.isBuffer(req.body)) return req.body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_OCSP_REQUEST_BYTES) throw new PkiError(PkiErrorCode.MalformedOcspRequest, 'The OCSP request is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
