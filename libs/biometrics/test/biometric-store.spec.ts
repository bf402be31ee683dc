import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SealedBox } from '@app/crypto';
import { BiometricSampleErrorCode, BiometricSampleKind, BiometricStore, ImageRejectionCode, TypeOrmBiometricSampleRepository } from '@app/biometrics';
import { BiometricSampleEntity, Biometrics1763800000001, LivenessSessions1763800000009 } from '@app/models';
import { fixture } from './support/face-fixtures';

const DATABASE = 'onboarding_spec_biometrics';

describe(BiometricStore.name, () => {
  let admin: DataSource;
  let db: DataSource;
  let now = new Date('2026-11-22T10:00:00Z');
  let store: BiometricStore;

  beforeAll(async () => {
    admin = await new DataSource({ type: 'mysql', host: '127.0.0.1', port: 3306, username: 'root', password: '' }).initialize();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.query(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4`);
    db = await new DataSource({ type: 'mysql', host: '127.0.0.1', port: 3306, username: 'root', password: '', database: DATABASE, entities: [BiometricSampleEntity], migrations: [Biometrics1763800000001, LivenessSessions1763800000009] }).initialize();
    await db.runMigrations();
    store = new BiometricStore(new TypeOrmBiometricSampleRepository(db), new SealedBox(randomBytes(32)), () => now);
  });

  afterAll(async () => {
    await db?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin?.destroy();
  });

  it('stores image and descriptor only in sealed form and opens them again', async () => {
    const image = Buffer.from('JPEG bytes of a selfie, unique marker 7f3a');
    const descriptor = Array.from({ length: 128 }, (_, i) => i / 256);
    const id = await store.save({ applicationId: 'app-1', kind: BiometricSampleKind.Selfie, image });
    await store.attachFace(id, BiometricSampleKind.Selfie, { descriptor, pose: { yaw: 1, pitch: 2, roll: 3 }, widthPx: 250 });
    const [row] = await db.query('SELECT sealed_image, sealed_descriptor FROM biometric_samples WHERE id = ?', [id]);
    expect(Buffer.from(row.sealed_image).includes(Buffer.from('unique marker 7f3a'))).toBe(false);
    expect(Buffer.from(row.sealed_descriptor).toString('latin1')).not.toContain('widthPx');
    const sample = await store.load(id);
    expect(sample.image?.equals(image)).toBe(true);
    expect(sample.face).toEqual({ descriptor, pose: { yaw: 1, pitch: 2, roll: 3 }, widthPx: 250 });
  });

  it('stores nothing when an upload is rejected', async () => {
    const photo = fixture('stock-teen-1');
    const count = async () => Number((await db.query('SELECT COUNT(*) AS n FROM biometric_samples'))[0].n);
    const before = await count();
    await expect(store.saveUpload({ applicationId: 'app-5', kind: BiometricSampleKind.Selfie, image: photo.subarray(0, 10_000) })).rejects.toMatchObject({ code: ImageRejectionCode.Corrupt });
    await expect(store.saveUpload({ applicationId: 'app-5', kind: BiometricSampleKind.Selfie, image: Buffer.alloc(0) })).rejects.toMatchObject({ code: ImageRejectionCode.Empty });
    expect(await count()).toBe(before);
    const id = await store.saveUpload({ applicationId: 'app-5', kind: BiometricSampleKind.Selfie, image: photo, declaredType: 'image/jpeg' });
    expect(await count()).toBe(before + 1);
    expect((await store.load(id)).image?.equals(photo)).toBe(true);
  });

  it('refuses a blob moved to another row', async () => {
    const a = await store.save({ applicationId: 'app-2', kind: BiometricSampleKind.Selfie, image: Buffer.from('a') });
    const b = await store.save({ applicationId: 'app-2', kind: BiometricSampleKind.Selfie, image: Buffer.from('b') });
    await db.query('UPDATE biometric_samples SET sealed_image = (SELECT x.sealed_image FROM (SELECT sealed_image FROM biometric_samples WHERE id = ?) x) WHERE id = ?', [a, b]);
    await expect(store.load(b)).rejects.toThrow();
  });

  it('purges samples once the decision is older than the retention period, and only those', async () => {
    const decided = await store.save({ applicationId: 'app-3', kind: BiometricSampleKind.DocumentPortrait, image: Buffer.from('doc') });
    const pending = await store.save({ applicationId: 'app-4', kind: BiometricSampleKind.Selfie, image: Buffer.from('selfie') });
    await expect(store.markDecided('app-3')).resolves.toBe(1);
    await expect(store.purgeDecided(24 * 3600_000)).resolves.toBe(0);
    now = new Date(now.getTime() + 25 * 3600_000);
    await expect(store.purgeDecided(24 * 3600_000)).resolves.toBe(1);
    await expect(store.load(decided)).rejects.toMatchObject({ code: BiometricSampleErrorCode.NotFound });
    await expect(store.load(pending)).resolves.toMatchObject({ applicationId: 'app-4' });
  });
});
