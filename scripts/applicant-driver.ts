import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ApplicationStatus, CertificateTemplate } from '@app/contracts';
import { generateDocumentForPerson, type PersonDocument } from '@app/documents';
import { facePath } from '@app/fixtures';
import { generateKeys, installCertificates, type InstallResult } from '@app/pki';
import type { IdentityDocumentRecord } from '@app/registers';
import { ENDED_STATUSES, OnboardingClient, sleep, type HttpAnswer, type SeededPersonView } from './onboarding-client';

/*
 * One applicant driven through the HTTP API as the web page and the key agent would, step by step.
 * The integration tests assert on what it sees; the whole-path benchmark runs many at once.
 */

/** One of the face photos the repository carries (fixtures/faces). */
export const face = (name: string) => readFileSync(facePath(name));
export const mirrored = (name: string) => sharp(face(name)).flop().jpeg({ quality: 92 }).toBuffer();

/**
 * Woman A of the fixtures in the poses video identification asks for (a-4 frontal, a-2 turned to her
 * left, a-2 mirrored turned right, a-1 chin up, a-7 smiling). She has no photo with her eyes shut, so
 * a session that asks her to blink is started again (as a person would press «Начать» again).
 */
export const WOMAN_A_POSES: Record<string, () => Promise<Buffer>> = {
  turn_left: async () => face('stock-emotions-a-2'),
  turn_right: () => mirrored('stock-emotions-a-2'),
  look_up: async () => face('stock-emotions-a-1'),
  smile: async () => face('stock-emotions-a-7'),
};

/**
 * Woman B of the fixtures (Смагулова's register photo is b-1): b-8 frontal, b-6 mirrored turned to
 * her left, b-7 turned right, b-1 eyes shut, b-4 mirrored smiling. She cannot look up: a session that
 * asks for it is started again.
 */
export const WOMAN_B_POSES: Record<string, () => Promise<Buffer>> = {
  turn_left: () => mirrored('stock-emotions-b-6'),
  turn_right: async () => face('stock-emotions-b-7'),
  blink: async () => face('stock-emotions-b-1'),
  smile: () => mirrored('stock-emotions-b-4'),
};

/** Who is in front of the camera: the frontal photo (also the selfie) and the poses they can show. */
export interface CameraSubject {
  frontal: string;
  poses: Record<string, () => Promise<Buffer>>;
}
export const WOMAN_A: CameraSubject = { frontal: 'stock-emotions-a-4', poses: WOMAN_A_POSES };
export const WOMAN_B: CameraSubject = { frontal: 'stock-emotions-b-8', poses: WOMAN_B_POSES };

/** What the start page is given besides the IIN (seed 002 step 3): an individual, or a legal entity's BIN and template. */
export interface StartChoice {
  subjectType: 'individual' | 'legal_entity';
  template: CertificateTemplate;
  bin?: string;
}
export const AS_INDIVIDUAL: StartChoice = { subjectType: 'individual', template: 'individual' };

/** The НУЦ application form (seed 002 step 20), apart from the CSRs the key agent makes. */
export interface NucApplicationForm {
  email: string;
  region: string;
  locality: string;
  keyStorage: string;
}

export const AIGERIM_NUC_FORM: NucApplicationForm = {
  email: 'aigerim@example.kz',
  region: 'Павлодарская область',
  locality: 'г. Павлодар',
  keyStorage: 'Персональный компьютер',
};

/** The PIN the driver sets, and the password of the PKCS#12 containers it installs. */
export const APPLICANT_PIN = '135790';
export const CONTAINER_PASSWORD = 'Aigerim2026x';

export class Applicant {
  id = '';
  token = '';
  /** SMS of this phone already read (another test may have used the person before). */
  private codes = 0;

  /** `stopAt`: statuses where waiting for another one gives up at once (by default those an application never leaves). */
  constructor(
    readonly client: OnboardingClient,
    readonly person: SeededPersonView,
    private readonly stopAt: readonly ApplicationStatus[] = ENDED_STATUSES,
    /** What the start page is told (default: an individual). */
    readonly choice: StartChoice = AS_INDIVIDUAL,
    /** Who the camera sees (default: woman A). */
    readonly camera: CameraSubject = WOMAN_A,
  ) {}

