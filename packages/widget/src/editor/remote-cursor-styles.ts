/**
 * CSS for y-monaco's remote selections (`.yRemoteSelection-<clientID>`, `.yRemoteSelectionHead-<clientID>`):
 * each participant's colour, and their name above the caret.
 */
import type { Participant } from '../collab/room-connection.js';

export function remoteCursorStyles(participants: readonly Participant[]): string {
  return participants
    .filter((p) => !p.self)
    .map((p) => {
      const name = JSON.stringify(p.name); // a CSS string literal
      return `.yRemoteSelection-${p.clientId}{background-color:${p.color}40}
.yRemoteSelectionHead-${p.clientId}{position:absolute;box-sizing:border-box;height:100%;border-left:2px solid ${p.color}}
.yRemoteSelectionHead-${p.clientId}::after{content:${name};position:absolute;top:-1.3em;left:-2px;padding:0 4px;font:11px/1.3em system-ui,sans-serif;color:#fff;background:${p.color};border-radius:3px 3px 3px 0;white-space:nowrap;pointer-events:none;z-index:10}`;
    })
    .join('\n');
}
