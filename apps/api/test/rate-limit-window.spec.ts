import { countRequest, type RateLimitWindow } from '../src/rate-limits/rate-limit-window';

const t0 = new Date('2026-11-22T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const fresh: RateLimitWindow = { hits: 0, windowEndsAt: at(60_000), blockedUntil: null };

describe(countRequest.name, () => {
  it('lets `limit` requests through in a window and refuses the next until the window ends, without counting it', () => {
    let window = fresh;
    for (let i = 0; i < 3; i++) {
      const { next, record } = countRequest(window, at(i * 1000), 60_000, 3, 0);
      expect(record.isBlocked).toBe(false);
      window = next;
    }
    const refused = countRequest(window, at(20_000), 60_000, 3, 0);
    expect(refused.record).toMatchObject({ isBlocked: true, timeToBlockExpire: 40 });
    expect(refused.next.hits).toBe(3);
    expect(countRequest(refused.next, at(59_500), 60_000, 3, 0).record).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
  });

  it('starts a new window once the old one has ended', () => {
    const full = { hits: 3, windowEndsAt: at(60_000), blockedUntil: null };
    const { next, record } = countRequest(full, at(60_000), 60_000, 3, 0);
    expect(record).toMatchObject({ isBlocked: false, totalHits: 1, timeToExpire: 60 });
    expect(next.windowEndsAt).toEqual(at(120_000));
  });

  it('blocks for the block duration when the limit has one, then counts afresh', () => {
    const full = { hits: 2, windowEndsAt: at(60_000), blockedUntil: null };
    const over = countRequest(full, at(10_000), 60_000, 2, 300_000);
    expect(over.record).toMatchObject({ isBlocked: true, timeToBlockExpire: 300 });
    expect(countRequest(over.next, at(200_000), 60_000, 2, 300_000).record).toMatchObject({ isBlocked: true, timeToBlockExpire: 110 });
    expect(countRequest(over.next, at(310_000), 60_000, 2, 300_000).record).toMatchObject({ isBlocked: false, totalHits: 1 });
  });
});
