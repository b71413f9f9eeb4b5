import { describe, expect, it } from 'vitest';
import { JudgeConfigError } from '../src/index.js';
import { readEnvConfig } from '../src/server/env-config.js';

const SECRET = 'a-long-enough-secret';

describe('readEnvConfig (duet-judge environment)', () => {
  it('requires DUET_JUDGE_SECRET and names it', () => {
    expect(() => readEnvConfig({})).toThrow(JudgeConfigError);
    expect(() => readEnvConfig({})).toThrow(/^DUET_JUDGE_SECRET is required/);
    expect(() => readEnvConfig({ DUET_JUDGE_SECRET: 'short' })).toThrow('DUET_JUDGE_SECRET must be at least 16 characters (got 5)');
  });

  it('applies defaults', () => {
    expect(readEnvConfig({ DUET_JUDGE_SECRET: SECRET })).toEqual({ port: 4100, host: '127.0.0.1', logLevel: 'info', warmSandboxes: 1, driver: {}, server: { secret: SECRET } });
  });

  it('reads every variable', () => {
    const config = readEnvConfig({
      DUET_JUDGE_SECRET: SECRET,
      DUET_JUDGE_PORT: '8080',
      DUET_JUDGE_HOST: '0.0.0.0',
      DUET_JUDGE_CONCURRENCY: '4',
      DUET_JUDGE_QUEUE_LIMIT: '10',
      DUET_JUDGE_RESULT_TTL_MS: '5000',
      DUET_JUDGE_LOG_LEVEL: 'warn',
      DUET_JUDGE_WARM_SANDBOXES: '0',
      DUET_JUDGE_UID_BASE: '100000',
      DUET_JUDGE_UID_POOL_SIZE: '16',
      DUET_JUDGE_STATE_DIR: '/srv/duet-judge',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'warn',
      warmSandboxes: 0,
      driver: { uidBase: 100000, uidPoolSize: 16, stateDir: '/srv/duet-judge' },
      server: { secret: SECRET, concurrency: 4, queueLimit: 10, resultTtlMs: 5000 },
    });
  });

  it('rejects malformed numbers naming the variable and the accepted range', () => {
    const withEnv = (name: string, value: string) => () => readEnvConfig({ DUET_JUDGE_SECRET: SECRET, [name]: value });
    expect(withEnv('DUET_JUDGE_PORT', 'http')).toThrow('DUET_JUDGE_PORT must be an integer from 0 to 65535 (got "http")');
    expect(withEnv('DUET_JUDGE_PORT', '70000')).toThrow(/DUET_JUDGE_PORT/);
    expect(withEnv('DUET_JUDGE_CONCURRENCY', '0')).toThrow('DUET_JUDGE_CONCURRENCY must be an integer from 1 to 1024 (got "0")');
    expect(withEnv('DUET_JUDGE_QUEUE_LIMIT', '-1')).toThrow(/DUET_JUDGE_QUEUE_LIMIT/);
    expect(withEnv('DUET_JUDGE_QUEUE_LIMIT', '2.5')).toThrow(/DUET_JUDGE_QUEUE_LIMIT/);
    expect(withEnv('DUET_JUDGE_WARM_SANDBOXES', '65')).toThrow('DUET_JUDGE_WARM_SANDBOXES must be an integer from 0 to 64 (got "65")');
    expect(withEnv('DUET_JUDGE_LOG_LEVEL', 'loud')).toThrow(/DUET_JUDGE_LOG_LEVEL must be one of/);
    expect(withEnv('DUET_JUDGE_UID_BASE', '0')).toThrow(/DUET_JUDGE_UID_BASE must be an integer from 1000/);
    expect(withEnv('DUET_JUDGE_STATE_DIR', 'relative/dir')).toThrow('DUET_JUDGE_STATE_DIR must be an absolute path (got "relative/dir")');
  });
});
