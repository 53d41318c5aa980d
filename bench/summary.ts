import { median, type RunMeasure } from './measure.js';

/** The goal vigie is held to (DESIGN: bench/ against the peers, side by side in one run). */
export const GOAL = { minRatio: 10, maxRssMb: 512 } as const;

/** Medians of one tool's successful runs. */
export interface ToolSummary {
  readonly tool: string;
  readonly runsOk: number;
  readonly runsFailed: number;
  readonly medianWallSecs: number | null;
  readonly medianLinesPerSec: number | null;
  readonly medianPeakRssMb: number | null;
}

/** Summarises the runs of one tool over a log of `lines` lines. */
export function summarise(tool: string, runs: readonly RunMeasure[], lines: number): ToolSummary {
  const mine = runs.filter((r) => r.tool === tool);
  const ok = mine.filter((r) => r.ok);
  const wall = median(ok.map((r) => r.wallSecs));
  return {
    tool,
    runsOk: ok.length,
    runsFailed: mine.length - ok.length,
    medianWallSecs: wall,
    medianLinesPerSec: median(ok.map((r) => lines / r.wallSecs)),
    medianPeakRssMb: median(ok.map((r) => r.peakRssMb)),
  };
}

const fmt = (v: number | null, digits = 0): string =>
  v === null ? 'n/a' : v.toLocaleString('en-CA', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A plain-text table of the summaries. */
export function table(summaries: readonly ToolSummary[]): string {
  const rows = [
    ['tool', 'runs ok', 'median wall s', 'median lines/s', 'median peak RSS MB'],
    ...summaries.map((s) => [
      s.tool,
      `${s.runsOk}/${s.runsOk + s.runsFailed}`,
      fmt(s.medianWallSecs, 2),
      fmt(s.medianLinesPerSec),
      fmt(s.medianPeakRssMb, 1),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] as string).length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** vigie's median throughput over GoAccess's, or null when either is missing. */
export function speedRatio(vigie?: ToolSummary, goaccess?: ToolSummary): number | null {
  const v = vigie?.medianLinesPerSec ?? null;
  const g = goaccess?.medianLinesPerSec ?? null;
  return v === null || g === null || g === 0 ? null : v / g;
}

/** One line saying whether vigie meets the goal (ratio ≥ 10 and RSS < 512 MB). */
export function verdict(ratio: number | null, vigie?: ToolSummary): string {
  if (vigie === undefined || vigie.runsOk === 0) return 'verdict: no successful vigie run, goal not assessed';
  const rss = vigie.medianPeakRssMb;
  const rssOk = rss !== null && rss < GOAL.maxRssMb;
  const ratioText = ratio === null ? 'ratio n/a (GoAccess not run)' : `ratio ${fmt(ratio, 2)}x (goal >= ${GOAL.minRatio}x)`;
  const rssText = `peak RSS ${fmt(rss, 1)} MB (goal < ${GOAL.maxRssMb} MB)`;
  const met = rssOk && (ratio === null || ratio >= GOAL.minRatio);
  return `verdict: ${met ? 'GOAL MET' : 'GOAL NOT MET'} - ${ratioText}, ${rssText}`;
}
