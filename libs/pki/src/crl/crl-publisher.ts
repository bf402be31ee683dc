import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { DataSource, IsNull, LessThan, MoreThan, Not } from 'typeorm';
import { CaView, issuingKeyOf } from '../ca/ca-keyring';
import { PkiError, PkiErrorCode } from '../errors';
import { normalizeSerial } from '../crypto-engine';
import { CaCertificateEntity, CaCrlEntity } from '../persistence/entities';
import { CrlEntry, buildCrl } from './crl-builder';

/** Whose CRL: the issuing CA's (end-entity certificates) or the root's (the issuing CA). */
export type CrlIssuer = 'issuing' | 'root';
export type CrlKind = 'base' | 'delta';

export interface PublishedCrl {
  issuer: CrlIssuer;
  kind: CrlKind;
  /** CRL Number (decimal). */
  number: string;
  /** For a delta CRL, the base CRL number it completes. */
  baseNumber: string | null;
  thisUpdate: Date;
  nextUpdate: Date;
  entries: number;
  der: Buffer;
  /** False when a fresh CRL was already there and is returned instead of a new one. */
  published: boolean;
}

export interface CrlPublisherOptions {
  /** Base CRL: how long each is valid (nextUpdate − thisUpdate), and how often a new one is due. */
  crlValidityMs: number;
  crlRefreshIntervalMs: number;
  /** Delta CRL: the same, between bases. */
  deltaCrlValidityMs: number;
  deltaCrlRefreshIntervalMs: number;
  /** The root's CRL for the issuing CA: valid this long, renewed at half. */
  rootCrlValidityMs: number;
  /** Published in base CRLs as their Freshest CRL. */
  deltaCrlUrl: string;
}

/** A base is due a little early, so a schedule ticking at exactly the refresh interval never skips one. */
const SCHEDULE_SLACK_MS = 60_000;

/**
 * Generates, stores and serves the CRLs: the issuing CA's base CRL with delta CRLs between bases,
 * and the root's CRL for the issuing CA. Every process serves the latest stored one; a process that
 * holds the CA keys (the pki worker) also renews a stale one when asked for it, one without them
 * (the API) serves what the schedule last published. One CRL-number sequence (the row's auto-increment id) serves all,
 * so a delta's number is above its base's and numbers never repeat across processes.
 */
export class CrlPublisher {
  /** Serials in the latest base CRL, by its number: a delta lists what the base does not. */
  private baseSerials?: { number: string; serials: Set<string> };

  constructor(
    private readonly dataSource: DataSource,
    private readonly keyring: CaView,
    private readonly options: CrlPublisherOptions,
  ) {}

  /** The current base CRL (DER), published first if none is fresh. */
  async current(now: Date = new Date()): Promise<Buffer> {
    if (!this.signs) return this.stored('issuing', 'base');
    return (await this.currentBase(now)).der;
  }

  /** The current delta CRL (DER): one against the current base, published first if none is fresh. */
  async currentDelta(now: Date = new Date()): Promise<Buffer> {
    if (!this.signs) return this.stored('issuing', 'delta');
    const base = await this.currentBase(now);
    const delta = await this.latest('issuing', 'delta');
    const fresh = delta && String(delta.baseNumber) === String(base.number) && isFresh(delta, this.options.deltaCrlRefreshIntervalMs, now);
    return fresh && delta.der ? delta.der : (await this.publishDelta(now)).der;
  }

  /** The root's current CRL (DER) for the issuing CA, published first if it is past half its life. */
  async currentRoot(now: Date = new Date()): Promise<Buffer> {
    if (!this.signs) return this.stored('root', 'base');
    return (await this.publishRoot(now, { onlyIfDue: true })).der;
  }

  /** Publishes a new base CRL. Kept for callers of the one-CRL API; see publishBase. */
  async refresh(now: Date = new Date()): Promise<Buffer> {
    return (await this.publishBase(now)).der;
  }

  /**
   * Publishes a base CRL listing every unexpired revoked certificate, with a Freshest CRL pointing
   * at the deltas. With `onlyIfDue`, returns the latest base instead while it is younger than the
   * refresh interval (less a minute of schedule slack).
   */
  async publishBase(now: Date = new Date(), { onlyIfDue = false } = {}): Promise<PublishedCrl> {
    if (onlyIfDue) {
      const latest = await this.latest('issuing', 'base');
      if (latest && isFresh(latest, this.options.crlRefreshIntervalMs - SCHEDULE_SLACK_MS, now)) return view(latest);
    }
    const entries = await this.revokedEntries(now);
    return this.publish('issuing', 'base', null, now, this.options.crlValidityMs, entries, (number) =>
      buildCrl({ ...this.issuingSigner(), number, thisUpdate: now, nextUpdate: this.until(now, this.options.crlValidityMs), entries, deltaCrlUrl: this.options.deltaCrlUrl }),
    );
  }

  /**
   * Publishes a delta CRL against the latest base (publishing a base first if there is none): every
   * unexpired revoked certificate the base does not list. Revocations call this, so a relying party
   * that reads deltas sees a revocation at once, before the next base.
   */
  async publishDelta(now: Date = new Date()): Promise<PublishedCrl> {
    const base = (await this.latest('issuing', 'base')) ?? (await this.publishBase(now));
    const baseNumber = String(base.number);
    const inBase = this.serialsOf(baseNumber, base.der);
    const entries = (await this.revokedEntries(now)).filter((e) => !inBase.has(e.serial));
    return this.publish('issuing', 'delta', baseNumber, now, this.options.deltaCrlValidityMs, entries, (number) =>
      buildCrl({ ...this.issuingSigner(), number, thisUpdate: now, nextUpdate: this.until(now, this.options.deltaCrlValidityMs), entries, baseNumber: BigInt(baseNumber) }),
    );
  }

