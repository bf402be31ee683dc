import { registerRequest, RegisterUnavailableError, type RegisterHttpOptions } from './http-json';
import type { LegalEntityRecord, PersonRecord } from './records';

/** The individuals register (ГБД ФЛ). */
export interface StateRegisterClient {
  findPerson(iin: string): Promise<PersonRecord | null>;
  /** The reference photo the state holds (JPEG), or null when there is none. */
  fetchPhoto(iin: string): Promise<Buffer | null>;
}

/** The legal-entities register (ГБД ЮЛ). */
export interface LegalEntityRegisterClient {
  findLegalEntity(bin: string): Promise<LegalEntityRecord | null>;
}

export class HttpStateRegisterClient implements StateRegisterClient {
  constructor(private readonly options: RegisterHttpOptions) {}

  findPerson(iin: string): Promise<PersonRecord | null> {
    return registerRequest<PersonRecord>('ГБД ФЛ', this.options, `/gbd-fl/persons/${encodeURIComponent(iin)}`);
  }

  async fetchPhoto(iin: string): Promise<Buffer | null> {
    let response: Response;
    try {
      response = await fetch(new URL(`/gbd-fl/persons/${encodeURIComponent(iin)}/photo`, this.options.baseUrl), {
        headers: { 'x-api-key': this.options.apiKey },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new RegisterUnavailableError('ГБД ФЛ', (error as Error).message);
    }
    if (response.status === 404) return null;
    if (!response.ok) throw new RegisterUnavailableError('ГБД ФЛ', `HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }
}

export class HttpLegalEntityRegisterClient implements LegalEntityRegisterClient {
  constructor(private readonly options: RegisterHttpOptions) {}

  findLegalEntity(bin: string): Promise<LegalEntityRecord | null> {
    return registerRequest<LegalEntityRecord>('ГБД ЮЛ', this.options, `/gbd-ul/legal-entities/${encodeURIComponent(bin)}`);
  }
}
