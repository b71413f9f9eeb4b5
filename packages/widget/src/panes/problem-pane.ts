/** The problem: the statement (rendered and sanitised by statement-html.ts), its limits and its samples. */
import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { RoomStatement } from '../api/types.js';

/** `renderedStatement` is sanitised HTML, or undefined while the renderer loads. */
export function problemPane(statement: RoomStatement | undefined, renderedStatement: string | undefined) {
  if (!statement) return html`<p class="muted">Loading the problem…</p>`;
  const { limits, samples, complexity } = statement;
  return html`
    <p class="limits" part="limits">
      Time ${limits.timeSeconds} s · Memory ${limits.memoryMb} MB${complexity?.time ? html` · Expected ${complexity.time} time` : nothing}${complexity?.space
        ? html`, ${complexity.space} space`
        : nothing}
    </p>
    <div class="statement" part="statement">${renderedStatement === undefined ? html`<pre>${statement.markdown}</pre>` : unsafeHTML(renderedStatement)}</div>
    ${samples.length
      ? html`<h3>Samples</h3>
          ${samples.map(
            (sample) => html`<figure class="sample" part="sample">
              <figcaption>${sample.name}</figcaption>
              <div class="io"><div><span class="muted">Input</span><pre>${sample.input}</pre></div><div><span class="muted">Output</span><pre>${sample.output}</pre></div></div>
            </figure>`,
          )}`
      : nothing}
  `;
}