  get phone(): string {
    return this.person.bmgPhone!;
  }

  call<T = any>(method: string, path: string, body?: unknown) {
    return this.client.call<T>(method, `/api/v1/applications/${this.id}${path}`, { token: this.token, body });
  }

  async upload(path: string, image: Buffer, type = 'image/jpeg') {
    const response = await fetch(`${this.client.apiUrl}/api/v1/applications/${this.id}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': type },
      body: image,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  status() {
    return this.client.get(this.id, this.token).then((r) => r.body);
  }

  waitFor(status: ApplicationStatus, timeoutMs = 60_000) {
    return this.client.waitForStatus(this.id, this.token, status, timeoutMs, this.stopAt);
  }

  /** IIN → SMS code → the phone on the Digital ID page → the second code: ready for the selfie. */
  async throughCodes(): Promise<void> {
    this.codes = (await this.client.messagesTo(this.phone)).length;
    const started = await this.client.start(this.person.iin, { ...this.choice, clientChecks: { webcam: true, keyAgent: true } });
    if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
    Object.assign(this, { id: started.body.applicationId, token: started.body.token });
    await this.waitFor('otp_sent');
    await this.enterNextCode();
    const digitalId = await this.call('POST', '/digital-id', { phone: this.phone });
    if (digitalId.status !== 200) throw new Error(`digital-id: ${digitalId.status} ${JSON.stringify(digitalId.body)}`);
    await this.waitFor('digital_id_otp_sent');
    await this.enterNextCode();
    await this.waitFor('selfie_required');
  }

  /** Reads the newest SMS (one the applicant has not used yet) and enters its code. */
  async enterNextCode(): Promise<void> {
    let messages = await this.client.messagesTo(this.phone);
    for (let i = 0; messages.length <= this.codes && i < 300; i++) {
      await sleep(100);
      messages = await this.client.messagesTo(this.phone);
    }
    if (messages.length <= this.codes) throw new Error(`no new SMS to ${this.phone}`);
    this.codes = messages.length;
    const code = /\b(\d{5})\b/.exec(messages[0].body)?.[1]; // newest first
    const answer = await this.client.submitOtp(this.id, this.token, code ?? '');
    if (answer.status !== 200) throw new Error(`otp: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  /** Selfie, then video identification with the camera subject's poses. */
  async throughCapture(selfie = face(this.camera.frontal)): Promise<void> {
    const sent = await this.upload('/biometrics/selfie', selfie);
    if (sent.status !== 201 || sent.body.outcome !== 'passed') throw new Error(`selfie: ${sent.status} ${JSON.stringify(sent.body)}`);
    const verdict = await this.videoIdentification();
    if (verdict.status !== 200 || verdict.body.outcome !== 'passed') throw new Error(`video identification: ${JSON.stringify(verdict.body)}`);
  }

  /**
   * Starts sessions until one asks for poses the camera subject can show, sends the frames, and asks
   * for the verdict. `arrange` may reorder or replace the frames (to play a replay attack or another person).
   */
  async videoIdentification(frontal = face(this.camera.frontal), arrange: (frames: Buffer[]) => Buffer[] | Promise<Buffer[]> = (f) => f) {
    const poses = this.camera.poses;
    let session: { sessionId: string; challenges: string[] } | undefined;
    for (let i = 0; i < 20 && !session; i++) {
      const started = await this.call('POST', '/video-identification');
      if (started.status !== 200) throw new Error(`video identification: ${started.status} ${JSON.stringify(started.body)}`);
      const offered = started.body.liveness as { sessionId: string; challenges: string[] };
      if (offered.challenges.every((c) => poses[c])) session = offered;
    }
    if (!session) throw new Error('no session with poses this person can show in 20 tries');
    const frames: Buffer[] = [];
    for (const challenge of session.challenges) frames.push(await poses[challenge]());
    for (const frame of await arrange([frontal, ...frames])) {
      await this.frame(session.sessionId, frame);
      await sleep(30);
    }
    return this.call('POST', '/video-identification/finish');
  }

  async frame(sessionId: string, image: Buffer) {
    const sent = await this.upload(`/biometrics/liveness_frame?sessionId=${sessionId}`, image);
    if (sent.status !== 201) throw new Error(`frame: ${sent.status} ${JSON.stringify(sent.body)}`);
    return sent.body;
  }

  async setPin(pin = APPLICANT_PIN) {
    const set = await this.call('PUT', '/pin', { pin, pinConfirmation: pin });
    if (set.status !== 200) throw new Error(`pin: ${set.status} ${JSON.stringify(set.body)}`);
  }

  /** A document of this person from their register record, printed with the given portrait. */
  document(portrait: string, which: (d: IdentityDocumentRecord) => boolean = (d) => d.type === 'id_card'): Promise<PersonDocument> {
    const record = this.person.documents.find(which);
    if (!record) throw new Error(`${this.person.iin} has no such document`);
    return generateDocumentForPerson(this.person, { document: record, portraitPath: facePath(portrait), layout: 'kz-id' });
  }

  /** Uploads both sides, reads them, and confirms the form as the card prints it (correcting what OCR misread). */
  async submitDocument(document: PersonDocument) {
    const front = await this.upload('/documents/front', document.front);
    const back = document.back ? await this.upload('/documents/back', document.back) : undefined;
    if (front.status !== 201 || (back && back.status !== 201)) throw new Error(`document upload: ${JSON.stringify([front.body, back?.body])}`);
    const read = await this.call('POST', '/document', { type: document.type, frontScanId: front.body.scanId, backScanId: back?.body.scanId });
    if (read.status !== 200 || read.body.outcome !== 'passed') throw new Error(`document: ${read.status} ${JSON.stringify(read.body)}`);
    return read.body.application.document as { type: string; recognised: Record<string, string>; uncertain: string[] };
  }

  confirmDocument(fields: Record<string, string>) {
    return this.call('POST', '/document/confirmation', { fields, confirmed: true });
  }

  /** Consent to the processing of personal data, confirmed with the PIN (seed 002 step 19). */
  async consent(pin = APPLICANT_PIN): Promise<HttpAnswer> {
    const answer = await this.call('POST', '/consent', { pin, consent: true });
    if (answer.status !== 200) throw new Error(`consent: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  }

  /** The key agent makes the AUTH and SIGN keys in `keysDir`; the НУЦ application goes with their CSRs (step 20). */
  async applyToNuc(form = AIGERIM_NUC_FORM, keysDir?: string): Promise<{ number: string; keys: string; answer: HttpAnswer }> {
    const keys = keysDir ?? (await mkdtemp(join(tmpdir(), 'key-agent-')));
    const { authCsr, signCsr } = await generateKeys(keys, this.choice.subjectType);
    const answer = await this.call('POST', '/nuc-application', { agreementAccepted: true, ...form, authCsr, signCsr });
    if (answer.status !== 201) throw new Error(`nuc-application: ${answer.status} ${JSON.stringify(answer.body)}`);
    return { number: answer.body.nuc.number as string, keys, answer };
  }

  /** The key agent fetches the issued certificates into PKCS#12 containers and reports the installation (steps 26–27). */
  install(number: string, keys: string, password = CONTAINER_PASSWORD): Promise<InstallResult> {
    return installCertificates({ dir: keys, applicationNumber: number, apiUrl: this.client.apiUrl, password });
  }
}

/** The form as the printed card shows it: what a careful applicant leaves after correcting OCR slips. */
export function printedFields(document: PersonDocument): Record<string, string> {
  const h = document.holder;
  const date = (d: { year: number; month: number; day: number }) => `${String(d.day).padStart(2, '0')}.${String(d.month).padStart(2, '0')}.${d.year}`;
  return {
    documentNumber: h.documentNumber,
    iin: h.iin,
    surname: h.surname,
    givenName: h.givenName,
    patronymic: h.patronymic,
    birthDate: date(h.birthDate),
    birthPlace: h.birthPlace,
    nationality: h.nationality,
    issuingAuthority: h.issuingAuthority,
    issueDate: date(h.issueDate),
    expiryDate: date(h.expiryDate),
  };
}
