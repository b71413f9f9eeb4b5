import { createSandboxDriver, judgeBundle } from '@duet/judge-engine';
const driver = createSandboxDriver();
const code = process.argv[2];
const r = await judgeBundle({ kind: 'custom', language: 'python', code, interface: { type: 'stdio' }, tests: [{ name: 't', input: '' }], limits: { time_ms: 1000, memory_mb: 128, output_kb: 64 }, checker: { type: 'default' } }, { driver });
console.log(JSON.stringify(r, null, 1));
