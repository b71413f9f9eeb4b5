import type { ServerResponse } from 'node:http';
import type { RunEvent } from '@duet/sdk/run';
import type { RunRecord } from './run-record.js';

const HEARTBEAT_MS = 15_000;

/**
 * Streams a run's events as Server-Sent Events: `event: test` (id = test index, data = TestResult)
 * per test, then `event: done` (data = RunResult), then closes. Late subscribers get a replay;
 * a reconnecting EventSource sends Last-Event-ID and gets only the tests after it.
 * Returns a function that ends the stream (used at shutdown).
 */
export function streamRunEvents(record: RunRecord, res: ServerResponse, lastEventId: string | undefined): () => void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  let ended = false;
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  let unsubscribe: () => void = () => {};
  const end = (): void => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  };
  res.on('close', end);

  const send = (event: RunEvent): void => {
    if (ended) return;
    if (event.type === 'test') {
      res.write(`event: test\nid: ${event.index}\ndata: ${JSON.stringify(event.result)}\n\n`);
    } else {
      res.write(`event: done\ndata: ${JSON.stringify(event.result)}\n\n`);
      // Let the write flush before ending (end() after write keeps order).
      end();
    }
  };
  const after = lastEventId !== undefined && /^\d+$/.test(lastEventId) ? Number(lastEventId) : -1;
  unsubscribe = record.subscribe(send, after);
  if (ended) unsubscribe();
  return end;
}
