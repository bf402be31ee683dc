import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../crypto-engine';
import * as x509 from '@peculiar/x509';
import { CaView } from '../ca/ca-keyring';
import type { CryptoKey } from '../crypto-engine';
import { CertificateStatus } from '../ca/certificate-authority';
import { normalizeSerial } from '../crypto-engine';
import { PkiError, PkiErrorCode } from '../errors';
import { CachedOcspResponse, OcspResponseCache, SigningBudget } from './ocsp-response-cache';

const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const ID_PKIX_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
const HASHES: Record<string, string> = { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };
/** Largest request we parse: a handful of CertIDs fits in well under this. */
export const MAX_OCSP_REQUEST_BYTES = 16 * 1024;
/** Most certificates asked about in one request: each costs a lookup. */
export const MAX_OCSP_CERT_IDS = 32;

/** What the responder needs to know about a serial. */
export interface CertificateStatusSource {
  statusOf(serial: string): Promise<CertificateStatus>;
}

export interface OcspResponderOptions {
  /** How long a response may be relied on (nextUpdate − thisUpdate of good/revoked). Default 1 hour. */
  validityMs?: number;
  /** A cached response is signed anew this long before its nextUpdate. Default a quarter of validityMs. */
  refreshBeforeMs?: number;
  /** Reuse signed responses (default true; false signs every response, for comparison). */
  cache?: boolean;
  /** Most responses kept (about 2 KB each with the issuer certificate). Default 20 000. */
  maxCachedResponses?: number;
  /**
   * Fresh signatures a second for requests with a nonce, which then get it echoed. Default 0: a
   * nonce is ignored (RFC 6960 §4.4.1, RFC 5019 §4) and the cached response served, so a flood of
   * nonce requests costs no signatures. Beyond the budget, nonce requests get the cached response.
   */
  nonceSignaturesPerSecond?: number;
  /**
   * How long a status read from the table may be reused. Default 0: every answer reads the status,
   * so a revocation made by any process shows at once. Above 0, one made in another process shows up
   * to this much later (one made through this process's Pki.revoke still shows at once), and a flood
   * costs the database one read per serial per period instead of one per request.
   */
  statusCacheMs?: number;
  /**
   * Fresh signatures a second for responses about serials we never issued (or another issuer's).
   * Each such serial needs a signature of its own, so a flood of made-up serials could cost one per
   * request; beyond this budget they get the unsigned `tryLater` (RFC 6960 §2.3). Default 20.
   */
  unknownSignaturesPerSecond?: number;
}

/**
 * Who signs the responses: the issuing CA itself (where its key is, the pki worker), or a delegated
 * responder (RFC 6960 §4.2.2.2: a certificate for id-kp-OCSPSigning issued by the CA), so the
 * internet-facing API answers OCSP without holding a CA key.
 */
export interface OcspSigner {
  key: CryptoKey;
  certificate: x509.X509Certificate;
}

/** A response with what the HTTP layer needs for caching headers (RFC 5019 §6). */
export interface OcspAnswer {
  der: Buffer;
  producedAt: Date;
  nextUpdate: Date | null;
  /** True when served from the cache, without a signature of its own. */
  cached: boolean;
  nonceEchoed: boolean;
  /** True for the unsigned `tryLater` sent when the budget for never-issued serials is spent. */
  tryLater?: boolean;
}

/** Counters since start, for the benchmark and tests. */
export interface OcspResponderStats {
  signatures: number;
  cacheHits: number;
  cachedResponses: number;
}

/**
 * RFC 6960 responder for certificates of our issuing CA; the CA signs responses itself. Each answer
 * reads the statuses now, then serves the response already signed for those CertIDs and statuses
 * until shortly before its nextUpdate, so an OCSP flood costs a status lookup per request and one RSA
 * signature per serial and status an hour. A revocation changes the status read, so the next request
 * gets a new response at once, in every process. Concurrent misses for one request share one signature.
 */
