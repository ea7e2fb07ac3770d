/**
 * A progress bar on stderr for long scans: shown only when stderr is a terminal and the input is
 * large (more than 200 articles), so pipes and small runs stay clean. cli-progress is loaded
 * only when a bar is shown.
 */
import type { Presets as PresetsType, SingleBar } from 'cli-progress';
import { lazyRequire } from '../util/lazy-require.js';
import type { ArticleSource } from './input.js';

/** Articles after which a scan counts as large. */
export const LARGE_INPUT = 200;

export class Progress {
  private bar: SingleBar | undefined;

  constructor(
    private readonly enabled: boolean,
    private readonly source: ArticleSource,
  ) {
    if (enabled && source.unit === 'files' && (source.total ?? 0) > LARGE_INPUT) this.start(0);
  }

  /** Call after each article. */
  update(articles: number): void {
    if (!this.enabled) return;
    if (!this.bar) {
      if (articles <= LARGE_INPUT) return;
      this.start(articles);
    }
    const total = this.source.total;
    this.bar!.update(total === undefined ? articles : Math.min(this.source.position(), total), { articles });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  private start(articles: number): void {
    const total = this.source.total;
    const format =
      total === undefined
        ? 'neardup scan | {articles} articles read'
        : `neardup scan {bar} {percentage}% | {articles} articles | {eta_formatted} left`;
    const { Presets, SingleBar: Bar } = lazyRequire<{ Presets: typeof PresetsType; SingleBar: typeof SingleBar }>('cli-progress');
    this.bar = new Bar(
      { stream: process.stderr, format, hideCursor: true, clearOnComplete: true, etaBuffer: 200, fps: 5, barsize: 30 },
      Presets.shades_classic,
    );
    this.bar.start(total ?? 0, total === undefined ? articles : this.source.position(), { articles });
  }
}
