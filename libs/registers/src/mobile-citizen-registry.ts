import { registerRequest, type RegisterHttpOptions } from './http-json';

/** The mobile citizens database (БМГ): which phone a citizen has registered for one-time passwords. */
export interface MobileCitizenRegistry {
  /** The registered phone in E.164 form, or null when the IIN has none. */
  findPhone(iin: string): Promise<string | null>;
}

interface BmgPhoneRecord {
  iin: string;
  phone: string;
}

export class HttpMobileCitizenRegistry implements MobileCitizenRegistry {
  constructor(private readonly options: RegisterHttpOptions) {}

  async findPhone(iin: string): Promise<string | null> {
    const record = await registerRequest<BmgPhoneRecord>('БМГ', this.options, `/bmg/phones/${encodeURIComponent(iin)}`);
    return record?.phone ?? null;
  }
}
