/**
 * Similarity across submissions (issue 10): winnowed k-gram fingerprints of normalized Python
 * tokens, indexed by @dodona/dolos-core (the Dolos project's maintained implementation), with the
 * problem's starter code ignored. A score is the share of both submissions covered by shared
 * fingerprints (Dolos' similarity), 0–1; the matched regions come from Dolos' fragments. It is
 * called similarity, not plagiarism: correct solutions to a small problem resemble each other.
 */
import { File, FingerprintIndex, TokenizedFile, Region, WinnowFilter } from '@dodona/dolos-core';
import { MetricsError } from './errors.js';
import { pythonTokens } from './python-tokens.js';

export interface Submission {
  id: string;
  code: string;
  /** Shown beside matches (a candidate's name, a room id). */
  label?: string;
}

export interface LineRange {
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** Those lines, for showing the regions side by side. */
  text: string;
}

export interface SimilarityMatch {
  id: string;
  label?: string;
  /** 0–1. */
  score: number;
  /** The longest run of consecutive shared fingerprints. */
  longest: number;
  regions: Array<{ submission: LineRange; other: LineRange }>;
}

export interface SimilarityOptions {
  /** Tokens per k-gram (default 10: interview solutions are short). */
  k?: number;
  /** k-grams per winnowing window (default 5). */
  window?: number;
  starter?: string;
  /** Matches to return (default 5). */
  top?: number;
  /** Matches below this score are left out (default 0). */
  minScore?: number;
}

export function tokenize(submission: Submission): TokenizedFile {
  const tokens = pythonTokens(submission.code);
  const lineStarts = [0];
  for (let i = 0; i < submission.code.length; i++) if (submission.code[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, col: offset - lineStarts[lo]! };
  };
  const mapping = tokens.map((t) => {
    const a = position(t.from);
    const b = position(t.to);
    return new Region(a.row, a.col, b.row, b.col);
  });
  return new TokenizedFile(new File(submission.id, submission.code), tokens.map((t) => t.token), mapping);
}

/** The submissions most similar to `target` among `others` (which may include `target`: it is skipped). */
export function similarTo(target: Submission, others: readonly Submission[], options: SimilarityOptions = {}): SimilarityMatch[] {
  const k = options.k ?? 10;
  const window = options.window ?? 5;
  if (!Number.isInteger(k) || k < 2 || !Number.isInteger(window) || window < 1) throw new MetricsError('SIMILARITY_INVALID', `k must be an integer ≥ 2 and window ≥ 1 (got k=${k}, window=${window})`);
  const index = new FingerprintIndex(k, window, false);
  if (options.starter?.trim()) {
    // Every k-gram of the starter, not only its winnowed ones: a submission's windows around the
    // starter code pick other k-grams of it than the starter's own windows do.
    const starter = tokenize({ id: '(starter)', code: options.starter });
    index.addIgnoredHashes(new WinnowFilter(k, 1).fingerprints(starter.tokens).map((f) => f.hash));
  }
  const mine = tokenize(target);
  const theirs = others.filter((o) => o.id !== target.id).map((o) => ({ submission: o, file: tokenize(o) }));
  const myLines = target.code.split('\n');
  index.addFiles([mine, ...theirs.map((t) => t.file)]);
  const matches = theirs.map(({ submission, file }) => {
    const pair = index.getPair(mine, file);
    const fragments = pair.buildFragments();
    return {
      id: submission.id,
      ...(submission.label ? { label: submission.label } : {}),
      score: Number.isFinite(pair.similarity) ? pair.similarity : 0,
      longest: pair.longest,
      regions: fragments
        .map((f) => ({ submission: lines(f.leftSelection, myLines), other: lines(f.rightSelection, submission.code.split('\n')) }))
        .sort((a, b) => a.submission.startLine - b.submission.startLine),
    };
  });
  return matches
    .filter((m) => m.score >= (options.minScore ?? 0))
    .sort((a, b) => b.score - a.score)
    .slice(0, options.top ?? 5);
}

const lines = (r: Region, source: readonly string[]): LineRange => ({ startLine: r.startRow + 1, endLine: r.endRow + 1, text: source.slice(r.startRow, r.endRow + 1).join('\n') });
