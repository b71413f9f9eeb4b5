/**
 * Renders a room's report to PDF with pdfmake (pure JS; charts are SVG). Text uses pdfmake's
 * bundled Roboto; code uses the standard Courier (no font file to ship), restricted to Latin-1.
 */
import { createRequire } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import pdfmake from 'pdfmake';
import type { RoomReport } from '@duet/sdk/metrics';
import { reportDocument } from './report-document.js';

const require = createRequire(import.meta.url);
let fontsSet = false;

function ensureFonts(): void {
  if (fontsSet) return;
  const roboto = require('pdfmake/fonts/Roboto.js') as Record<string, Record<string, string>>;
  const fontDir = dirname(require.resolve('pdfmake/fonts/Roboto.js'));
  pdfmake.setFonts({ ...roboto, Courier: { normal: 'Courier', bold: 'Courier-Bold', italics: 'Courier-Oblique', bolditalics: 'Courier-BoldOblique' } });
  // The document never references URLs or local files other than the fonts above.
  pdfmake.setUrlAccessPolicy(() => false);
  const standard = new Set(['Courier', 'Courier-Bold', 'Courier-Oblique', 'Courier-BoldOblique']);
  pdfmake.setLocalAccessPolicy((path) => standard.has(path) || resolve(path).startsWith(fontDir + sep));
  fontsSet = true;
}

export async function renderReportPdf(report: RoomReport): Promise<Buffer> {
  ensureFonts();
  return pdfmake.createPdf(reportDocument(report)).getBuffer();
}
