import { DynamicModule, FactoryProvider, Module, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PKI_ENTITIES } from '../persistence/entities';
import { Pki, createPki } from '../pki';
import { PkiOptions } from '../pki-options';
import { CaController } from './ca.controller';
import { CrlScheduler } from './crl-scheduler';
import { NUC_APPLICANT_ACCESS, NucApplicantAccess, NucApplicationsController, NucInstallationReportController } from './nuc-applications.controller';
import { OcspController } from './ocsp.controller';
import { PkiExceptionFilter } from './pki-exception.filter';
import { PKI, PKI_OPTIONS } from './pki-tokens';

export interface PkiModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider['inject'];
  // Nest's own factory signature: the injected values' types are not known here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => PkiOptions | Promise<PkiOptions>;
}

/**
 * CA endpoints (`/pki/ca/root.crt`, `/pki/ca/issuing.crt`, `/pki/crl`, `/pki/ocsp`) and the
 * application status / installation API (`/api/v1/nuc/applications/:number`). Needs the app's
 * default TypeORM DataSource with PKI_ENTITIES and the PKI migration. Exports `PKI` (the `Pki` services).
 */
@Module({})
export class PkiModule {
  /**
   * `installationRoute: false` leaves `POST /api/v1/nuc/applications/:number/installation` to the
   * host application (the onboarding API routes it through the applicant's workflow);
   * `applicantAccess` lets the host say who is the applicant of a number (besides the AUTH key's holder).
   */
  static forRoot(options: PkiOptions & { installationRoute?: boolean; applicantAccess?: Type<NucApplicantAccess> }): DynamicModule {
    const { installationRoute = true, applicantAccess, ...pkiOptions } = options;
    const access: Provider[] = applicantAccess ? [{ provide: NUC_APPLICANT_ACCESS, useClass: applicantAccess }] : [];
    return PkiModule.build([{ provide: PKI_OPTIONS, useValue: pkiOptions }, ...access], [], installationRoute);
  }

  static forRootAsync(options: PkiModuleAsyncOptions): DynamicModule {
    return PkiModule.build([{ provide: PKI_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }], options.imports ?? []);
  }

  private static build(optionProviders: Provider[], imports: NonNullable<ModuleMetadata['imports']>, installationRoute = true): DynamicModule {
    return {
      module: PkiModule,
      imports: [...imports, TypeOrmModule.forFeature(PKI_ENTITIES)],
      controllers: [CaController, OcspController, NucApplicationsController, ...(installationRoute ? [NucInstallationReportController] : [])],
      providers: [
        ...optionProviders,
        {
          provide: PKI,
          inject: [PKI_OPTIONS, getDataSourceToken()],
          useFactory: (options: PkiOptions, dataSource: DataSource): Promise<Pki> => createPki(dataSource, options),
        },
        CrlScheduler,
        PkiExceptionFilter,
      ],
      exports: [PKI, PkiExceptionFilter],
    };
  }
}
