import { css } from 'lit';

/**
 * Light by default; `theme="dark"` switches the defaults and `theme="auto"` follows the OS. Every
 * colour is a custom property, so a host page can restyle the pad without reaching inside.
 */
export const padStyles = css`
  :host {
    --duet-bg: #ffffff;
    --duet-surface: #f6f7f9;
    --duet-fg: #1f2328;
    --duet-muted: #59636e;
    --duet-border: #d1d9e0;
    --duet-accent: #2563eb;
    --duet-accent-fg: #ffffff;
    --duet-pass: #1a7f37;
    --duet-fail: #cf222e;
    --duet-font: system-ui, -apple-system, 'Segoe UI', sans-serif;
    --duet-mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    --duet-radius: 6px;
    --duet-editor-height: 420px;
    display: block;
    /* The layout follows the pad's own width, not the page's. */
    container-type: inline-size;
    color: var(--duet-fg);
    background: var(--duet-bg);
    font: 14px/1.45 var(--duet-font);
    border: 1px solid var(--duet-border);
    border-radius: var(--duet-radius);
    overflow: hidden;
  }
  :host([theme='dark']) {
    --duet-bg: #0d1117;
    --duet-surface: #161b22;
    --duet-fg: #e6edf3;
    --duet-muted: #9198a1;
    --duet-border: #30363d;
    --duet-accent: #4493f8;
    --duet-pass: #3fb950;
    --duet-fail: #f85149;
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --duet-bg: #0d1117;
      --duet-surface: #161b22;
      --duet-fg: #e6edf3;
      --duet-muted: #9198a1;
      --duet-border: #30363d;
      --duet-accent: #4493f8;
      --duet-pass: #3fb950;
      --duet-fail: #f85149;
      color-scheme: dark;
    }
  }
  [hidden] { display: none !important; }
  header {
    display: flex; align-items: center; gap: 12px; flex-wrap: wrap;
    padding: 8px 12px; background: var(--duet-surface); border-bottom: 1px solid var(--duet-border);
  }
  header .title { font-size: 15px; font-weight: 600; margin: 0 auto 0 0; }
  .status { display: inline-flex; align-items: center; gap: 6px; color: var(--duet-muted); }
  .status::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: var(--duet-muted); }
  .status[data-status='synced']::before { background: var(--duet-pass); }
  .status[data-status='refused']::before, .status[data-status='disconnected']::before { background: var(--duet-fail); }
  .participants { display: flex; gap: 6px; list-style: none; margin: 0; padding: 0; }
  .participant { padding: 1px 8px; border-radius: 999px; color: #fff; font-size: 12px; }
  .timer { font-variant-numeric: tabular-nums; font-family: var(--duet-mono); }
  .timer[data-low] { color: var(--duet-fail); font-weight: 600; }
  .body { display: grid; grid-template-columns: minmax(240px, 2fr) 3fr; min-height: var(--duet-editor-height); }
  @container (max-width: 700px) { .body { grid-template-columns: 1fr; } }
  .problem { padding: 4px 16px 12px; border-right: 1px solid var(--duet-border); overflow: auto; }
  .limits, .muted { color: var(--duet-muted); }
  .statement :is(pre, code) { font-family: var(--duet-mono); background: var(--duet-surface); border-radius: 4px; }
  .statement pre { padding: 8px; overflow: auto; }
  .sample { margin: 8px 0; }
  .sample figcaption { font-weight: 600; }
  .io { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
  pre { margin: 4px 0; padding: 6px 8px; background: var(--duet-surface); border-radius: 4px; font: 12.5px/1.4 var(--duet-mono); white-space: pre-wrap; overflow-wrap: anywhere; }
  .work { display: flex; flex-direction: column; min-width: 0; }
  .editor { position: relative; height: var(--duet-editor-height); border-bottom: 1px solid var(--duet-border); }
  .editor ::slotted(*) { position: absolute; inset: 0; }
  .editor-placeholder { position: absolute; inset: 0; display: grid; place-items: center; color: var(--duet-muted); }
  .hint { margin: 0; padding: 4px 12px; font-size: 12px; color: var(--duet-muted); border-bottom: 1px solid var(--duet-border); }
  kbd { font: 11px var(--duet-mono); padding: 0 4px; border: 1px solid var(--duet-border); border-radius: 3px; }
  .actions { display: flex; gap: 8px; align-items: center; padding: 8px 12px; flex-wrap: wrap; }
  button { font: inherit; padding: 5px 14px; border-radius: var(--duet-radius); border: 1px solid var(--duet-border); background: var(--duet-surface); color: var(--duet-fg); cursor: pointer; }
  button.primary { background: var(--duet-accent); border-color: var(--duet-accent); color: var(--duet-accent-fg); }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  :is(button, textarea, summary):focus-visible { outline: 2px solid var(--duet-accent); outline-offset: 2px; }
  textarea { font: 12.5px/1.4 var(--duet-mono); width: 100%; box-sizing: border-box; color: var(--duet-fg); background: var(--duet-bg); border: 1px solid var(--duet-border); border-radius: 4px; padding: 6px; }
  .custom { padding: 0 12px 8px; }
  .results { padding: 8px 12px 12px; overflow: auto; }
  .run-head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .tests { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
  .tests :is(th, td) { padding: 2px 12px 2px 0; text-align: left; }
  .tests th { color: var(--duet-muted); font-weight: 500; }
  .verdict { display: inline-block; min-width: 2.5em; text-align: center; padding: 0 6px; border-radius: 4px; font: 600 12px/1.6 var(--duet-mono); color: #fff; background: var(--duet-fail); }
  .verdict.v-AC { background: var(--duet-pass); }
  .verdict.v-IE { background: var(--duet-muted); }
  .diff .add { color: var(--duet-pass); }
  .diff .del { color: var(--duet-fail); }
  .error { color: var(--duet-fail); }
  .chart { margin: 4px 0; }
  .chart .axis { stroke: var(--duet-border); }
  .chart .fit { fill: none; stroke: var(--duet-accent); stroke-width: 1.5; }
  .chart .point { fill: var(--duet-fg); }
  .notes { padding: 12px 16px; border-top: 1px solid var(--duet-border); }
  .notes h3 { margin: 0 0 6px; font-size: 14px; }
  .notes textarea { min-height: 120px; }
  .signals { padding: 12px 16px; border-top: 1px solid var(--duet-border); }
  .replay { padding: 8px 16px 16px; border-top: 1px solid var(--duet-border); }
  .replay h3 { margin: 0 0 8px; font-size: 14px; }
  .recording-notice { position: absolute; inset: 0; z-index: 20; display: grid; place-items: center; padding: 16px; background: color-mix(in srgb, var(--duet-bg) 92%, transparent); }
  .recording-notice > div { max-width: 32em; padding: 16px 20px; background: var(--duet-bg); border: 1px solid var(--duet-border); border-radius: var(--duet-radius); box-shadow: 0 4px 16px #0002; }
  .recording-notice h3 { margin: 0 0 8px; font-size: 16px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
