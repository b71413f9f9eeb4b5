/** Reading a Server-Sent Events response body (eventsource-parser), for the judge and marketplace clients. */
import { createParser } from 'eventsource-parser';

export interface SseMessage {
  event?: string | undefined;
  id?: string | undefined;
  data: string;
}

/** The messages of an SSE body, as they arrive; ends quietly when the connection drops (callers resume from the last id). */
export async function* sseMessages(body: Response['body'], signal?: AbortSignal): AsyncGenerator<SseMessage> {
  if (!body) return;
  const queue: SseMessage[] = [];
  const parser = createParser({ onEvent: (message) => queue.push(message) });
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const onAbort = (): void => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch {
        return;
      }
      if (chunk.done) return;
      parser.feed(chunk.value);
      while (queue.length) yield queue.shift()!;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    void reader.cancel().catch(() => {});
  }
}
