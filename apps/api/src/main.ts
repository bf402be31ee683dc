import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { apiSchema, loadConfigOrExit } from '@app/config';
import { createLogger } from '@app/observability';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { ApiValidationPipe } from './common/validation';
import { serveWebPages } from './web/web-pages';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(apiSchema, 'api');
  const logger = createLogger(config, 'api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  app.useBodyParser('json', { limit: '100kb' });
  // Images are sent as the raw body; the limit is checked again, with pixels, by the decoder.
  app.useBodyParser('raw', { type: ['image/jpeg', 'image/png'], limit: Math.max(config.BIOMETRICS_MAX_UPLOAD_BYTES, config.DOCUMENTS_MAX_UPLOAD_BYTES) });
  app.useGlobalPipes(new ApiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('Digital ID remote onboarding')
    .setDescription('From IIN and phone to an electronic-signature certificate (eGov «Получить ЭЦП удаленно», НУЦ РК).')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'the token returned when the application was created' })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  const web = serveWebPages(app, config.WEB_DIST_DIR);
  if (!web.served) logger.warn({ dir: web.dir }, 'the web app is not built (npm run build:web): only the API is served');

  await app.listen(config.API_PORT, config.API_HOST);
  logger.info({ port: config.API_PORT }, 'API listening');
}

void bootstrap();
