/**
 * `<duet-replay>`: the room's timeline replayed (issue 10), for tokens with the `report`
 * permission. Fetches `GET <collab>/v1/rooms/<room>/timeline` with the room token, replays it with
 * `createReplay` / `createPlayback` from `@duet/sdk/metrics`: play and pause, 1×–32×, skipping idle
 * stretches, a slider, a list of moments to jump to (runs, verdicts, pastes, focus losses, bulk
 * inserts), and the code as it was then with each participant's characters in their colour.
 */
import { css, html, LitElement, nothing } from 'lit';
import { authorRuns, codeDiff, consecutiveDiffs, createPlayback, createReplay, detectSignals, runsOf, signalJumpPoints, type CodeDiff, type JumpPoint, type Playback, type Replay, type ReplayFrame } from '@duet/sdk/metrics';

const SPEEDS = [1, 2, 4, 8, 16, 32];
const JUMP_KINDS = new Set(['run', 'verdict', 'paste', 'focus-loss', 'bulk-insert']);

export class DuetReplay extends LitElement {
  static override properties = {
    state: { state: true },
    frame: { state: true },
    playing: { state: true },
    speed: { state: true },
    skipIdle: { state: true },
  };
  static override styles = css`
    :host { display: block; font-size: 13px; }
    .bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
    input[type='range'] { flex: 1 1 240px; }
    button, select { font: inherit; padding: 3px 10px; border-radius: var(--duet-radius, 6px); border: 1px solid var(--duet-border, #d1d9e0); background: var(--duet-surface, #f6f7f9); color: var(--duet-fg, #1f2328); }
    .clock { font-variant-numeric: tabular-nums; font-family: var(--duet-mono, ui-monospace, monospace); }
    .layout { display: grid; grid-template-columns: minmax(180px, 1fr) 3fr; gap: 12px; }
    @media (max-width: 640px) { .layout { grid-template-columns: 1fr; } }
    ol { list-style: none; margin: 0; padding: 0; max-height: 360px; overflow: auto; }
    li button { width: 100%; text-align: left; border: none; background: none; padding: 2px 4px; }
    li button:hover, li button[aria-current='true'] { background: var(--duet-surface, #f6f7f9); }
    .kind { display: inline-block; min-width: 5.5em; color: var(--duet-muted, #59636e); }
    pre { margin: 0; padding: 8px; min-height: 200px; max-height: 360px; overflow: auto; background: var(--duet-bg, #fff); border: 1px solid var(--duet-border, #d1d9e0); border-radius: 4px; font: 12.5px/1.5 var(--duet-mono, ui-monospace, monospace); white-space: pre; }
    pre span { border-radius: 2px; }
    .legend { display: flex; gap: 10px; flex-wrap: wrap; margin: 6px 0 0; padding: 0; list-style: none; }
    .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
    .muted { color: var(--duet-muted, #59636e); }
    .error { color: var(--duet-fail, #cf222e); }
    .diffs { margin-top: 10px; }
    .diffs summary { cursor: pointer; }
    .diffs pre { min-height: 0; max-height: 260px; }
    .add { color: var(--duet-pass, #1a7f37); }
    .del { color: var(--duet-fail, #cf222e); }
  `;

  /** The collaboration service's base URL (ws:// or http://). */
  collab = '';
  room = '';
  token = '';
  /** The problem's starter code (its one-change arrival is no signal). */
  starterCode = '';
  /** A participant's colour, as the editor shows them. */
  colorOf: (user: string) => string = () => '#3b82f6';
  nameOf: (user: string) => string | undefined = () => undefined;

  declare private state: { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; replay: Replay; jumps: JumpPoint[]; diffs: CodeDiff[] };
  declare private frame: ReplayFrame | undefined;
  declare private playing: boolean;
  declare private speed: number;
  declare private skipIdle: boolean;
  /** The last seek's duration (ms), shown and exposed for the benchmark and tests. */
  lastSeekMs = 0;
  private playback: Playback | undefined;
  private playbackKey = '';
  private raf = 0;