export class OcspResponder {
  private readonly issuerCert: pkijs.Certificate;
  private readonly issuerNameDer: Buffer;
  private readonly issuerKeyBits: Buffer;
  private readonly validityMs: number;
  private readonly refreshBeforeMs: number;
  private readonly cache?: OcspResponseCache;
  private readonly signing = new Map<string, Promise<CachedOcspResponse>>();
  private readonly nonceBudget: SigningBudget;
  private readonly unknownBudget: SigningBudget;
  private readonly statusCacheMs: number;
  private readonly maxCached: number;
  private readonly knownStatuses = new Map<string, { status: CertificateStatus; until: number }>();
  /** Requests without a nonce, parsed, by their DER: a flood repeats the same few bytes. */
  private readonly parsedRequests = new Map<string, ParsedRequest>();
  /** The issuer's name and key hashes by CertID hash algorithm, computed once. */
  private readonly issuerHashes = new Map<string, { name: Buffer; key: Buffer }>();
  private readonly counters = { signatures: 0, cacheHits: 0 };

  private signer: { key: CryptoKey; certificate: pkijs.Certificate; notAfter: Date } | null = null;

  constructor(
    ca: CaView,
    private readonly statuses: CertificateStatusSource,
    options: OcspResponderOptions = {},
    /** Default: the issuing CA itself where its key is here; none (answers tryLater) where it is not, until useSigner. */
    signer: OcspSigner | null = ca.issuingKey ? { key: ca.issuingKey, certificate: ca.issuing } : null,
  ) {
    this.issuerCert = pkijs.Certificate.fromBER(ca.issuing.rawData);
    this.useSigner(signer);
    this.issuerNameDer = Buffer.from(this.issuerCert.subject.toSchema().toBER(false));
    this.issuerKeyBits = Buffer.from(this.issuerCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
    this.validityMs = options.validityMs ?? 3_600_000;
    this.refreshBeforeMs = options.refreshBeforeMs ?? this.validityMs / 4;
    if (!(this.refreshBeforeMs < this.validityMs)) throw new Error('OCSP refreshBeforeMs must be below validityMs');
    this.maxCached = options.maxCachedResponses ?? 20_000;
    if (options.cache !== false) this.cache = new OcspResponseCache(this.maxCached);
    this.nonceBudget = new SigningBudget(options.nonceSignaturesPerSecond ?? 0);
    this.unknownBudget = new SigningBudget(options.unknownSignaturesPerSecond ?? 20);
    this.statusCacheMs = options.statusCacheMs ?? 0;
    for (const [oid, hash] of Object.entries(HASHES)) {
      this.issuerHashes.set(oid, { name: createHash(hash).update(this.issuerNameDer).digest(), key: createHash(hash).update(this.issuerKeyBits).digest() });
    }
  }

  /** Signs from now on with this signer (a renewed delegated responder certificate); the cached responses are dropped. */
  useSigner(signer: OcspSigner | null): void {
    this.signer = signer && { key: signer.key, certificate: pkijs.Certificate.fromBER(signer.certificate.rawData), notAfter: signer.certificate.notAfter };
    this.cache?.clear();
  }

  /** Whether there is a signer whose certificate is still valid. */
  get ready(): boolean {
    return this.signer !== null && this.signer.notAfter > new Date();
  }

  /** Forgets the status this process holds for a serial (Pki.revoke calls it), so the next answer reads it anew. */
  forget(serial: string): void {
    this.knownStatuses.delete(normalizeSerial(serial));
  }

  /** Answers a DER OCSPRequest with a signed DER OCSPResponse; throws MalformedOcspRequest. */
  async respond(requestDer: Buffer, at: Date = new Date()): Promise<Buffer> {
    return (await this.answer(requestDer, at)).der;
  }

  /** Like respond, with when the response was produced and how long it may be cached. */
  async answer(requestDer: Buffer, at: Date = new Date()): Promise<OcspAnswer> {
    const { certIds, key, nonce } = this.parsed(requestDer);
    if (!this.signer) return tryLater(at);
    const statuses: CertificateStatus[] = [];
    for (const certId of certIds) statuses.push(await this.statusFor(certId, at));
    if (nonce && this.nonceBudget.take(at)) {
      return { ...(await this.sign(certIds, statuses, at, nonce)), cached: false, nonceEchoed: true };
    }
    if (!this.cache) return { ...(await this.sign(certIds, statuses, at)), cached: false, nonceEchoed: false };
    const statusKey = statuses.map(statusKeyOf).join(',');
    const hit = this.cache.get(key, statusKey, at);
    if (hit) {
      this.counters.cacheHits++;
      return { ...hit, cached: true, nonceEchoed: false };
    }
    const flight = `${key}|${statusKey}`;
    let pending = this.signing.get(flight);
    if (!pending) {
      if (statuses.some((s) => s.status === 'unknown') && !this.unknownBudget.take(at)) {
        return tryLater(at);
      }
      pending = this.sign(certIds, statuses, at).then((response) => {
        this.cache?.set(key, statusKey, response);
        return response;
      });
      this.signing.set(flight, pending);
      void pending.finally(() => this.signing.delete(flight)).catch(() => undefined);
      return { ...(await pending), cached: false, nonceEchoed: false };
    }
    this.counters.cacheHits++;
    return { ...(await pending), cached: true, nonceEchoed: false };
  }

  stats(): OcspResponderStats {
    return { ...this.counters, cachedResponses: this.cache?.size ?? 0 };
  }

  /** The unsigned OCSPResponse for a request we could not parse (status malformedRequest). */
  static malformedResponse(): Buffer {
    return Buffer.from(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: 1 }) }).toSchema().toBER(false));
  }

  /** The unsigned OCSPResponse asking the client to try again later (status tryLater). */
  static tryLaterResponse(): Buffer {
    return Buffer.from(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: 3 }) }).toSchema().toBER(false));
  }

  private async sign(certIds: pkijs.CertID[], statuses: CertificateStatus[], at: Date, nonce?: pkijs.Extension): Promise<CachedOcspResponse> {
    const signer = this.signer;
    if (!signer) throw new PkiError(PkiErrorCode.OcspResponderNotReady, 'The OCSP responder has no signing certificate yet');
    const now = wholeSeconds(at);
    // A response never outlives the certificate that signs it.
    const nextUpdate = new Date(Math.min(now.getTime() + this.validityMs, signer.notAfter.getTime()));
    const responses = certIds.map((certID, i) => {
      const single = new pkijs.SingleResponse({ certID, certStatus: certStatusAsn(statuses[i]), thisUpdate: now });
      // pkijs encodes nextUpdate whenever the property exists, so set it only when there is one.
      if (statuses[i].status !== 'unknown') single.nextUpdate = nextUpdate;
      return single;
    });
    const basic = new pkijs.BasicOCSPResponse({
      tbsResponseData: new pkijs.ResponseData({
        responderID: signer.certificate.subject,
        producedAt: now,
        responses,
        responseExtensions: nonce ? [new pkijs.Extension({ extnID: ID_PKIX_OCSP_NONCE, extnValue: nonce.extnValue.valueBlock.valueHexView.slice().buffer })] : undefined,
      }),
      certs: [signer.certificate],
    });
    await basic.sign(signer.key, 'SHA-256');
    this.counters.signatures++;
    const response = new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: ID_PKIX_OCSP_BASIC,
        response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
      }),
    });
    const stated = statuses.some((s) => s.status !== 'unknown') ? nextUpdate : null;
    return {
      der: Buffer.from(response.toSchema().toBER(false)),
      producedAt: now,
      nextUpdate: stated,
      refreshAt: new Date(nextUpdate.getTime() - this.refreshBeforeMs),
    };
  }

  /** The request's CertIDs, their cache key (their DER) and its nonce; repeats of a nonce-less request are not parsed again. */
  private parsed(der: Buffer): ParsedRequest {
    if (der.length === 0 || der.length > MAX_OCSP_REQUEST_BYTES) throw malformed();
    const raw = der.toString('hex');
    const known = this.parsedRequests.get(raw);
    if (known) return known;
    const request = parseRequest(der);
    const certIds = request.tbsRequest.requestList.map((r) => r.reqCert);
    const parsed: ParsedRequest = {
      certIds,
      key: certIds.map((id) => Buffer.from(id.toSchema().toBER(false)).toString('hex')).join(','),
      nonce: request.tbsRequest.requestExtensions?.find((e) => e.extnID === ID_PKIX_OCSP_NONCE),
    };
    if (!parsed.nonce && this.cache) {
      this.parsedRequests.set(raw, parsed);
      if (this.parsedRequests.size > this.maxCached) this.parsedRequests.delete(this.parsedRequests.keys().next().value as string);
    }
    return parsed;
  }

  private async statusFor(certId: pkijs.CertID, at: Date): Promise<CertificateStatus> {
    const serial = normalizeSerial(Buffer.from(certId.serialNumber.valueBlock.valueHexView).toString('hex'));
    const issuer = this.issuerHashes.get(certId.hashAlgorithm.algorithmId);
    if (!issuer) return { status: 'unknown', serial };
    const sameIssuer =
      issuer.name.equals(Buffer.from(certId.issuerNameHash.valueBlock.valueHexView)) && issuer.key.equals(Buffer.from(certId.issuerKeyHash.valueBlock.valueHexView));
    if (!sameIssuer) return { status: 'unknown', serial };
    if (this.statusCacheMs <= 0) return this.statuses.statusOf(serial);
    const known = this.knownStatuses.get(serial);
    if (known && at.getTime() < known.until) return known.status;
    const status = await this.statuses.statusOf(serial);
    this.knownStatuses.delete(serial);
    this.knownStatuses.set(serial, { status, until: at.getTime() + this.statusCacheMs });
    if (this.knownStatuses.size > this.maxCached) this.knownStatuses.delete(this.knownStatuses.keys().next().value as string);
    return status;
  }
}

