/**
 * When a follow with an idle timeout is over: every followed path has been looked at, and found
 * quiet, at least the timeout after the last data read from any of them (a renamed file read
 * through after a rotation included). Silence is judged by the looks, never by the time spent
 * between them: on a loaded machine a commit, or a test that rotates a log, can outlast the
 * timeout, and a path not looked at since data last arrived cannot be called silent.
 *
 * One clock serves every path of one ingest: a busy log keeps a quiet one followed, and a path
 * renamed away and not yet recreated counts as quiet at each look.
 *
 * @example
 * const clock = new IdleClock(3000, ['/var/log/nginx/access.log']);
 * clock.data(Date.now());                       // bytes were read
 * if (clock.quiet(path, checkedAt)) return 'idle'; // a look that began at checkedAt found nothing
 */
export class IdleClock {
  private lastDataAt: number;
  /** Per followed path, when its last quiet look began (-Infinity: not looked at yet). */
  private readonly looks = new Map<string, number>();

  /** `timeoutMs` 0 never ends a follow; `paths` are the followed paths (as listed). */
  constructor(private readonly timeoutMs: number, paths: readonly string[], now = Date.now()) {
    this.lastDataAt = now;
    for (const path of paths) this.looks.set(path, -Infinity);
  }

  /** Bytes were read (from any followed path or a renamed one read through) at `at`. */
  data(at = Date.now()): void {
    this.lastDataAt = Math.max(this.lastDataAt, at);
  }

  /**
   * A look at `path` that began at `checkedAt` found nothing new (or found the path missing).
   * True when the follow is over: every followed path's last look began at least the timeout
   * after the last data.
   */
  quiet(path: string, checkedAt: number): boolean {
    this.looks.set(path, checkedAt);
    if (this.timeoutMs <= 0) return false;
    for (const at of this.looks.values()) if (at - this.lastDataAt < this.timeoutMs) return false;
    return true;
  }

  /** `path` is no longer followed (read to its end, or failed): it no longer holds the follow open. */
  done(path: string): void {
    this.looks.delete(path);
  }
}
