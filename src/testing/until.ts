/**
 * Wait on state, not on time: call `probe` until it gives a value (not `undefined`), then
 * return it. A probe that throws counts as "not yet" (a server still starting refuses the
 * connection); on timeout the error names `what` and the probe's last error. The timeout is
 * generous because CI machines are busy; a passing test never waits for it.
 */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError === undefined ? '' : ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
      throw new Error(`timed out waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