  constructor() {
    super();
    this.state = { kind: 'loading' };
    this.playing = false;
    this.speed = 8;
    this.skipIdle = true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.raf);
    this.playing = false;
  }

  /** Fetches the timeline again (the room goes on while the panel is open). */
  async load(): Promise<void> {
    try {
      const base = this.collab.replace(/^ws(s?):/, 'http$1:').replace(/\/$/, '');
      const response = await fetch(`${base}/v1/rooms/${encodeURIComponent(this.room)}/timeline`, { headers: { authorization: `Bearer ${this.token}` } });
      if (!response.ok) throw new Error(`the timeline could not be read (HTTP ${response.status})`);
      const replay = createReplay((await response.json()) as Parameters<typeof createReplay>[0]);
      const signals = detectSignals(replay, { maxCodeEvidence: 0 });
      // The starter code arrives in one change, seeded by whoever joined first: say so rather than call it a bulk insert.
      const starter = this.starterCode.replace(/\r\n?/g, '\n');
      const seeded = new Set(signals.signals.filter((s) => s.kind === 'bulk-insert' && starter && s.evidence.text === starter.slice(0, s.evidence.text?.length ?? 0) && s.evidence.size === starter.length).map((s) => s.index));
      const jumps = signalJumpPoints(replay, signals)
        .filter((p) => JUMP_KINDS.has(p.kind))
        .map((p) => (p.kind === 'bulk-insert' && seeded.has(p.index) ? { ...p, label: 'starter code loaded' } : p));
      this.state = { kind: 'ready', replay, jumps, diffs: runDiffs(replay) };
      this.playback = undefined;
      this.seek({ index: replay.records.length - 1 });
    } catch (error) {
      this.state = { kind: 'error', message: (error as Error).message };
    }
  }

  /** Shows the code as of a time (epoch ms) or an update index. */
  seek(target: { time: number } | { index: number }): ReplayFrame | undefined {
    if (this.state.kind !== 'ready') return undefined;
    const started = performance.now();
    const frame = this.state.replay.seek(target);
    this.lastSeekMs = performance.now() - started;
    this.frame = 'time' in target ? { ...frame, at: Math.max(frame.at, Math.min(target.time, this.state.replay.end)) } : frame;
    return frame;
  }

  private currentPlayback(): Playback | undefined {
    if (this.state.kind !== 'ready') return undefined;
    const key = `${this.speed} ${this.skipIdle}`;
    if (!this.playback || this.playbackKey !== key) {
      this.playbackKey = key;
      this.playback = createPlayback(this.state.replay.records.map((r) => r.at), { speed: this.speed, skipIdle: this.skipIdle });
    }
    return this.playback;
  }

  private toggle(): void {
    if (this.playing) {
      this.playing = false;
      cancelAnimationFrame(this.raf);
      return;
    }
    const playback = this.currentPlayback();
    if (!playback || this.state.kind !== 'ready') return;
    const atEnd = !this.frame || this.frame.at >= this.state.replay.end;
    let wall = atEnd ? 0 : playback.wallTimeAt(this.frame!.at);
    let last = performance.now();
    this.playing = true;
    const tick = (now: number) => {
      if (!this.playing || this.state.kind !== 'ready') return;
      wall += now - last;
      last = now;
      const time = playback.sessionTimeAt(wall);
      const index = this.state.replay.indexAt(time);
      if (index !== this.frame?.index) this.seek({ time });
      else if (this.frame) this.frame = { ...this.frame, at: time };
      if (wall >= playback.duration) this.playing = false;
      else this.raf = requestAnimationFrame(tick);
    };
    this.raf = requestAnimationFrame(tick);
  }

  private restartIfPlaying(): void {
    this.playback = undefined;
    if (this.playing) {
      this.toggle();
      this.toggle();
    }
  }

  protected override render() {
    if (this.state.kind === 'loading') return html`<p class="muted">Loading the timeline…</p>`;
    if (this.state.kind === 'error') return html`<p class="error" role="alert">${this.state.message}</p>`;
    const { replay, jumps } = this.state;
    const frame = this.frame;
    const start = replay.start;
    const at = frame?.at ?? start;
    const clock = (ms: number) => {
      const s = Math.max(0, Math.round((ms - start) / 1000));
      return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    };
    const authors = [...new Set((frame?.authorship ?? []).map((s) => s.author))];
    return html`
      <div class="bar" part="replay-controls">
        <button @click=${() => this.toggle()} aria-label=${this.playing ? 'Pause' : 'Play'}>${this.playing ? '❚❚ Pause' : '▶ Play'}</button>
        <label>Speed
          <select aria-label="Playback speed" @change=${(e: Event) => ((this.speed = Number((e.target as HTMLSelectElement).value)), this.restartIfPlaying())}>
            ${SPEEDS.map((s) => html`<option value=${s} ?selected=${s === this.speed}>${s}×</option>`)}
          </select>
        </label>
        <label><input type="checkbox" .checked=${this.skipIdle} @change=${(e: Event) => ((this.skipIdle = (e.target as HTMLInputElement).checked), this.restartIfPlaying())} /> Skip idle stretches</label>
        <input
          type="range"
          aria-label="Position in the session"
          min="0"
          max=${Math.max(0, replay.end - start)}
          .value=${String(Math.round(at - start))}
          @input=${(e: Event) => this.seek({ time: start + Number((e.target as HTMLInputElement).value) })}
        />
        <span class="clock" part="replay-clock">${clock(at)} / ${clock(replay.end)}</span>
        <button @click=${() => void this.load()}>Refresh</button>
      </div>
      <div class="layout">
        <nav aria-label="Moments">
          <ol>
            ${jumps.length === 0 ? html`<li class="muted">No runs, pastes or focus losses yet.</li>` : nothing}
            ${jumps.map(
              (j) => html`<li>
                <button data-jump=${j.kind} aria-current=${frame?.index === j.index ? 'true' : 'false'} @click=${() => this.seek({ index: j.index })}>
                  <span class="kind">${clock(j.at)}</span> ${j.label}${j.event && 'user' in j.event && j.event.user ? ` — ${this.nameOf(j.event.user) ?? j.event.user}` : ''}
                </button>
              </li>`,
            )}
          </ol>
        </nav>
        <div>
          <pre part="replay-code" aria-label="The code at this moment" data-index=${frame?.index ?? -1}>${this.colouredCode(frame)}</pre>
          <ul class="legend" aria-label="Authors">
            ${authors.map((a) => html`<li><span class="swatch" style="background:${this.colorOf(a)}"></span>${this.nameOf(a) ?? (a === 'duet' ? 'starter code' : a)}</li>`)}
          </ul>
          <p class="muted">Seek: ${this.lastSeekMs.toFixed(1)} ms · update ${(frame?.index ?? -1) + 1} of ${replay.records.length}</p>
          ${this.diffList(this.state.diffs)}
        </div>
      </div>
    `;
  }

  /** What changed from one run to the next, and from the first run to the code now. */
  private diffList(diffs: CodeDiff[]) {
    if (diffs.length === 0) return nothing;
    return html`<section class="diffs" part="replay-diffs" aria-label="Diffs between runs">
      ${diffs.map(
        (d) => html`<details>
          <summary>${d.from} → ${d.to} <span class="add">+${d.added}</span> <span class="del">−${d.removed}</span></summary>
          <pre>${d.unified.split('\n').map((line) => html`<span class=${line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : ''}>${line}</span>\n`)}</pre>
        </details>`,
      )}
    </section>`;
  }

  private colouredCode(frame: ReplayFrame | undefined) {
    if (!frame) return nothing;
    if (!frame.code) return html`<span class="muted">(empty)</span>`;
    // One element per stretch by one author (typing makes one span per keystroke).
    return authorRuns(frame.authorship).map((span) => {
      const color = this.colorOf(span.author);
      return html`<span data-author=${span.author} style="background:${color}2e;box-shadow:inset 0 -2px 0 ${color}" title=${this.nameOf(span.author) ?? span.author}>${frame.code.slice(span.from, span.to)}</span>`;
    });
  }
}

/** Unified diffs between consecutive runs' code, then from the first run to the code at the end. */
function runDiffs(replay: Replay): CodeDiff[] {
  const runs = runsOf(replay);
  if (runs.length === 0) return [];
  const label = (run: (typeof runs)[number], i: number) => `run ${i + 1} (${run.kind}${run.verdict ? `, ${run.verdict}` : ''})`;
  const diffs = consecutiveDiffs(runs.map((run, i) => ({ label: label(run, i), code: run.code })));
  const final = replay.seek({ index: replay.records.length - 1 }).code;
  if (final !== runs[0]!.code) diffs.push(codeDiff(runs[0]!.code, final, { from: label(runs[0]!, 0), to: 'final code' }));
  return diffs;
}
