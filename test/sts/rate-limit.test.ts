import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { failure } from '../ram/access-fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { RateLimiter, parseRateLimits } from '../../src/services/sts/rate-limit.js';
import { assume, createScenario, manualClock, whoAmI, type Scenario } from './fixture.js';

describe('RAMSTACK_RATE_LIMITS through the API', () => {
  const clock = manualClock();
  let t: TestServer;
  let s: Scenario;
  beforeAll(async () => {
    vi.stubEnv('RAMSTACK_RATE_LIMITS', 'sts:AssumeRole=2');
    t = await startTestServer({ clock: clock.now });
    vi.unstubAllEnvs();
    s = await createScenario(t);
  });
  afterAll(() => t.stop());

  it('answers Throttling.User (400) once an account exceeds its AssumeRole calls per second, and admits again a second later', async () => {
    // Frozen server time: no refill between the calls.
    clock.frozenAt = Date.now();
    try {
      await assume(s.user, t, { roleArn: s.roleArn });
      await assume(s.user, t, { roleArn: s.roleArn });
      const err = await failure(assume(s.user, t, { roleArn: s.roleArn }));
      expect({ code: err.code, status: err.statusCode }).toEqual({ code: 'Throttling.User', status: 400 });
      expect((await whoAmI(s.user, t)).identityType).toBe('RAMUser');
      clock.offsetMs = 1000;
      await expect(assume(s.user, t, { roleArn: s.roleArn })).resolves.toBeDefined();
    } finally {
      clock.frozenAt = undefined;
      clock.offsetMs = 0;
    }
  });
});

describe('RateLimiter', () => {
  it('is off by default: no limit, no Throttling', () => {
    const limiter = new RateLimiter(parseRateLimits(undefined));
    for (let i = 0; i < 1000; i++) limiter.take('sts:AssumeRole', '1', 0);
    expect(limiter.covers('sts:AssumeRole')).toBe(false);
  });

  it('counts each account separately, and a per-account entry overrides the action default', () => {
    const limiter = new RateLimiter(parseRateLimits('sts:AssumeRole=1, sts:AssumeRole@42=3'));
    limiter.take('sts:AssumeRole', '1', 0);
    expect(() => limiter.take('sts:AssumeRole', '1', 0)).toThrow(expect.objectContaining({ code: 'Throttling.User' }));
    limiter.take('sts:AssumeRole', '2', 0);
    for (let i = 0; i < 3; i++) limiter.take('STS:assumerole', '42', 0);
    expect(() => limiter.take('sts:AssumeRole', '42', 0)).toThrow(expect.objectContaining({ code: 'Throttling.User' }));
  });

  it('refills continuously at the configured rate', () => {
    const limiter = new RateLimiter(parseRateLimits('ram:ListUsers=10'));
    for (let i = 0; i < 10; i++) limiter.take('ram:ListUsers', '1', 0);
    expect(() => limiter.take('ram:ListUsers', '1', 50)).toThrow();
    limiter.take('ram:ListUsers', '1', 100);
  });

  it.each(['sts:AssumeRole', 'sts:AssumeRole=0', 'AssumeRole=5', 'sts:AssumeRole@abc=5'])('refuses the malformed setting %j', (text) => {
    expect(() => parseRateLimits(text)).toThrow(/is not <service>:<Action>/);
  });
});
