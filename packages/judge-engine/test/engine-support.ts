/** Fixtures for the engine tests: one real sandbox driver and bundle builders. */
import type { RunBundle } from '@duet/sdk/run';
import { createSandboxDriver } from '../src/index.js';

export const driver = createSandboxDriver();

export const LIMITS = { time_ms: 1000, memory_mb: 64, output_kb: 256 } as const;

export function stdioBundle(code: string, tests: RunBundle['tests'], over: Partial<RunBundle> = {}): RunBundle {
  return { kind: 'sample', language: 'python', code, interface: { type: 'stdio' }, tests, limits: { ...LIMITS }, checker: { type: 'default' }, ...over };
}

export function functionBundle(code: string, entry: string, tests: RunBundle['tests'], over: Partial<RunBundle> = {}): RunBundle {
  return { kind: 'sample', language: 'python', code, interface: { type: 'function', entry }, tests, limits: { ...LIMITS }, checker: { type: 'default' }, ...over };
}

/** A stdio program whose behaviour is chosen by its input line, so one run covers many verdicts. */
export const BEHAVIOURS = `
import sys
cmd = sys.stdin.readline().strip()
if cmd == 'ac':
    print('hello')
elif cmd == 'wa':
    print('bye')
elif cmd == 'spin':
    while True:
        pass
elif cmd == 'mle':
    hoard = []
    while True:
        hoard.append(b'x' * (8 << 20))
elif cmd == 'raise':
    raise ValueError('boom from ' + cmd)
elif cmd == 'segv':
    import ctypes
    ctypes.string_at(0)
elif cmd == 'flood':
    while True:
        sys.stdout.write('y' * 65536)
elif cmd == 'exit3':
    sys.exit(3)
elif cmd == 'stderr':
    print('to stderr', file=sys.stderr)
    print('hello')
`;

export const cases = (...cmds: string[]): RunBundle['tests'] => cmds.map((cmd, i) => ({ name: `${i}-${cmd}`, input: `${cmd}\n`, answer: 'hello\n' }));
