import { VigieError } from '../../core/index.js';

/**
 * Ask for a secret on the terminal without echoing it. Not a terminal (a pipe, a script):
 * refuse, and say to use --passphrase-file, so a secret never sits in shell history.
 */
export async function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) throw new VigieError('VIGIE_ERR_USAGE', 'no terminal to ask the passphrase on; give --passphrase-file FILE');
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err?: Error): void => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string): void => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') return done();
        if (c === '\u0003') return done(new VigieError('VIGIE_ERR_USAGE', 'cancelled'));
        if (c === '\u007f' || c === '\b') typed = typed.slice(0, -1);
        else typed += c;
      }
    };
    input.on('data', onData);
  });
}
