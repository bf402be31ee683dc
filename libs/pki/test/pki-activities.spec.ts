import { ApplicationFailure } from '@temporalio/common';
import { NucApplicationView, PkiError, PkiErrorCode, createPkiActivities } from '@app/pki';

describe(createPkiActivities.name, () => {
  const unused = () => Promise.reject(new Error('not used in this test'));
  const deps = {
    applications: { create: unused, get: unused, recordStatus: unused, annulStale: async () => ['12345678901234'], approveByFirstHead: unused, rejectByFirstHead: unused },
    authority: { issueForApplication: async () => Promise.reject(new PkiError(PkiErrorCode.NotApproved, 'awaiting the first head')), certificatesOf: unused, certifyOcspResponder: unused },
    crl: { refresh: async () => Buffer.alloc(0), publishBase: unused, publishDelta: unused, publishRoot: unused },
    cms: { verify: unused },
    revoke: unused,
  };

  it('turns a PKI business failure into a non-retryable failure typed by its code', async () => {
    const activities = createPkiActivities(deps);
    const failure = await activities.issueCertificates('12345678901234').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: PkiErrorCode.NotApproved, nonRetryable: true, message: 'awaiting the first head' });
  });

  it('lets infrastructure errors through so Temporal retries them', async () => {
    const activities = createPkiActivities({ ...deps, applications: { ...deps.applications, recordStatus: () => Promise.reject(new Error('connection lost')) } });
    await expect(activities.recordNucStatus('12345678901234', 'SIGNING' as NucApplicationView['status'])).rejects.toThrow('connection lost');
    await expect(activities.annulStaleApplications()).resolves.toEqual(['12345678901234']);
  });
});
