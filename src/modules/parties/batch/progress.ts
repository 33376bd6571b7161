/** Where the progress bar is drawn: standard error, or a stand-in in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressBar {
  /** Shows `label` with `fractionDone` (0 to 1) of its work done. */
  update(label: string, fractionDone: number): void;
  /** Ends the bar's line, so what follows starts on a fresh one. */
  finish(): void;
}

const WIDTH = 30;

/**
 * A progress bar on a terminal: one line redrawn in place, at most every 100 ms. When the
 * stream is not a terminal (a log file, CI), a plain line at each quarter of each phase.
 */
export function progressBar(stream: ProgressStream, now: () => number = Date.now): ProgressBar {
  let lastLabel = '';
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let lastQuarter = -1;
  let lastPercent = -1;
  let open = false;
  return {
    update(label, fractionDone) {
      const fraction = Math.min(1, Math.max(0, fractionDone));
      const percent = Math.floor(fraction * 100);
      if (label !== lastLabel) {
        if (open) stream.write('\n');
        open = false;
        lastLabel = label;
        lastQuarter = -1;
        lastPercent = -1;
        lastDrawn = Number.NEGATIVE_INFINITY;
      }
      if (stream.isTTY === true) {
        if (percent === lastPercent || (now() - lastDrawn < 100 && fraction < 1)) return;
        lastDrawn = now();
        lastPercent = percent;
        const filled = Math.round(fraction * WIDTH);
        stream.write(`\r${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}%`);
        open = true;
        return;
      }
      const quarter = Math.floor(percent / 25);
      if (quarter === lastQuarter) return;
      lastQuarter = quarter;
      stream.write(`${label}: ${quarter * 25}%\n`);
    },
    finish() {
      if (open) stream.write('\n');
      open = false;
    },
  };
}
