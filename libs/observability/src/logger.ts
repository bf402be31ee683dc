import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { LogConfig } from '@app/config';
import { maskPersonalNumbers } from '@app/identity';

/**
 * JSON logs for every process. Each serialised line passes through `maskPersonalNumbers`, so an
 * IIN or phone number cannot reach the log whichever library printed it; secrets are redacted by key.
 */
export function createLogger(config: LogConfig, service: string): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', '*.password', '*.token', '*.code', '*.pin'],
      censor: '[redacted]',
    },
    hooks: { streamWrite: (line) => maskPersonalNumbers(line) },
  });
}

/** pino-http options: a request id per request (the caller's X-Request-Id when it sends one), echoed back. */
export function httpLoggingOptions(logger: Logger): PinoHttpOptions {
  return {
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
