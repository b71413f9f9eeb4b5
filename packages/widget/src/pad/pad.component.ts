import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { signalPolicy, type SignalPolicy } from './signal-policy.js';
import { roomsClient, type RoomsClient } from '../api/rooms-client.js';
import { trpcHttp } from '../api/trpc-http.js';
import { participantColor } from '../collab/participant-colors.js';
import type { RoomMode, RoomView, RunKind } from '../api/types.js';
import { type ConnectionStatus, type Participant, RoomConnection } from '../collab/room-connection.js';
import { seedCode } from '../collab/seed-code.js';
import { readTokenIdentity, type TokenIdentity } from '../collab/token-claims.js';
import type { CodeEditor } from '../editor/editor-module.js';
import { loadEditor } from '../editor/load-editor.js';
import { remoteCursorStyles } from '../editor/remote-cursor-styles.js';
import { formatRemaining } from '../panes/countdown.js';
import { bindTextarea } from '../panes/notes-binding.js';
import { loadStaff } from '../staff/load-staff.js';
import { problemPane } from '../panes/problem-pane.js';
import { resultsPane } from '../panes/results-pane.js';
import { DeadlineClock } from './deadline-clock.js';
import { duetEvent } from './events.js';
import { padStyles } from './pad.styles.js';
import { type RoomResultEvent, type RoomRunEvent, RunTracker } from './run-tracker.js';

const darkScheme = () => matchMedia('(prefers-color-scheme: dark)');
const TIMED_MODES: ReadonlySet<RoomMode> = new Set(['interview', 'assessment']);
const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Joining…',
  synced: 'Connected',
  disconnected: 'Offline, reconnecting…',
  refused: 'Refused',
};

/**
 * `<duet-pad>`: two people, one editor, live runs. Joins a Duet room with a room token: the problem,
 * a shared Monaco editor (loaded lazily, after first paint), Run / Submit / custom input against the
 * marketplace, the results both participants see, a timer in timed modes, and private notes for
 * interviewers. In interview and assessment rooms the editor records proctor-lite signals (pastes,
 * focus losses, bulk inserts, typing summaries: docs/room-protocol.md §7); interviewers see them
 * live in interview mode, candidates never; an assessment's candidate acknowledges a recording
 * notice before editing. Tokens with the `report` permission get the replay scrubber and
 * "Download report" (both load lazily).
 *
 * The editor lives in the element's light DOM (a container it adds to itself, slotted into its
 * shadow root): Monaco's stylesheet and its caret and selection handling only work there.
 *
 * Keyboard: Ctrl+Enter runs the samples, Ctrl+Shift+Enter submits; in the editor Tab inserts
 * indentation until Ctrl+M (Cmd+M … on macOS: Ctrl+M) makes it move focus instead.
 *
 * @summary The embeddable Duet pair-programming pad.
 *
 * @event {CustomEvent<DuetReadyDetail>} duet-ready - The editor is loaded and in sync with the room.
 * @event {CustomEvent<DuetRunDetail>} duet-run - This participant started a run (or the assessment timer submitted).
 * @event {CustomEvent<DuetResultDetail>} duet-result - A run shown in the pad finished with a result.
 * @event {CustomEvent<DuetEndDetail>} duet-end - The room ended, or a timed mode's time ran out.
 *
 * @slot editor - Reserved: the pad puts its editor here.
 *
 * @csspart header - The bar with the title, connection status, participants and timer.
 * @csspart status - The connection status.
 * @csspart participants - The list of participants, each in their colour.
 * @csspart timer - The countdown of timed modes.
 * @csspart problem - The problem pane.
 * @csspart problem-title - The problem's title.
 * @csspart limits - The time and memory limits line.
 * @csspart statement - The rendered statement.
 * @csspart sample - One sample (input and output).
 * @csspart editor - The frame around the editor.
 * @csspart actions - The Run / Submit / custom input bar.
 * @csspart run-button - The Run button.
 * @csspart submit-button - The Submit button.
 * @csspart results - The results pane.
 * @csspart run-summary - The verdict line of the run shown.
 * @csspart tests - The per-test table.
 * @csspart verdict - A verdict badge.
 * @csspart test-output - A test's output and diff.
 * @csspart complexity - The measured complexity classes.
 * @csspart complexity-chart - The chart of the probe's time measurements and the fitted curve.
 * @csspart notes - The interviewer's notes pane.
 * @csspart signals - The live proctor-lite signals (interviewers and observers in interview mode; never candidates).
 * @csspart recording-notice - Assessment mode: the notice the candidate acknowledges before editing.
 * @csspart acknowledge-button - The notice's button.
 * @csspart replay-button - Shows the replay scrubber (tokens with the `report` permission).
 * @csspart report-button - "Download report": opens the report's signed link (tokens with `report`).
 * @csspart replay - The replay scrubber's section.
 *
 * @cssprop [--duet-bg=#ffffff] - Background.
 * @cssprop [--duet-surface=#f6f7f9] - Background of bars, code blocks and buttons.
 * @cssprop [--duet-fg=#1f2328] - Text colour.
 * @cssprop [--duet-muted=#59636e] - Secondary text.
 * @cssprop [--duet-border=#d1d9e0] - Borders.
 * @cssprop [--duet-accent=#2563eb] - The primary button and focus rings.
 * @cssprop [--duet-accent-fg=#ffffff] - Text on the accent colour.
 * @cssprop [--duet-pass=#1a7f37] - Accepted verdicts.
 * @cssprop [--duet-fail=#cf222e] - Failing verdicts and errors.
 * @cssprop [--duet-font=system-ui] - UI font.
 * @cssprop [--duet-mono=ui-monospace] - Code font.
 * @cssprop [--duet-radius=6px] - Corner radius.
 * @cssprop [--duet-editor-height=420px] - Height of the editor.
 */
