/**
 * `<duet-signals>`: the live proctor-lite signals of an interview room, for interviewers and
 * observers (never candidates: the pad does not create it for them). Each signal shows its evidence
 * and is worded as a lead to talk about, not a verdict.
 */
import { css, html, LitElement, nothing } from 'lit';
import { formatDuration, parseRoomEvent, SIGNALS_NOTICE, type RoomEvent } from '@duet/sdk/metrics';
import type * as Y from 'yjs';

type Shown = Extract<RoomEvent, { type: 'paste' | 'focus' | 'bulk-insert' }>;
const SHOWN = new Set(['paste', 'focus', 'bulk-insert']);
const MAX_SHOWN_TEXT = 2000;

export class DuetSignals extends LitElement {
  static override properties = { signals: { state: true } };
  static override styles = css`
    :host { display: block; font-size: 13px; }
    h3 { margin: 0 0 4px; font-size: 14px; }
    .notice { color: var(--duet-muted, #59636e); margin: 0 0 8px; font-size: 12px; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    li { border: 1px solid var(--duet-border, #d1d9e0); border-left: 3px solid var(--duet-accent, #2563eb); border-radius: 4px; padding: 6px 8px; }
    li[data-kind='focus'] { border-left-color: #d97706; }
    li[data-kind='bulk-insert'] { border-left-color: #7c3aed; }
    .head { display: flex; gap: 8px; justify-content: space-between; font-weight: 600; }
    time { color: var(--duet-muted, #59636e); font-weight: 400; font-variant-numeric: tabular-nums; }
    .why { margin: 2px 0; color: var(--duet-muted, #59636e); }
    pre { margin: 4px 0 0; padding: 4px 6px; max-height: 8em; overflow: auto; background: var(--duet-surface, #f6f7f9); border-radius: 4px; font: 12px/1.4 var(--duet-mono, ui-monospace, monospace); white-space: pre-wrap; }
    .empty { color: var(--duet-muted, #59636e); }
  `;

  declare private signals: Array<Shown & { index: number }>;
  /** The room's `events` array. */
  events: Y.Array<unknown> | undefined;
  /** The room's code (where a paste landed, for the evidence). */
  code: Y.Text | undefined;
  /** A participant's display name. */
  nameOf: (user: string) => string = (user) => user;
  private unobserve: (() => void) | undefined;

  constructor() {
    super();
    this.signals = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const events = this.events;
    if (!events) return;
    const read = () => {
      this.signals = events
        .toArray()
        .map((value, index) => ({ event: parseRoomEvent(value), index }))
        .filter((x): x is { event: Shown; index: number } => !!x.event && SHOWN.has(x.event.type))
        .map(({ event, index }) => ({ ...event, index }))
        .reverse();
    };
    read();
    events.observe(read);
    this.unobserve = () => events.unobserve(read);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unobserve?.();
    this.unobserve = undefined;
  }

  protected override render() {
    return html`
      <h3 id="signals-title">Signals (live)</h3>
      <p class="notice">${SIGNALS_NOTICE} The candidate does not see this pane.</p>
      ${this.signals.length === 0
        ? html`<p class="empty">No signals so far.</p>`
        : html`<ol aria-labelledby="signals-title">${this.signals.map((s) => this.card(s))}</ol>`}
    `;
  }

  private card(signal: Shown & { index: number }) {
    const who = this.nameOf(signal.user);
    const time = (iso: string) => new Date(iso).toLocaleTimeString();
    if (signal.type === 'paste') {
      const shown = signal.text.length > MAX_SHOWN_TEXT ? `${signal.text.slice(0, MAX_SHOWN_TEXT)}… (${signal.text.length - MAX_SHOWN_TEXT} more characters)` : signal.text;
      return html`<li data-kind="paste" data-signal="paste">
        <div class="head"><span>${who} pasted ${signal.size} characters</span><time>${time(signal.at)}</time></div>
        <p class="why">
          At line ${this.lineAt(signal.range.from)}${signal.range.to > signal.range.from ? `, replacing ${signal.range.to - signal.range.from} characters` : ''}.
          ${signal.copiedInRoom ? 'The editor reports the text was copied inside this room (a hint, not confirmed).' : 'The editor did not see this text copied in this room: it came from outside the editor (another window, the statement, the candidate’s own notes) — worth asking about.'}
        </p>
        <pre part="signal-evidence">${shown}${signal.truncated ? '\n… (the editor cut the recorded text)' : ''}</pre>
      </li>`;
    }
    if (signal.type === 'focus') {
      return html`<li data-kind="focus" data-signal="focus">
        <div class="head"><span>${who}: ${signal.kind === 'hidden' ? 'tab hidden' : 'window lost focus'} for ${signal.durationMs < 1000 ? 'under a second' : formatDuration(signal.durationMs)}</span><time>${time(signal.start)}</time></div>
        <p class="why">From ${time(signal.start)} to ${time(signal.end)} (${signal.durationMs} ms). Also what reading the statement elsewhere, a notification or a second screen looks like.</p>
      </li>`;
    }
    return html`<li data-kind="bulk-insert" data-signal="bulk-insert">
      <div class="head"><span>${who}: ${signal.size} characters inserted at once</span><time>${time(signal.at)}</time></div>
      <p class="why">At line ${this.lineAt(signal.range.from)}, neither pasted nor typed (drag and drop, an extension, or an editor feature).</p>
    </li>`;
  }

  private lineAt(offset: number): number | typeof nothing {
    const code = this.code?.toString();
    if (code === undefined) return nothing;
    return code.slice(0, Math.min(offset, code.length)).split('\n').length;
  }
}
