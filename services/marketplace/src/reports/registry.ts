/**
 * The report service of a running marketplace. Kept beside `Services` rather than in it so the
 * rooms module can attach its own (with its RoomLookup) at start without editing shared wiring;
 * without one, a default serves stored reports and builds none.
 */
import type { Services } from '../services.js';
import { collabConfigFrom, createCollabClient } from './collab-client.js';
import { createReportService, type ReportService, type RoomLookup } from './report-service.js';
import { createShareLinkSigner, loadShareLinkSecret } from './share-link.js';

const attached = new WeakMap<Services, Promise<ReportService>>();

export function attachReportService(services: Services, service: ReportService | Promise<ReportService>): void {
  attached.set(services, Promise.resolve(service));
}

/** The standard service: COLLAB_URL/COLLAB_SECRET and DUET_REPORT_LINK_SECRET from the environment. */
export async function defaultReportService(services: Services, rooms: RoomLookup | null = null, env: Record<string, string | undefined> = process.env): Promise<ReportService> {
  const collab = collabConfigFrom(env);
  const secret = await loadShareLinkSecret({ env, dataDir: services.config.dataDir, production: services.config.production });
  return createReportService({ prisma: services.prisma, links: createShareLinkSigner(secret), collab: collab ? createCollabClient(collab) : null, rooms });
}

export function reportServiceOf(services: Services): Promise<ReportService> {
  let service = attached.get(services);
  if (!service) {
    service = defaultReportService(services);
    attached.set(services, service);
    service.catch(() => attached.delete(services)); // a configuration error is not remembered: fix and retry
  }
  return service;
}