export class DuetPad extends LitElement {
  static override styles = padStyles;

  // Reactive properties are declared here rather than with decorators: plain fields would shadow
  // Lit's accessors under standard class-field semantics.
  static override properties = {
    room: { reflect: true },
    token: {},
    api: {},
    collab: {},
    mode: { reflect: true },
    theme: { reflect: true },
    roomView: { state: true },
    renderedStatement: { state: true },
    status: { state: true },
    statusDetail: { state: true },
    participants: { state: true },
    editorLoaded: { state: true },
    remaining: { state: true },
    ended: { state: true },
    busy: { state: true },
    showCustom: { state: true },
    error: { state: true },
    acknowledged: { state: true },
    staffReady: { state: true },
    showReplay: { state: true },
    reportStatus: { state: true },
  };

  /** The room id (`rooms.create` answers it). */
  declare room: string;
  /** The participant's room token (`rooms.token`): who they are, their role and permissions. */
  declare token: string;
  /** The marketplace's base URL; the pad calls its tRPC API at `<api>/trpc`. */
  declare api: string;
  /** The collaboration service's WebSocket URL; defaults to the one the room names. */
  declare collab: string;
  /** Overrides the room's mode for display: `practice`, `pair`, `interview` or `assessment`. */
  declare mode: RoomMode | '';
  /** `light` (default), `dark`, or `auto` (follows the OS). */
  declare theme: 'light' | 'dark' | 'auto';

  declare private roomView: RoomView | undefined;
  declare private renderedStatement: string | undefined;
  declare private status: ConnectionStatus;
  declare private statusDetail: string;
  declare private participants: Participant[];
  declare private editorLoaded: boolean;
  declare private remaining: number | undefined;
  declare private ended: boolean;
  declare private busy: boolean;
  declare private showCustom: boolean;
  declare private error: string;
  /** Assessment mode: the candidate acknowledged that the session is recorded for a report. */
  declare private acknowledged: boolean;
  declare private staffReady: boolean;
  declare private showReplay: boolean;
  declare private reportStatus: string;
  private stopCapture: (() => void) | undefined;

