import { ROOT, describeDatabase, devDatabaseName, devDatabaseUrl } from '../../scripts/stack';

describe(devDatabaseName.name, () => {
  it('is the same for the same checkout path, however the path is written', () => {
    expect(devDatabaseName('/home/dev/onboarding')).toBe(devDatabaseName('/home/dev/onboarding'));
    expect(devDatabaseName('/home/dev/onboarding/')).toBe(devDatabaseName('/home/dev/./onboarding'));
  });

  it('differs between two checkouts on one machine', () => {
    expect(devDatabaseName('/home/dev/onboarding')).not.toBe(devDatabaseName('/home/dev/onboarding-2'));
  });

  it('is onboarding_dev_ and 8 hex digits, a valid MariaDB name', () => {
    expect(devDatabaseName('/home/dev/onboarding')).toMatch(/^onboarding_dev_[0-9a-f]{8}$/);
  });

  it('points at the database of this checkout on the local MariaDB', () => {
    expect(devDatabaseUrl()).toBe(`mysql://root@127.0.0.1:3306/${devDatabaseName(ROOT)}`);
  });
});

describe(describeDatabase.name, () => {
  it('gives the database and the host, never the credentials', () => {
    expect(describeDatabase('mysql://app:s3cret@db.internal:3307/onboarding')).toBe('onboarding on db.internal:3307');
  });
});