  /**
   * Publishes the root's CRL for the issuing CA (no entries: nothing here revokes the issuing CA).
   * The root key is unsealed for this signature only. With `onlyIfDue`, returns the latest while it
   * is younger than half its validity.
   */
  async publishRoot(now: Date = new Date(), { onlyIfDue = false } = {}): Promise<PublishedCrl> {
    if (onlyIfDue) {
      const latest = await this.latest('root', 'base');
      if (latest && isFresh(latest, this.options.rootCrlValidityMs / 2, now)) return view(latest);
    }
    return this.publish('root', 'base', null, now, this.options.rootCrlValidityMs, [], async (number) =>
      buildCrl({
        issuer: this.keyring.root,
        issuerKey: await this.rootKey(),
        number,
        thisUpdate: now,
        nextUpdate: this.until(now, this.options.rootCrlValidityMs),
        entries: [],
      }),
    );
  }

  /** The latest base if fresh, else a new one: the hot path of GET /pki/crl, so it parses nothing. */
  private async currentBase(now: Date): Promise<{ number: string; der: Buffer }> {
    const latest = await this.latest('issuing', 'base');
    if (latest?.der && isFresh(latest, this.options.crlRefreshIntervalMs, now)) return { number: String(latest.number), der: latest.der };
    return this.publishBase(now);
  }

  /**
   * Reserves the next CRL number (a row without DER), signs, then stores the DER. CRLs past their
   * nextUpdate are void and deleted, so the table stays small.
   */
  private async publish(
    issuer: CrlIssuer,
    kind: CrlKind,
    baseNumber: string | null,
    now: Date,
    validityMs: number,
    entries: readonly CrlEntry[],
    sign: (number: bigint) => Promise<x509.X509Crl>,
  ): Promise<PublishedCrl> {
    const repo = this.dataSource.getRepository(CaCrlEntity);
    const nextUpdate = this.until(now, validityMs);
    const { identifiers } = await repo.insert({ issuer, kind, baseNumber, der: null, thisUpdate: now, nextUpdate });
    const number = String(identifiers[0].number);
    const der = Buffer.from((await sign(BigInt(number))).rawData);
    await repo.update({ number }, { der });
    await repo.delete({ issuer, nextUpdate: LessThan(now) });
    if (kind === 'base' && issuer === 'issuing') this.baseSerials = { number, serials: new Set(entries.map((e) => e.serial)) };
    return { issuer, kind, number, baseNumber, thisUpdate: now, nextUpdate, entries: entries.length, der, published: true };
  }

  private async revokedEntries(now: Date): Promise<CrlEntry[]> {
    const revoked = await this.dataSource.getRepository(CaCertificateEntity).find({
      select: { serial: true, revokedAt: true, revocationReason: true },
      where: { revokedAt: Not(IsNull()), notAfter: MoreThan(now) },
      order: { revokedAt: 'ASC' },
    });
    return revoked.map((r) => ({ serial: r.serial, revokedAt: r.revokedAt ?? now, reason: r.revocationReason }));
  }

  /** Serials a stored base CRL lists, read from its DER: what it says, not what the table says now. */
  private serialsOf(number: string, der: Buffer | null): Set<string> {
    if (this.baseSerials?.number === number) return this.baseSerials.serials;
    const serials = new Set((der ? (new x509.X509Crl(der).entries ?? []) : []).map((e) => normalizeSerial(e.serialNumber)));
    this.baseSerials = { number, serials };
    return serials;
  }

  /** The latest stored (signed) CRL of an issuer and kind. */
  private async latest(issuer: CrlIssuer, kind: CrlKind): Promise<CaCrlEntity | null> {
    return this.dataSource.getRepository(CaCrlEntity).findOne({ where: { issuer, kind, der: Not(IsNull()) }, order: { number: 'DESC' } });
  }

  private issuingSigner() {
    return { issuer: this.keyring.issuing, issuerKey: issuingKeyOf(this.keyring) };
  }

  private rootKey() {
    if (!this.keyring.openRootKey) throw new Error('This process holds no CA key: the root CRL is signed in the pki worker');
    return this.keyring.openRootKey();
  }

  private get signs(): boolean {
    return this.keyring.issuingKey !== undefined;
  }

  /** The latest published CRL of an issuer and kind, for a process that cannot sign a new one. */
  private async stored(issuer: CrlIssuer, kind: CrlKind): Promise<Buffer> {
    const latest = await this.latest(issuer, kind);
    if (!latest?.der) throw new PkiError(PkiErrorCode.CrlNotPublished, 'No CRL has been published yet: the pki worker publishes them on its schedule; try again shortly');
    return latest.der;
  }

  private until(now: Date, ms: number): Date {
    return new Date(now.getTime() + ms);
  }
}

function isFresh(crl: { thisUpdate: Date; nextUpdate: Date }, maxAgeMs: number, now: Date): boolean {
  return crl.thisUpdate.getTime() > now.getTime() - maxAgeMs && crl.nextUpdate > now;
}

/** A stored CRL as a publication result that published nothing new. */
function view(row: CaCrlEntity): PublishedCrl {
  const der = row.der ?? Buffer.alloc(0);
  return {
    issuer: row.issuer as CrlIssuer,
    kind: row.kind as CrlKind,
    number: String(row.number),
    baseNumber: row.baseNumber === null ? null : String(row.baseNumber),
    thisUpdate: row.thisUpdate,
    nextUpdate: row.nextUpdate,
    entries: (new x509.X509Crl(der).entries ?? []).length,
    der,
    published: false,
  };
}
