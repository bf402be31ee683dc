import { DataSource } from 'typeorm';
import type { ModerationReason } from '@app/contracts';
import { ModerationCaseRow, dataSourceOptions } from '@app/models';
import { createWholePathActivities, type ModerationCaseRecord } from '@app/onboarding';
import { ModerationQueueService } from '../../src/moderation/moderation-queue.service';

const DATABASE = 'onboarding_spec_moderation_queue';

/**
 * The queue against MariaDB: the case workflow's writes through the real activity, read back through
 * the service's filters. `now` is passed in, so leases and ages are exact.
 */
describe(ModerationQueueService.name, () => {
  let admin: DataSource;
  let db: DataSource;
  let queue: ModerationQueueService;
  let record: (input: ModerationCaseRecord) => Promise<void>;
  const NOW = new Date('2026-11-30T12:00:00.000Z');
  const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

  beforeAll(async () => {
    admin = await new DataSource({ type: 'mysql', host: '127.0.0.1', port: 3306, username: 'root', password: '' }).initialize();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.query(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4`);
    db = await new DataSource({ ...dataSourceOptions({ DATABASE_URL: `mysql://root@127.0.0.1:3306/${DATABASE}`, DATABASE_POOL_SIZE: 2 }) }).initialize();
    await db.runMigrations();
    queue = new ModerationQueueService(db.getRepository(ModerationCaseRow));
    ({ recordModerationCase: record } = createWholePathActivities({ dataSource: db } as Parameters<typeof createWholePathActivities>[0]));

    const open = (caseId: string, minutes: number, reasons: ModerationReason[], template = 'individual') =>
      record({ caseId, applicationId: caseId.slice(0, 36), template, reasons, status: 'open', version: 1, openedAt: minutesAgo(minutes), at: minutesAgo(minutes) });
    await open('a0000000-0000-4000-8000-000000000001-1', 90, ['face_mismatch']);
    await open('a0000000-0000-4000-8000-000000000002-1', 60, ['document_not_valid', 'register_photo_missing']);
    await open('a0000000-0000-4000-8000-000000000003-1', 30, ['fields_differ'], 'legal_entity_employee');
    await open('a0000000-0000-4000-8000-000000000004-1', 10, ['face_mismatch']);
    await open('a0000000-0000-4000-8000-000000000005-1', 5, ['face_mismatch']);
    // Case 4 escalated, case 2 claimed by dana until 12:10, case 3 claimed by almas with a lease that ran out at 11:59, case 5 decided.
    await record({ caseId: 'a0000000-0000-4000-8000-000000000004-1', applicationId: 'a0000000-0000-4000-8000-000000000004', template: 'individual', reasons: ['face_mismatch'], status: 'escalated', version: 2, openedAt: minutesAgo(10), escalatedAt: minutesAgo(2), at: minutesAgo(2) });
    await record({ caseId: 'a0000000-0000-4000-8000-000000000002-1', applicationId: 'a0000000-0000-4000-8000-000000000002', template: 'individual', reasons: ['document_not_valid', 'register_photo_missing'], status: 'open', version: 2, openedAt: minutesAgo(60), claim: { staffId: 'staff-dana', moderator: 'dana', until: '2026-11-30T12:10:00.000Z' }, at: minutesAgo(5) });
    await record({ caseId: 'a0000000-0000-4000-8000-000000000003-1', applicationId: 'a0000000-0000-4000-8000-000000000003', template: 'legal_entity_employee', reasons: ['fields_differ'], status: 'open', version: 2, openedAt: minutesAgo(30), claim: { staffId: 'staff-almas', moderator: 'almas', until: '2026-11-30T11:59:00.000Z' }, at: minutesAgo(16) });
    await record({ caseId: 'a0000000-0000-4000-8000-000000000005-1', applicationId: 'a0000000-0000-4000-8000-000000000005', template: 'individual', reasons: ['face_mismatch'], status: 'decided', version: 3, openedAt: minutesAgo(5), decision: 'approve', decidedBy: 'almas', decidedAt: minutesAgo(1), at: minutesAgo(1) });
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin?.destroy();
  });

  const ids = async (filter: Parameters<ModerationQueueService['list']>[0]) => (await queue.list(filter, NOW)).items.map((i) => `${i.caseId.slice(35, 36)}:${i.status}`);

  it('lists the cases not decided, escalated first and then the oldest first, each with its status', async () => {
    await expect(ids({})).resolves.toEqual(['4:escalated', '1:open', '2:claimed', '3:open']);
    const page = await queue.list({}, NOW);
    expect(page.total).toBe(4);
    expect(page.items[2].claim).toEqual({ moderator: 'dana', until: '2026-11-30T12:10:00.000Z' });
    expect(page.items[3].claim).toBeNull();
  });

  it('filters by status, reason, template and age', async () => {
    await expect(ids({ status: 'claimed' })).resolves.toEqual(['2:claimed']);
    await expect(ids({ status: 'open' })).resolves.toEqual(['1:open', '3:open']);
    await expect(ids({ status: 'escalated' })).resolves.toEqual(['4:escalated']);
    await expect(ids({ status: 'decided' })).resolves.toEqual(['5:decided']);
    await expect(ids({ reason: 'face_mismatch' })).resolves.toEqual(['4:escalated', '1:open']);
    await expect(ids({ reason: 'register_photo_missing' })).resolves.toEqual(['2:claimed']);
    await expect(ids({ template: 'legal_entity_employee' })).resolves.toEqual(['3:open']);
    await expect(ids({ olderThanMinutes: 60 })).resolves.toEqual(['1:open', '2:claimed']);
    await expect(ids({ youngerThanMinutes: 45 })).resolves.toEqual(['4:escalated', '3:open']);
  });

  it('pages through the queue', async () => {
    const second = await queue.list({ page: 2, pageSize: 3 }, NOW);
    expect(second).toMatchObject({ page: 2, pageSize: 3, total: 4 });
    expect(second.items.map((i) => i.caseId)).toEqual(['a0000000-0000-4000-8000-000000000003-1']);
  });

  it('keeps the newest write when an older one arrives late', async () => {
    const caseId = 'a0000000-0000-4000-8000-000000000006-1';
    const base = { caseId, applicationId: caseId.slice(0, 36), template: 'individual', reasons: ['face_mismatch'] as ModerationReason[], openedAt: minutesAgo(3) };
    await record({ ...base, status: 'open', version: 1, at: minutesAgo(3) });
    await record({ ...base, status: 'decided', version: 3, decision: 'reject', decidedBy: 'dana', decidedAt: minutesAgo(1), at: minutesAgo(1) });
    await record({ ...base, status: 'open', version: 2, claim: { staffId: 'staff-dana', moderator: 'dana', until: '2026-11-30T12:15:00.000Z' }, at: minutesAgo(2) });
    const [row] = await db.query('SELECT status, decision, decided_by, claimed_by, version FROM moderation_cases WHERE case_id = ?', [caseId]);
    expect(row).toEqual({ status: 'decided', decision: 'reject', decided_by: 'dana', claimed_by: null, version: 3 });
  });

  it('journals an escalation once, by the system, however often its write is retried', async () => {
    const caseId = 'a0000000-0000-4000-8000-000000000007-1';
    const base = { caseId, applicationId: caseId.slice(0, 36), template: 'individual', reasons: ['fields_differ'] as ModerationReason[], openedAt: minutesAgo(20) };
    await record({ ...base, status: 'open', version: 1, at: minutesAgo(20) });
    const escalation = { ...base, status: 'escalated' as const, version: 2, escalatedAt: minutesAgo(4), at: minutesAgo(4) };
    await record(escalation);
    await record(escalation);
    await record({ ...escalation, status: 'decided', version: 3, decision: 'approve', decidedBy: 'dana', at: minutesAgo(1) });
    const journal = await db.query("SELECT actor_kind, actor_id, action, detail FROM audit_journal WHERE target = ?", [caseId]);
    expect(journal.map((j: { actor_kind: string; actor_id: string | null; action: string }) => [j.actor_kind, j.actor_id, j.action])).toEqual([['system', null, 'moderation.case_escalated']]);
    const detail = typeof journal[0].detail === 'string' ? JSON.parse(journal[0].detail) : journal[0].detail;
    expect(detail).toEqual({ applicationId: base.applicationId, reasons: ['fields_differ'] });
  });
});
