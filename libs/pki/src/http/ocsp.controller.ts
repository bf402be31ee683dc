import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PkiError, PkiErrorCode } from '../errors';
import { MAX_OCSP_REQUEST_BYTES, OcspResponder } from '../ocsp/ocsp-responder';
import type { Pki } from '../pki';
import { PKI } from './pki-tokens';

const OCSP_RESPONSE = 'application/ocsp-response';

/** RFC 6960 responder over HTTP: POST with a DER body, or GET with the base64 request in the path (appendix A). */
@Controller('pki/ocsp')
export class OcspController {
  constructor(@Inject(PKI) private readonly pki: Pki) {}

  @Post()
  async post(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, () => readBody(req));
  }

  @Get('*request')
  async get(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, async () => {
      const encoded = req.path.slice(req.path.indexOf('/ocsp/') + '/ocsp/'.length);
      return Buffer.from(decodeURIComponent(encoded), 'base64');
    });
  }

  private async answer(res: Response, read: () => Promise<Buffer>): Promise<void> {
    try {
      const der = await this.pki.ocsp.respond(await read());
      res.status(200).type(OCSP_RESPONSE).send(der);
    } catch (error) {
      if (!(error instanceof PkiError) || error.code !== PkiErrorCode.MalformedOcspRequest) throw error;
      // RFC 6960 clients read the malformedRequest status from the body; the 400 tells everyone else.
      res.status(400).type(OCSP_RESPONSE).send(OcspResponder.malformedResponse());
    }
  }
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
