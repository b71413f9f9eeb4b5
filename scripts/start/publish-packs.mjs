/**
 * Publishes every pack under `packs/` into the dev marketplace with `duet-pack publish`, skipping a
 * version the marketplace already has (so a second `npm start` is instant).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {{ root: string, packsDir: string, registry: string, log: (line: string) => void }} opts */
export async function publishPacks({ root, packsDir, registry, log }) {
  const dirs = readdirSync(packsDir, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(packsDir, d.name, 'pack.yaml')));
  for (const dir of dirs) {
    const manifest = readFileSync(join(packsDir, dir.name, 'pack.yaml'), 'utf8');
    const name = /^name:\s*['"]?([^'"\s]+)/m.exec(manifest)?.[1];
    const version = /^version:\s*['"]?([^'"\s]+)/m.exec(manifest)?.[1];
    if (!name || !version) throw new Error(`${join(packsDir, dir.name)}/pack.yaml: no name or version`);
    if (await hasVersion(registry, name, version)) {
      log(`${name}@${version} is already published`);
      continue;
    }
    log(`publishing ${name}@${version} (judges every submission once; later starts skip this)…`);
    await run(process.execPath, [join(root, 'packages/pack-cli/dist/bin.js'), 'publish', join(packsDir, dir.name), '--registry', registry], log);
    log(`${name}@${version} published`);
  }
}

async function hasVersion(/** @type {string} */ registry, /** @type {string} */ name, /** @type {string} */ version) {
  const [scope, pack] = name.replace(/^@/, '').split('/');
  const response = await fetch(`${registry}/api/v1/packs/${scope}/${pack}/versions`);
  if (response.status === 404) return false;
  if (!response.ok) throw new Error(`${registry} answered ${response.status} for ${name}'s versions`);
  const body = /** @type {{ versions: { version: string }[] }} */ (await response.json());
  return body.versions.some((v) => v.version === version);
}

function run(/** @type {string} */ command, /** @type {string[]} */ args, /** @type {(line: string) => void} */ log) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (chunk) => (tail = (tail + chunk).slice(-4000)));
    child.stdout.on('data', (chunk) => String(chunk).split('\n').filter(Boolean).forEach((line) => log(line)));
    child.on('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`duet-pack publish exited ${code}: ${tail.trim().split('\n').slice(-3).join(' / ')}`))));
  });
}
