import type { PublishJobView } from '@duet/sdk/api';
import { createPackTarball, formatBytes, formatIssue, loadPack, testProblem, type LoadedPack, type PackTarball } from '@duet/sdk/pack';
import { isDuetError } from '@duet/sdk/run';
import type { CommandContext } from '../context.js';
import { tokenFor } from '../credentials.js';
import { EXIT_CODES, ExitError, type ExitCode } from '../exit-error.js';
import { openJudgeSession } from '../judge-session.js';
import { issuesOf, marketplaceApi, type MarketplaceApi } from '../marketplace-api.js';
import { createProgress, type Progress } from '../progress.js';
import { progressBar } from '../progress-bar.js';
import { registryFor } from './registry.js';

export interface PublishOptions {
  tag?: string;
  dryRun?: boolean;
  registry?: string;
  json?: boolean;
}

const POLL_MS = 500;
/** A publish the marketplace has not finished judging by then is reported, not waited on forever. */
const MAX_WAIT_MS = 60 * 60_000;

/**
 * `duet-pack publish [dir] [--tag T] [--dry-run]`: validate, judge every submission (as the
 * marketplace will again), build the deterministic tarball, upload it with a progress bar, follow
 * the marketplace's own checks, and print the version with its integrity.
 */
export async function publishCommand(context: CommandContext, dir: string, options: PublishOptions): Promise<ExitCode> {
  const pack = await loadPack(context.path(dir));
  const label = `${pack.manifest.name}@${pack.manifest.version}`;
  const progress = createProgress(context.io);
  if (!(await submissionsMeetExpectations(context, pack, progress))) return EXIT_CODES.checkFailed;
  const tarball = await createPackTarball(pack);
  const summary = { name: pack.manifest.name, version: pack.manifest.version, integrity: tarball.integrity, size: tarball.bytes.byteLength, files: tarball.files.length };
  if (options.dryRun) {
    if (options.json) context.out(`${JSON.stringify({ ...summary, dryRun: true }, null, 2)}\n`);
    else context.out(`${tarballText(label, tarball)}dry run: nothing uploaded\n`);
    return EXIT_CODES.ok;
  }

  const registry = registryFor(context, options.registry);
  const api = marketplaceApi(registry, await tokenFor(context.env, registry));
  const accepted = await refusalsAsExit(
    api.publish(tarball.bytes, { ...(options.tag ? { tag: options.tag } : {}), onProgress: (sent, total) => progress.update(progressBar(`uploading ${label}`, sent, total)) }),
    registry,
  );
  const job = await follow(api, accepted, progress, label, registry);
  progress.clear();
  if (job.state !== 'published') {
    const error = job.error;
    const issues = (error?.issues ?? []).map((issue) => `  ${formatIssue(issue)}`).join('\n');
    throw new ExitError(
      error?.code === 'PACK_INVALID' ? EXIT_CODES.checkFailed : EXIT_CODES.internal,
      `${registry} did not publish ${label}: ${error?.message ?? 'unknown failure'}${issues ? `\n${issues}` : ''}`,
    );
  }
  if (options.json) context.out(`${JSON.stringify({ ...summary, tag: job.tag, registry, job: job.id }, null, 2)}\n`);
  else context.out(`${tarballText(label, tarball)}+ ${label}${job.tag ? ` (tag ${job.tag})` : ''} published to ${registry}\n`);
  return EXIT_CODES.ok;
}

/** The same checks `duet-pack test` runs (without the complexity probe, as the marketplace judges). */
async function submissionsMeetExpectations(context: CommandContext, pack: LoadedPack, progress: Progress): Promise<boolean> {
  const session = await openJudgeSession();
  const mismatches: string[] = [];
  for (const problem of pack.problems) {
    const outcome = await testProblem(problem, session, { complexity: false, onProgress: (text) => progress.update(text) });
    for (const s of outcome.submissions) {
      if (s.status === 'mismatch') mismatches.push(`  problems/${problem.id}/submissions/${s.name}: expected ${s.expected}, got ${s.got ?? 'nothing'}${s.note ? ` (${s.note})` : ''}`);
    }
  }
  progress.clear();
  if (mismatches.length === 0) return true;
  context.io.stderr.write(`duet-pack: not publishing: ${mismatches.length} submission(s) do not get the verdict of their folder (see \`duet-pack test\`):\n${mismatches.join('\n')}\n`);
  return false;
}

function tarballText(label: string, tarball: PackTarball): string {
  return `${label}: ${tarball.files.length} files, ${formatBytes(tarball.bytes.byteLength)} (${formatBytes(tarball.unpackedBytes)} unpacked)\nintegrity: ${tarball.integrity}\n`;
}

/** Polls the publish job until the marketplace has judged and stored (or refused) the pack. */
async function follow(api: MarketplaceApi, job: PublishJobView, progress: Progress, label: string, registry: string): Promise<PublishJobView> {
  const deadline = Date.now() + MAX_WAIT_MS;
  let current = job;
  while (current.state !== 'published' && current.state !== 'failed') {
    if (Date.now() > deadline) throw new ExitError(EXIT_CODES.internal, `${registry} is still ${current.state} ${label}; see GET /api/v1/publishes/${current.id}`);
    progress.update(`${registry}: ${current.state} ${label}${current.progress ? `: ${current.progress.step}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    current = await refusalsAsExit(api.publishJob(current.id), registry);
  }
  return current;
}

/** A refused request becomes exit 2 (the author's to fix: invalid pack, taken version, no rights) or 3 (unreachable, ours). */
async function refusalsAsExit<T>(promise: Promise<T>, registry: string): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (!isDuetError(error)) throw error;
    if (error.code === 'NETWORK' || error.code === 'INTERNAL' || error.status >= 500) throw new ExitError(EXIT_CODES.internal, error.message);
    const issues = issuesOf(error).map((issue) => `  ${issue.file ? formatIssue({ ...issue, file: issue.file }) : `${issue.field ?? ''}: ${issue.message}`}`);
    const hint = error.code === 'UNAUTHORIZED' ? ` (log in with \`duet-pack login --registry ${registry}\`)` : '';
    throw new ExitError(EXIT_CODES.invalidInput, `${registry} refused the pack: ${error.message}${hint}${issues.length && !error.message.includes('\n') ? `\n${issues.join('\n')}` : ''}`);
  }
}
