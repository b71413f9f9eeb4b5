/**
 * Network attacks: the sandbox has its own empty network namespace, so no TCP/UDP/DNS to the host's
 * services or the outside world, no host unix sockets (path or abstract), no raw sockets.
 */
import { chmodSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { expectStillServing, expectVerdict, hex32, hostTempDir, linesStartingWith, py, run, stdoutOf } from './support.js';

afterEach(expectStillServing);

/** Python helper printed into attack programs: `RESULT <label> CONNECTED|FAIL <errno> <seconds>`. */
const PY_NET = `
import socket, errno, time
def report(label, fn):
    t = time.monotonic()
    try:
        fn()
        print('RESULT', label, 'CONNECTED', round(time.monotonic() - t, 3), flush=True)
    except OSError as e:
        code = errno.errorcode.get(e.errno, str(e.errno)) if e.errno else type(e).__name__
        print('RESULT', label, 'FAIL', code, round(time.monotonic() - t, 3), flush=True)
def tcp(host, port, family=socket.AF_INET, timeout=2):
    def go():
        s = socket.socket(family, socket.SOCK_STREAM); s.settimeout(timeout)
        try:
            s.connect((host, port)); s.sendall(b'PING\\r\\n'); s.recv(16)
        finally:
            s.close()
    return go
def unix(path):
    def go():
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.settimeout(2)
        try:
            s.connect(path)
        finally:
            s.close()
    return go
`;

interface NetResult {
  outcome: string;
  code: string;
  seconds: number;
}

function results(out: string): Map<string, NetResult> {
  const map = new Map<string, NetResult>();
  for (const line of linesStartingWith(out, 'RESULT')) {
    const [label = '', outcome = '', code = '', seconds = 'NaN'] = line.split(' ');
    map.set(label, outcome === 'CONNECTED' ? { outcome, code: '', seconds: Number(code) } : { outcome, code, seconds: Number(seconds) });
  }
  return map;
}

function expectAllFailed(out: string, labels: string[]): Map<string, NetResult> {
  const map = results(out);
  for (const label of labels) {
    const r = map.get(label);
    expect(r, `no RESULT line for ${label} in:\n${out}`).toBeDefined();
    expect(r?.outcome, `${label}: ${JSON.stringify(r)}`).toBe('FAIL');
  }
  return map;
}

describe('TCP/UDP/DNS', () => {
  let server: Server;
  let port = 0;
  const accepted: Socket[] = [];
  beforeAll(async () => {
    // Stands in for the judge's own HTTP port: a real listener on the host loopback.
    server = createServer((s) => {
      accepted.push(s);
      s.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    port = typeof addr === 'object' && addr ? addr.port : 0;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("cannot reach the judge's own listener on 127.0.0.1", async () => {
    // Attack: talk to the judge API from inside the sandbox (e.g. to submit as someone else).
    const { result } = await run(`${PY_NET}\nreport('judge', tcp('127.0.0.1', ${port}))\nreport('judge_any', tcp('0.0.0.0', ${port}))\n`);
    expectVerdict(result, ['AC']);
    expectAllFailed(stdoutOf(result), ['judge', 'judge_any']);
    expect(accepted).toHaveLength(0);
  });

  it('cannot reach Postgres (127.0.0.1:5432) or Redis (127.0.0.1:6379, [::1]:6379)', async () => {
    // Attack: read/write the marketplace database or the queue.
    const code = `${PY_NET}
report('pg', tcp('127.0.0.1', 5432))
report('redis', tcp('127.0.0.1', 6379))
report('redis6', tcp('::1', 6379, socket.AF_INET6))
report('mysql', tcp('127.0.0.1', 3306))
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    expectAllFailed(stdoutOf(result), ['pg', 'redis', 'redis6', 'mysql']);
  });

  it('DNS lookup fails', async () => {
    // Attack: resolve a name (exfiltration over DNS needs a resolver).
    const code = `${PY_NET}
def dns():
    socket.getaddrinfo('example.com', 80)
def dns_localhost_resolver():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(1)
    s.sendto(b'\\x12\\x34\\x01\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x07example\\x03com\\x00\\x00\\x01\\x00\\x01', ('127.0.0.53', 53))
    s.recv(512)
try:
    dns(); print('RESULT dns CONNECTED 0', flush=True)
except socket.gaierror as e:
    print('RESULT dns FAIL gaierror 0', flush=True)
report('resolved', dns_localhost_resolver)
`;
    const { result } = await run(code, { time_ms: 3000 });
    expectVerdict(result, ['AC']);
    expectAllFailed(stdoutOf(result), ['dns', 'resolved']);
  });

  it('an outside address fails at once with ENETUNREACH (no route at all), TCP and UDP', async () => {
    // Attack: connect to 1.1.1.1:53; must not even get as far as a timeout.
    const code = `${PY_NET}
report('tcp', tcp('1.1.1.1', 53, timeout=1.5))
def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.sendto(b'x', ('8.8.8.8', 53))
report('udp', udp)
report('tcp6', tcp('2606:4700:4700::1111', 53, socket.AF_INET6, timeout=1.5))
`;
    const { result } = await run(code, { time_ms: 3000 });
    expectVerdict(result, ['AC']);
    const map = expectAllFailed(stdoutOf(result), ['tcp', 'udp', 'tcp6']);
    expect(map.get('tcp')?.code).toBe('ENETUNREACH');
    expect(map.get('tcp')?.seconds).toBeLessThan(0.5);
    expect(map.get('udp')?.code).toBe('ENETUNREACH');
  });

  it('no raw, packet, netlink or vsock sockets (no CAP_NET_RAW; seccomp), and only loopback exists', async () => {
    // Attack: craft packets below TCP.
    const code = `${PY_NET}
report('raw', lambda: socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP))
report('packet', lambda: socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0))
report('netlink', lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0))
report('vsock', lambda: socket.socket(40, socket.SOCK_STREAM, 0))
with open('/proc/net/dev') as dev:
    print('IFACES', ','.join(sorted(line.split(':')[0].strip() for line in dev.readlines()[2:])))
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    const out = stdoutOf(result);
    expectAllFailed(out, ['raw', 'packet', 'netlink', 'vsock']);
    const ifaces = linesStartingWith(out, 'IFACES')[0]?.split(',').filter(Boolean) ?? [];
    expect(ifaces.every((n) => n === 'lo')).toBe(true);
  });
});

describe('unix sockets', () => {
  let abstractServer: Server;
  let pathServer: Server;
  const abstractName = `\0duet-sec-${hex32()}`;
  let host: { dir: string; cleanup: () => void };
  let socketPath = '';
  const accepted: Socket[] = [];
  const listen = async (where: string): Promise<Server> => {
    const server = createServer((s) => {
      accepted.push(s);
      s.destroy();
    });
    await new Promise<void>((resolve) => server.listen(where, resolve));
    return server;
  };
  beforeAll(async () => {
    // An abstract-namespace socket (reachable from any process sharing the host netns) and a
    // world-connectable socket file under the host's temp dir, both with a real listener.
    host = hostTempDir('duet-sec-sock-'); // created here, not at collection: skipped suites leave nothing
    socketPath = join(host.dir, 'judge.sock');
    abstractServer = await listen(abstractName);
    pathServer = await listen(socketPath);
    chmodSync(socketPath, 0o777);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => abstractServer.close(() => resolve()));
    await new Promise<void>((resolve) => pathServer.close(() => resolve()));
    host.cleanup();
  });

  it('host unix sockets (Postgres, MySQL, dbus, systemd) are not reachable', async () => {
    // Attack: connect through the filesystem to local services that trust peer credentials.
    const code = `${PY_NET}
report('pg_var', unix('/var/run/postgresql/.s.PGSQL.5432'))
report('pg_run', unix('/run/postgresql/.s.PGSQL.5432'))
report('mysql', unix('/run/mysqld/mysqld.sock'))
report('dbus', unix('/run/dbus/system_bus_socket'))
report('journal', unix('/run/systemd/journal/stdout'))
report('abstract', unix(${py(abstractName)}))
report('host_tmp', unix(${py(socketPath)}))
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    expectAllFailed(stdoutOf(result), ['pg_var', 'pg_run', 'mysql', 'dbus', 'journal', 'abstract', 'host_tmp']);
    expect(accepted).toHaveLength(0);
  });
});
