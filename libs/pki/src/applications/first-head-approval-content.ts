import { createHash } from 'node:crypto';

/** What identifies the application a first head approves. */
export interface FirstHeadApprovalFields {
  number: string;
  bin: string;
  employeeIin: string;
  /** The certificate template as the application names it (e.g. «Юридическое лицо - Сотрудник организации»). */
  template: string;
  authCsrDer: Buffer;
  signCsrDer: Buffer;
}

export interface FirstHeadApprovalContent {
  /** The exact text the first head signs (UTF-8), one canonical form: see {@link firstHeadApprovalContent}. */
  text: string;
  fields: {
    type: typeof APPROVAL_CONTENT_TYPE;
    number: string;
    bin: string;
    employeeIin: string;
    template: string;
    authCsrSha256: string;
    signCsrSha256: string;
  };
}

export const APPROVAL_CONTENT_TYPE = 'nuc-first-head-approval/v1' as const;

/**
 * The canonical content of a first head's approval: JSON with exactly these keys in this order and no
 * whitespace — `type` ("nuc-first-head-approval/v1"), `number`, `bin`, `employeeIin`, `template`,
 * `authCsrSha256`, `signCsrSha256` (lower-case hex SHA-256 of each CSR's DER) — encoded as UTF-8.
 * The approval is a detached CMS signature over these bytes with the first head's SIGN key; the
 * CSR fingerprints bind it to the keys the employee generated, so an approval cannot be moved to
 * another application or to other keys.
 */
export function firstHeadApprovalContent(input: FirstHeadApprovalFields): FirstHeadApprovalContent {
  const fields = {
    type: APPROVAL_CONTENT_TYPE,
    number: input.number,
    bin: input.bin,
    employeeIin: input.employeeIin,
    template: input.template,
    authCsrSha256: sha256(input.authCsrDer),
    signCsrSha256: sha256(input.signCsrDer),
  };
  return { text: JSON.stringify(fields), fields };
}

const sha256 = (der: Buffer) => createHash('sha256').update(der).digest('hex');
