import { timingSafeEqual } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UnauthorizedException, BadRequestException, ForbiddenException, Inject } from '@nestjs/common';
import type { Request } from 'express';
import { MessageStore } from './message.store';

export const TWILIO_CREDENTIALS = Symbol('TWILIO_CREDENTIALS');
export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

/**
 * The Messages resource of Twilio's REST API (2010-04-01), as the official SDK calls it:
 * form-encoded To/From/Body, HTTP Basic auth with the account SID and auth token, a JSON resource back.
 */
@Controller()
export class TwilioMessagesController {
  constructor(
    private readonly store: MessageStore,
    @Inject(TWILIO_CREDENTIALS) private readonly credentials: TwilioCredentials,
  ) {}

  @Post('2010-04-01/Accounts/:accountSid/Messages.json')
  @HttpCode(201)
  create(@Param('accountSid') accountSid: string, @Req() req: Request, @Body() body: Record<string, unknown>) {
    this.authenticate(req, accountSid);
    const to = typeof body.To === 'string' ? body.To : '';
    const from = typeof body.From === 'string' ? body.From : '';
    const text = typeof body.Body === 'string' ? body.Body : '';
    if (!/^\+\d{8,15}$/.test(to)) throw new BadRequestException({ code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
    if (!from) throw new BadRequestException({ code: 21603, message: "A 'From' phone number is required.", status: 400 });
    if (!text || text.length > 1600) throw new BadRequestException({ code: 21602, message: 'Message body is required and must be at most 1600 characters.', status: 400 });
    const message = this.store.add(to, from, text);
    const now = new Date(message.dateCreated).toUTCString();
    return {
      sid: message.sid,
      account_sid: accountSid,
      to,
      from,
      body: text,
      status: 'queued',
      direction: 'outbound-api',
      num_segments: String(Math.ceil(text.length / 70)),
      date_created: now,
      date_updated: now,
      date_sent: null,
      api_version: '2010-04-01',
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
    };
  }

  /** Development aid: what was "sent", newest first, so a person (or a test) can read the code. */
  @Get('_dev/messages')
  list(@Query('to') to?: string) {
    return this.store.list({ to }).map(({ to: t, from, body, dateCreated }) => ({ to: t, from, body, dateCreated }));
  }

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  private authenticate(req: Request, accountSid: string): void {
    const header = req.header('authorization') ?? '';
    const [scheme, encoded] = header.split(' ');
    const [user, password] = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString().split(':') : [];
    const same = (a = '', b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
    if (!same(user, this.credentials.accountSid) || !same(password, this.credentials.authToken)) {
      throw new UnauthorizedException({ code: 20003, message: 'Authenticate', status: 401 });
    }
    if (accountSid !== this.credentials.accountSid) throw new ForbiddenException({ code: 20006, message: 'Access denied', status: 403 });
  }
}