  private identity: TokenIdentity | null = null;
  private rooms: RoomsClient | undefined;
  private connection: RoomConnection | undefined;
  private notes: RoomConnection | undefined;
  private editor: CodeEditor | undefined;
  private runs: RunTracker | undefined;
  private editorHost: HTMLDivElement | undefined;
  private cursorStyles: HTMLStyleElement | undefined;
  private session = 0;
  private clock: DeadlineClock | undefined;
  private unbindNotes: (() => void) | undefined;

  constructor() {
    super();
    this.room = this.token = this.api = this.collab = this.mode = '';
    this.theme = 'light';
    this.status = 'connecting';
    this.statusDetail = this.error = '';
    this.participants = [];
    this.editorLoaded = this.ended = this.busy = this.showCustom = false;
    this.acknowledged = this.staffReady = this.showReplay = false;
    this.reportStatus = '';
  }

  /** The room's own mode (what decides recording; the \`mode\` attribute only changes the display). */
  private get roomMode(): RoomMode {
    return (this.connection?.doc.getMap('meta').get('mode') as RoomMode | undefined) ?? this.roomView?.mode ?? 'pair';
  }

  /** Who records and who sees proctor-lite signals here (issue 10; \`@duet/sdk/metrics\`). */
  private get policy(): SignalPolicy {
    return signalPolicy(this.roomMode, this.identity?.role ?? 'candidate');
  }

  /** Assessment mode: the candidate must acknowledge the recording notice before editing. */
  private get awaitingAcknowledgement(): boolean {
    return !!this.roomView && this.identity?.role === 'candidate' && this.policy.disclose && !this.acknowledged && !this.ended;
  }

  private get mayReport(): boolean {
    return !!this.identity?.perms.includes('report');
  }

  /** The room's mode (the `mode` attribute overrides it for display). */
  get effectiveMode(): RoomMode {
    return this.mode || ((this.connection?.doc.getMap('meta').get('mode') as RoomMode | undefined) ?? this.roomView?.mode ?? 'pair');
  }

  private get readOnly(): boolean {
    return !this.identity?.perms.includes('edit') || this.ended || this.awaitingAcknowledgement;
  }

  private can(permission: 'run' | 'submit'): boolean {
    return !!this.identity?.perms.includes(permission) && !this.ended && !this.awaitingAcknowledgement;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown);
    darkScheme().addEventListener('change', this.onSchemeChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
    darkScheme().removeEventListener('change', this.onSchemeChange);
    this.stop();
  }

