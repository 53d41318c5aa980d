/**
 * `vigie ... | head -2`: when the reader of stdout (or stderr) goes away, stop quietly, as
 * command-line tools killed by SIGPIPE do, instead of an unhandled `write EPIPE` stack trace.
 * Node ignores SIGPIPE, so the closed pipe arrives as an error event on the stream. Whatever
 * was committed to the database stays; the exit code is 0, since the reader chose to stop.
 */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
}
