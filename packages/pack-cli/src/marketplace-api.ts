import { duetErrorFromApi, PUBLISH_PATH, type ApiErrorData, type PublishJobView, type WhoamiView } from '@duet/sdk/api';
import { DuetError } from '@duet/sdk/run';

/** The few marketplace calls `duet-pack` makes (login, publish), over fetch. */
export interface MarketplaceApi {
  whoami(): Promise<WhoamiView>;
  /** Uploads a tarball in chunks, reporting bytes sent; answers the accepted publish job. */
  publish(tarball: Uint8Array, options: { tag?: string; onProgress?: (sent: number, total: number) => void }): Promise<PublishJobView>;
  publishJob(id: string): Promise<PublishJobView>;
}

const CHUNK = 64 * 1024;

export function marketplaceApi(registry: string, token: string | null): MarketplaceApi {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${registry}${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
    } catch (error) {
      throw new DuetError('NETWORK', `cannot reach the marketplace at ${registry}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new DuetError('NETWORK', `${registry} answered ${response.status} with something that is not the marketplace API`);
    }
    if (!response.ok) {
      const { message, code, data } = body as { message?: string; code?: string; data?: ApiErrorData & { issues?: Array<{ file?: string; field?: string; message: string }> } };
      const error = duetErrorFromApi(message ?? `HTTP ${response.status}`, data, code);
      throw Object.assign(error, { issues: data?.issues ?? [] });
    }
    return body as T;
  };
  return {
    whoami: () => call<WhoamiView>('/api/v1/whoami'),
    publish(tarball, options) {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= tarball.byteLength) {
            controller.close();
            return;
          }
          const chunk = tarball.subarray(sent, Math.min(sent + CHUNK, tarball.byteLength));
          sent += chunk.byteLength;
          controller.enqueue(chunk);
          options.onProgress?.(sent, tarball.byteLength);
        },
      });
      const query = options.tag ? `?tag=${encodeURIComponent(options.tag)}` : '';
      return call<PublishJobView>(`${PUBLISH_PATH}${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/gzip', 'content-length': String(tarball.byteLength) },
        body,
        duplex: 'half',
      } as RequestInit);
    },
    publishJob: (id) => call<PublishJobView>(`/api/v1/publishes/${encodeURIComponent(id)}`),
  };
}

/** Issues a refusal carried (pack validation on the server). */
export function issuesOf(error: unknown): Array<{ file?: string; field?: string; message: string }> {
  return (error as { issues?: Array<{ file?: string; field?: string; message: string }> }).issues ?? [];
}
