/** Defines `<duet-pad>` (once, so two copies of the script on a page do not clash). */
import { DuetPad } from './pad.component.js';

export const TAG_NAME = 'duet-pad';

if (!customElements.get('duet-pad')) customElements.define('duet-pad', DuetPad);

declare global {
  interface HTMLElementTagNameMap {
    'duet-pad': DuetPad;
  }
}

export { DuetPad };
