import { registerRequest, type RegisterHttpOptions } from './http-json';

/** A phone as БМГ holds it for an IIN. */
export interface BmgPhoneRecord {
  iin: string;
  /** E.164, +7XXXXXXXXXX */
  phone: string;
  /** When it was registered, if the register knows. */
  registeredAt?: string;
}

/** The mobile citizens database (БМГ): which phone a citizen has registered for one-time passwords. */
export interface MobileCitizenRegistry {
  /** The registered phone in E.164 form, or null when the IIN has none. */
  findPhone(iin: string): Promise<string | null>;
  /**
   * Registers the phone for the IIN, replacing any earlier one (seed 002 step 5: the operator does it
   * after the video call). Null when the population register has no such person.
   */
  registerPhone(iin: string, phone: string): Promise<BmgPhoneRecord | null>;
}

export class HttpMobileCitizenRegistry implements MobileCitizenRegistry {
  constructor(private readonly options: RegisterHttpOptions) {}

  async findPhone(iin: string): Promise<string | null> {
    const record = await registerRequest<BmgPhoneRecord>('БМГ', this.options, `/bmg/phones/${encodeURIComponent(iin)}`);
    return record?.phone ?? null;
  }

  registerPhone(iin: string, phone: string): Promise<BmgPhoneRecord | null> {
    return registerRequest<BmgPhoneRecord>('БМГ', this.options, '/bmg/phones', { method: 'POST', body: { iin, phone } });
  }
}
