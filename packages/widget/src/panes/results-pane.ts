/** The results of the run on screen: per-test verdicts and figures, output and diff for samples, complexity classes. */
import { html, nothing } from 'lit';
import type { RunKind, RunResult, TestResult, Verdict } from '../api/types.js';
import { complexityChart } from './complexity-chart.js';

/** A run as the widget shows it: started here or by the partner, filled as test events stream in. */
export interface RunOnScreen {
  id: string;
  kind: RunKind;
  /** Who started it (display name), when known. */
  by?: string;
  tests: TestResult[];
  total?: number;
  result?: RunResult;
  /** A summary from the room's `result` event when the stream was not available. */
  summary?: { verdict: Verdict; passed: number; total: number };
  error?: string;
}

const VERDICT_NAMES: Record<Verdict, string> = {
  AC: 'Accepted',
  WA: 'Wrong answer',
  TLE: 'Time limit exceeded',
  MLE: 'Memory limit exceeded',
  RE: 'Runtime error',
  OLE: 'Output limit exceeded',
  CE: 'Syntax error',
  IE: 'Judge error',
};

export function verdictName(verdict: Verdict): string {
  return VERDICT_NAMES[verdict] ?? verdict;
}

const verdictBadge = (verdict: Verdict) => html`<span class="verdict v-${verdict}" part="verdict" data-verdict=${verdict} title=${verdictName(verdict)}>${verdict}</span>`;

export function resultsPane(run: RunOnScreen | undefined) {
  if (!run) return html`<p class="muted">Run your code on the samples, or submit it to the hidden tests.</p>`;
  const summary = run.result ?? run.summary;
  const kindName = run.kind === 'submit' ? 'Submission' : run.kind === 'custom' ? 'Custom input' : 'Samples';
  return html`
    <div class="run-head" part="run-summary">
      <strong>${kindName}</strong>${run.by ? html` <span class="muted">by ${run.by}</span>` : nothing}
      ${summary
        ? html`${verdictBadge(summary.verdict)} <span class="passed">${summary.passed}/${summary.total} passed</span>`
        : run.error
          ? nothing
          : html`<span class="muted" role="status">Running… ${run.tests.length}${run.total ? `/${run.total}` : ''}</span>`}
    </div>
    ${run.error ? html`<p class="error" role="alert">${run.error}</p>` : nothing}
    ${run.result?.compile_error
      ? html`<pre class="error">${run.result.compile_error.line ? `line ${run.result.compile_error.line}: ` : ''}${run.result.compile_error.message}</pre>`
      : nothing}
    ${run.tests.length
      ? html`<table class="tests" part="tests">
          <thead><tr><th scope="col">Test</th><th scope="col">Verdict</th><th scope="col">CPU</th><th scope="col">Memory</th></tr></thead>
          <tbody>${run.tests.map((test) => testRow(test))}</tbody>
        </table>`
      : nothing}
    ${run.tests.filter((t) => t.stdout || t.diff || t.stderr).map((test) => testOutput(test))}
    ${run.result?.complexity ? complexityLine(run.result.complexity) : nothing}
    ${run.result?.complexity_error ? html`<p class="muted">No complexity analysis: ${run.result.complexity_error}</p>` : nothing}
  `;
}

function testRow(test: TestResult) {
  return html`<tr data-test=${test.name}>
    <td>${test.name}</td>
    <td>${verdictBadge(test.verdict)}</td>
    <td>${test.coarse ? '≤ ' : ''}${test.cpu_ms} ms</td>
    <td>${test.coarse ? '≤ ' : ''}${Math.round(test.memory_kb / 1024)} MB</td>
  </tr>`;
}

function testOutput(test: TestResult) {
  return html`<details class="output" part="test-output" ?open=${test.verdict !== 'AC'}>
    <summary>${test.name}: output</summary>
    ${test.stdout ? html`<pre aria-label="standard output">${test.stdout}</pre>` : nothing}
    ${test.diff ? html`<pre class="diff" aria-label="difference from the expected output">${diffLines(test.diff)}</pre>` : nothing}
    ${test.stderr ? html`<pre class="stderr" aria-label="standard error">${test.stderr}</pre>` : nothing}
  </details>`;
}

/** Colours a unified-style diff line by line: `-` expected, `+` actual. */
function diffLines(diff: string) {
  return diff.split('\n').map((line) => html`<span class=${line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : ''}>${line}\n</span>`);
}

function complexityLine(report: NonNullable<RunResult['complexity']>) {
  const slower = report.verdict === 'slower_than_expected';
  return html`<p class="complexity" part="complexity">
    Time <strong>${report.time.class}</strong>, space <strong>${report.space.class}</strong>
    ${report.expected?.time ? html`<span class=${slower ? 'error' : 'muted'}>(expected ${report.expected.time}${report.expected.space ? `, ${report.expected.space}` : ''})</span>` : nothing}
  </p>
  ${complexityChart(report)}`;
}