  /** `theme="auto"`: Monaco's theme follows the OS as the pad's colours do (through CSS). */
  private readonly onSchemeChange = (): void => {
    if (this.theme === 'auto') this.editor?.setTheme(this.resolvedTheme());
  };

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('room') || changed.has('token') || changed.has('api') || changed.has('collab')) {
      // A new token for the same person keeps the session (the provider sends it on reconnects).
      const next = readTokenIdentity(this.token);
      const sameSession = !changed.has('room') && !changed.has('api') && !changed.has('collab') && this.connection && next?.sub === this.identity?.sub && next?.role === this.identity?.role;
      if (!sameSession) void this.start();
      else this.refreshToken(next!);
    }
    if (changed.has('theme')) this.editor?.setTheme(this.resolvedTheme());
  }

  /** A fresh token for the same participant: sent on the open sessions, which go on (room protocol §4). */
  private refreshToken(identity: TokenIdentity): void {
    this.identity = identity;
    for (const connection of [this.connection, this.notes]) void connection?.provider.sendToken().catch(() => {});
  }

  private resolvedTheme(): 'light' | 'dark' {
    if (this.theme === 'auto') return darkScheme().matches ? 'dark' : 'light';
    return this.theme === 'dark' ? 'dark' : 'light';
  }

  private async start(): Promise<void> {
    this.stop();
    const session = ++this.session;
    if (!this.room || !this.token || !this.api) return;
    this.identity = readTokenIdentity(this.token);
    if (!this.identity) return void (this.error = 'The room token cannot be read.');
    this.error = '';
    this.rooms = roomsClient(this.api, () => this.token);
    this.runs = new RunTracker(this.rooms, () => this.requestUpdate(), (runId, result) => this.dispatchEvent(duetEvent('duet-result', { runId, result })));
    const editorModule = loadEditor(); // in parallel with the room's first answers
    const renderer = import('../panes/statement-html.js');
    try {
      const room = await this.rooms.getRoom(this.room);
      if (session !== this.session) return;
      this.roomView = room;
      void renderer.then(({ statementHtml }) => {
        if (session === this.session) this.renderedStatement = statementHtml(room.statement.markdown, room.statement.title);
      });
      const url = this.collab || room.collab.url;
      if (!url) throw new Error('No collaboration URL: set the `collab` attribute.');
      this.connection = this.connect(url, room.collab.document, true);
      if (this.identity.role === 'interviewer') {
        const notes = (this.notes = this.connect(url, `${room.collab.document}:notes`, false));
        void notes.synced.then(() => this.bindNotes(notes), () => {});
      }
      await this.connection.synced;
      if (session !== this.session) return;
      this.watchRoom(this.connection, room);
      const { createCodeEditor } = await editorModule;
      if (session !== this.session) return;
      this.mountEditor(createCodeEditor, this.connection);
      this.startSignals();
      this.dispatchEvent(duetEvent('duet-ready', { room: this.room, role: this.identity.role, readOnly: this.readOnly }));
    } catch (error) {
      if (session === this.session) this.error = (error as Error).message;
    }
  }

  /**
   * Proctor-lite: capture in recorded modes (after the notice in assessment mode), the live pane for
   * those who see signals, the staff module for those who may see the replay.
   */
  private startSignals(): void {
    const policy = this.policy;
    if (policy.record && !this.readOnly && !this.stopCapture && this.editor && this.connection && this.identity) {
      this.stopCapture = this.editor.captureSignals({ events: this.connection.doc.getArray('events'), user: this.identity.sub });
    }
    if ((policy.live && this.identity?.role !== 'candidate') || this.mayReport) {
      const session = this.session;
      void loadStaff().then(
        () => session === this.session && (this.staffReady = true),
        (error: Error) => (this.error = `The signals and replay could not load: ${error.message}`),
      );
    }
  }

  /** The candidate acknowledged the assessment notice: editing and recording start. */
  private acknowledge(): void {
    this.acknowledged = true;
    this.editor?.setReadOnly(this.readOnly);
    this.startSignals();
    this.editor?.monaco.focus();
  }

  /** "Download report": a signed, expiring link to the room's PDF (marketplace \`reports.shareLink\`), opened in a new tab. */
  private async downloadReport(): Promise<void> {
    // Opened now, in the click: a window opened after an await is a popup browsers block.
    const tab = window.open('', '_blank');
    this.reportStatus = 'Preparing the report link…';
    try {
      const link = await trpcHttp(`${this.api.replace(/\/$/, '')}/trpc`, () => this.token).mutation<{ url: string; expiresAt: string }>('reports.shareLink', { roomId: this.room });
      if (tab) {
        tab.opener = null;
        tab.location.href = link.url;
      } else window.location.assign(link.url);
      this.reportStatus = `Report link opened (valid until ${new Date(link.expiresAt).toLocaleString()}).`;
    } catch (error) {
      tab?.close();
      this.reportStatus = `No report: ${(error as Error).message}`;
    }
  }

  private connect(url: string, document: string, presence: boolean): RoomConnection {
    return new RoomConnection({
      url,
      document,
      token: () => this.token,
      identity: this.identity!,
      onStatus: (status, detail) => {
        if (!presence) return;
        this.status = status;
        this.statusDetail = detail ?? '';
      },
      ...(presence ? { onParticipants: (participants: Participant[]) => this.showParticipants(participants) } : {}),
    });
  }

  private stop(): void {
    this.session++;
    this.clock?.stop();
    this.clock = undefined;
    this.unbindNotes?.();
    this.stopCapture?.();
    this.stopCapture = undefined;
    this.editor?.destroy();
    this.editorHost?.remove();
    this.connection?.destroy();
    this.notes?.destroy();
    this.runs?.destroy();
    this.editor = this.editorHost = this.connection = this.notes = this.runs = this.unbindNotes = undefined;
    this.editorLoaded = this.ended = this.acknowledged = this.staffReady = this.showReplay = false;
    this.reportStatus = '';
    this.participants = [];
    this.status = 'connecting';
  }

  private showParticipants(participants: Participant[]): void {
    this.participants = participants;
    if (this.cursorStyles) this.cursorStyles.textContent = remoteCursorStyles(participants);
  }

  /** Seeds the starter code, shows past results, and follows meta (timer, state) and events (runs). */
  private watchRoom(connection: RoomConnection, room: RoomView): void {
    const code = connection.doc.getText('code');
    if (code.length === 0 && room.statement.starterCode && !this.readOnly) seedCode(connection.doc, room.statement.starterCode, 'duet-seed');
    const meta = connection.doc.getMap('meta');
    const events = connection.doc.getArray<Record<string, unknown>>('events');
    const past = events.toArray();
    const lastRun = past.filter((e): e is RoomRunEvent & Record<string, unknown> => e.type === 'run').at(-1);
    if (lastRun) this.runs?.showPast(lastRun, past.find((e): e is RoomResultEvent & Record<string, unknown> => e.type === 'result' && e.run === lastRun.run), this.nameOf(lastRun.user));
    events.observe((event) => {
      for (const item of event.changes.added) {
        for (const value of item.content.getContent() as Record<string, unknown>[]) this.onRoomEvent(value);
      }
    });
    const onMeta = () => {
      if (meta.get('state') === 'ended' && !this.ended) this.end('ended');
      this.requestUpdate();
    };
    meta.observe(onMeta);
    onMeta();
    this.clock = new DeadlineClock({
      endsAt: () => (TIMED_MODES.has(this.effectiveMode) ? ((meta.get('endsAt') as string | undefined) ?? room.endsAt) : undefined),
      // The deadline submits whatever is there, acknowledged notice or not (the room's time is up either way).
      submitsAtDeadline: () => this.effectiveMode === 'assessment' && this.identity?.role === 'candidate' && !!this.identity.perms.includes('submit') && !this.ended,
      onTick: (remaining) => (this.remaining = remaining),
      onAutoSubmit: () => void this.startRun('submit', true),
      onDeadline: () => this.end('deadline'),
    });
    this.clock.start();
  }

  private onRoomEvent(event: Record<string, unknown>): void {
    if (event.type === 'run' && typeof event.run === 'string') this.runs?.follow(event.run, event.kind as RunKind, this.nameOf(event.user));
    else if (event.type === 'result') this.runs?.summarize(event as unknown as RoomResultEvent);
  }

  /** A participant's name: from presence, or from their `join` event if they have left. */
  private nameOf(userId: unknown): string | undefined {
    const present = this.participants.find((p) => p.id === userId)?.name;
    if (present) return present;
    const joined = this.connection?.doc.getArray<Record<string, unknown>>('events').toArray().find((e) => e.type === 'join' && e.user === userId);
    return typeof joined?.name === 'string' ? joined.name : undefined;
  }

  private mountEditor(create: typeof import('../editor/editor-module.js').createCodeEditor, connection: RoomConnection): void {
    const host = document.createElement('div');
    host.slot = 'editor';
    host.className = 'duet-pad-editor';
    host.style.cssText = 'position:absolute;inset:0;';
    this.cursorStyles = document.createElement('style');
    this.cursorStyles.textContent = remoteCursorStyles(this.participants);
    const mount = document.createElement('div');
    mount.style.cssText = 'position:absolute;inset:0;';
    host.append(this.cursorStyles, mount);
    this.append(host);
    this.editorHost = host;
    this.editor = create(mount, {
      text: connection.doc.getText('code'),
      awareness: connection.provider.awareness,
      readOnly: this.readOnly,
      theme: this.resolvedTheme(),
      ariaLabel: `Code editor${this.readOnly ? ' (read only)' : ''}. Press Ctrl+M to make Tab move focus.`,
    });
    this.editorLoaded = true;
  }

  private end(reason: 'ended' | 'deadline'): void {
    if (this.ended) return;
    this.ended = true;
    this.stopCapture?.();
    this.stopCapture = undefined;
    this.editor?.setReadOnly(true);
    this.dispatchEvent(duetEvent('duet-end', { room: this.room, reason }));
  }

  /** Runs the editor's code: `sample` (Run), `custom` (with the custom input) or `submit`. */
  async startRun(kind: RunKind, automatic = false): Promise<void> {
    if (!this.rooms || !this.connection || (this.busy && !automatic)) return;
    this.busy = true;
    try {
      const stdin = kind === 'custom' ? (this.renderRoot.querySelector<HTMLTextAreaElement>('#custom-input')?.value ?? '') : undefined;
      const code = this.connection.doc.getText('code').toString();
      const run = await this.rooms.createRun({ roomId: this.room, kind, code, ...(stdin !== undefined ? { stdin } : {}) });
      this.dispatchEvent(duetEvent('duet-run', { run, kind, automatic }));
      this.runs?.follow(run.id, kind, this.identity?.name);
    } catch (error) {
      this.runs?.fail((error as Error).message, kind);
    } finally {
      this.busy = false;
    }
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    if (event.shiftKey) {
      if (this.can('submit')) void this.startRun('submit');
    } else if (this.can('run')) void this.startRun('sample');
  };

  protected override render() {
    const statement = this.roomView?.statement;
    const isInterviewer = this.identity?.role === 'interviewer';
    return html`
      <header part="header">
        <h2 class="title" part="problem-title">${statement?.title ?? 'Duet'}</h2>
        ${this.remaining !== undefined
          ? html`<span class="timer" part="timer" role="timer" aria-label="Time left" ?data-low=${this.remaining < 60_000}>${formatRemaining(this.remaining)}</span>`
          : nothing}
        <ul class="participants" part="participants" aria-label="Participants">
          ${this.participants.map(
            (p) => html`<li class="participant" style="background:${p.color}" title=${`${p.name} (${p.role})`}>${p.name}${p.self ? ' (you)' : ''}</li>`,
          )}
        </ul>
        <span class="status" part="status" role="status" data-status=${this.status}>${STATUS_TEXT[this.status]}${this.statusDetail ? `: ${this.statusDetail}` : ''}</span>
        ${this.mayReport
          ? html`<button part="replay-button" aria-expanded=${this.showReplay} aria-controls="replay" @click=${() => (this.showReplay = !this.showReplay)}>Replay</button>
              <button part="report-button" @click=${() => this.downloadReport()}>Download report</button>`
          : nothing}
      </header>
      ${this.reportStatus ? html`<p class="muted report-status" role="status" style="padding: 0 12px">${this.reportStatus}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert" style="padding: 0 12px">${this.error}</p>` : nothing}
      <div class="body">
        <section class="problem" part="problem" aria-label="Problem">
          ${problemPane(statement, this.renderedStatement)}
          ${isInterviewer ? this.notesPane() : nothing}
          ${this.signalsPane()}
        </section>
        <section class="work" aria-label="Code">
          <div class="editor" part="editor">
            <slot name="editor"></slot>
            ${this.editorLoaded ? nothing : html`<div class="editor-placeholder">Loading the editor…</div>`}
            ${this.awaitingAcknowledgement ? this.recordingNotice() : nothing}
          </div>
          <p class="hint" id="tab-hint">
            ${this.readOnly ? 'Read only. ' : ''}In the editor, <kbd>Tab</kbd> indents; press <kbd>Ctrl</kbd>+<kbd>M</kbd> to make it move focus. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs.
          </p>
          ${this.actions()}
          <section class="results" part="results" aria-label="Results" aria-live="polite">${resultsPane(this.runs?.current)}</section>
        </section>
      </div>
      ${this.showReplay && this.staffReady && this.roomView
        ? html`<section class="replay" id="replay" part="replay" aria-label="Replay">
            <h3>Replay</h3>
            <duet-replay
              .collab=${this.collab || this.roomView.collab.url || ''}
              .room=${this.room}
              .token=${this.token}
              .starterCode=${this.roomView.statement.starterCode ?? ''}
              .colorOf=${(user: string) => this.participants.find((p) => p.id === user)?.color ?? participantColor(user)}
              .nameOf=${(user: string) => this.nameOf(user)}
            ></duet-replay>
          </section>`
        : nothing}
    `;
  }

  private recordingNotice() {
    return html`<div class="recording-notice" part="recording-notice" role="dialog" aria-labelledby="recording-title" aria-describedby="recording-text">
      <div>
        <h3 id="recording-title">This assessment is recorded</h3>
        <p id="recording-text">
          Everything in this session is recorded for a report that the hiring team reads: your code as you write it, your runs and
          submissions, pastes into the editor (with the pasted text), and when this window loses focus or the tab is hidden, with how long.
          The report shows these as facts to discuss, not as verdicts.
        </p>
        <button class="primary" part="acknowledge-button" @click=${() => this.acknowledge()}>I understand — start</button>
      </div>
    </div>`;
  }

  /** The live signals, for interviewers and observers in interview mode; never for candidates. */
  private signalsPane() {
    if (!this.staffReady || !this.policy.live || this.identity?.role === 'candidate' || !this.connection) return nothing;
    return html`<section class="signals" part="signals" aria-label="Signals">
      <duet-signals
        .events=${this.connection.doc.getArray('events')}
        .code=${this.connection.doc.getText('code')}
        .nameOf=${(user: string) => this.nameOf(user) ?? user}
      ></duet-signals>
    </section>`;
  }

  private actions() {
    // Shown disabled while an assessment's notice is unacknowledged; gone once the room ended.
    if (this.ended || !this.identity?.perms.some((p) => p === 'run' || p === 'submit')) return nothing;
    return html`
      <div class="actions" part="actions">
        <button class="primary" part="run-button" ?disabled=${this.busy || !this.can('run')} @click=${() => this.startRun('sample')}>Run</button>
        <button part="submit-button" ?disabled=${this.busy || !this.can('submit')} @click=${() => this.startRun('submit')}>Submit</button>
        <button aria-expanded=${this.showCustom} aria-controls="custom" @click=${() => (this.showCustom = !this.showCustom)}>Custom input</button>
      </div>
      <div class="custom" id="custom" ?hidden=${!this.showCustom}>
        <label for="custom-input" class="muted">Input (stdin, or the JSON array of arguments)</label>
        <textarea id="custom-input" rows="3"></textarea>
        <button ?disabled=${this.busy || !this.can('run')} @click=${() => this.startRun('custom')}>Run with this input</button>
      </div>
    `;
  }

  private notesPane() {
    return html`<section class="notes" part="notes">
      <h3 id="notes-title">Interviewer notes</h3>
      <p class="muted">Only interviewers see these.</p>
      <textarea aria-labelledby="notes-title" placeholder="Private notes…"></textarea>
    </section>`;
  }

  /** Binds the notes textarea to the notes document once it has synced. */
  private async bindNotes(notes: RoomConnection): Promise<void> {
    await this.updateComplete;
    const textarea = this.renderRoot.querySelector<HTMLTextAreaElement>('[part=notes] textarea');
    if (notes !== this.notes || !textarea) return;
    this.unbindNotes = bindTextarea(textarea, notes.doc.getText('notes'));
  }
}
