import type { DemoRequest } from './log-line.js';
import type { Prng } from './prng.js';

// What vulnerability scanners ask every public site for; 404 unless noted.
const PROBES: ReadonlyArray<readonly [string, number]> = [
  ['/robots.txt', 200],
  ['/.env', 404],
  ['/.git/config', 404],
  ['/.git/HEAD', 404],
  ['/wp-login.php', 404],
  ['/wp-admin/', 404],
  ['/xmlrpc.php', 404],
  ['/phpmyadmin/', 404],
  ['/pma/', 404],
  ['/admin/', 404],
  ['/administrator/', 404],
  ['/server-status', 403],
  ['/.aws/credentials', 404],
  ['/config.php.bak', 404],
  ['/backup.zip', 404],
  ['/db.sql', 404],
  ['/.DS_Store', 404],
  ['/.svn/entries', 404],
  ['/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', 404],
  ['/cgi-bin/test.cgi', 404],
  ['/actuator/env', 404],
  ['/solr/admin/info/system', 404],
  ['/_ignition/execute-solution', 404],
  ['/owa/auth/logon.aspx', 404],
  ['/remote/login', 404],
  ['/+CSCOE+/logon.html', 404],
  ['/HNAP1/', 404],
  ['/boaform/admin/formLogin', 404],
  ['/telescope/requests', 404],
  ['/.well-known/security.txt', 200],
  ['/sitemap.xml', 200],
  ['/en/', 200],
];
const NUCLEI_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

/**
 * A scanner campaign: sessions that walk the probe list from one address, alternately
 * Nikto (its own UA, test number in it) and a nuclei-like tool (a fixed browser UA).
 *
 * @example
 * const next = makeScanner(['138.68.4.9']);
 * next(new Prng(1)).target; // '/robots.txt'
 */
export function makeScanner(ips: readonly string[]): (rng: Prng) => DemoRequest {
  let step = 0;
  let session = 0;
  return (rng) => {
    if (step >= PROBES.length) {
      step = 0;
      session++;
    }
    const [target, status] = PROBES[step] as readonly [string, number];
    step++;
    const nikto = session % 2 === 0;
    return {
      ip: ips[session % ips.length] as string,
      method: nikto && rng.chance(0.2) ? 'HEAD' : 'GET',
      target,
      proto: 'HTTP/1.1',
      status,
      bytes: status === 200 ? 180 + rng.int(9000) : status === 403 ? 199 : 5210,
      referer: '-',
      ua: nikto ? `Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:${String(step * 37).padStart(6, '0')})` : NUCLEI_UA,
    };
  };
}

const BROWSER_UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
];

/**
 * A credential-stuffing burst: POSTs to the bilingual sign-in page, each from one of many
 * residential proxy addresses, mostly failing (200 with the form again), sometimes rate-limited.
 *
 * @example
 * makeStuffer(['73.1.2.3'])(new Prng(1)).method; // 'POST'
 */
export function makeStuffer(ips: readonly string[]): (rng: Prng) => DemoRequest {
  return (rng) => {
    const fr = rng.chance(0.2);
    const r = rng.next();
    const status = r < 0.015 ? 302 : r < 0.2 ? 429 : 200;
    return {
      ip: rng.pick(ips),
      method: 'POST',
      target: fr ? '/fr/compte/connexion' : '/en/account/sign-in',
      proto: 'HTTP/1.1',
      status,
      bytes: status === 302 ? 0 : status === 429 ? 162 : 8410 + rng.int(40),
      referer: `https://www.elections.ca${fr ? '/fr/compte/connexion' : '/en/account/sign-in'}`,
      ua: rng.pick(BROWSER_UAS),
    };
  };
}
