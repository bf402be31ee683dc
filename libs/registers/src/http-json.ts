/** A government system did not answer in time or answered with an error: retry later, never fail the applicant. */
export class RegisterUnavailableError extends Error {
  constructor(readonly system: string, detail: string) {
    super(`${system} is unavailable: ${detail}`);
    this.name = 'RegisterUnavailableError';
  }
}

export interface RegisterHttpOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

/**
 * One call to a register over HTTP, authenticated with the service-bus key, bounded by a timeout.
 * Returns null on 404 (the register has no such record); throws RegisterUnavailableError otherwise.
 */
export async function registerRequest<T>(
  system: string,
  options: RegisterHttpOptions,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<T | null> {
  let response: Response;
  try {
    response = await fetch(new URL(path, options.baseUrl), {
      method: init.method ?? 'GET',
      headers: { 'x-api-key': options.apiKey, accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new RegisterUnavailableError(system, (error as Error).name === 'TimeoutError' ? `no answer in ${options.timeoutMs} ms` : (error as Error).message);
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new RegisterUnavailableError(system, `HTTP ${response.status}`);
  return (await response.json()) as T;
}