interface ParsedRequest {
  certIds: pkijs.CertID[];
  /** The CertIDs' DER: what a cached response answers. */
  key: string;
  nonce?: pkijs.Extension;
}

/** What a response states about one certificate: equal keys, equal responses. */
function statusKeyOf(status: CertificateStatus): string {
  return status.status === 'revoked' ? `revoked:${wholeSeconds(status.revokedAt).getTime()}:${status.reason}` : status.status;
}

function parseRequest(der: Buffer): pkijs.OCSPRequest {
  if (der.length === 0 || der.length > MAX_OCSP_REQUEST_BYTES) throw malformed();
  try {
    const request = pkijs.OCSPRequest.fromBER(new Uint8Array(der));
    const count = request.tbsRequest.requestList.length;
    if (count === 0 || count > MAX_OCSP_CERT_IDS) throw malformed();
    return request;
  } catch {
    throw malformed();
  }
}

function malformed(): PkiError {
  return new PkiError(PkiErrorCode.MalformedOcspRequest, 'The OCSP request is not a valid DER OCSPRequest (RFC 6960)');
}

/** CertStatus CHOICE: good [0] NULL, revoked [1] RevokedInfo, unknown [2] NULL (implicit tags). */
function certStatusAsn(status: CertificateStatus): asn1js.BaseBlock {
  if (status.status === 'revoked') {
    const value: asn1js.BaseBlock[] = [new asn1js.GeneralizedTime({ valueDate: wholeSeconds(status.revokedAt) })];
    if (status.reason) value.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: status.reason })] }));
    return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value });
  }
  return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: status.status === 'good' ? 0 : 2 }, lenBlock: { length: 0 } });
}

/** The unsigned `tryLater` answer (no signer yet, or the budget for never-issued serials spent). */
function tryLater(at: Date): OcspAnswer {
  return { der: OcspResponder.tryLaterResponse(), producedAt: wholeSeconds(at), nextUpdate: null, cached: false, nonceEchoed: false, tryLater: true };
}

/** DER times without fractions: some clients reject fractional GeneralizedTime. */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
