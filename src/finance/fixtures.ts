import { crc32, deflateRawSync } from 'node:zlib';
import { EC_COLUMNS } from './formats/layouts.js';

/**
 * Builders of contribution files in the modern Elections Canada layouts, for tests and the
 * demo (no file in the corpora is in the 27-column layout: see corpora/finance/SOURCE.md).
 */
export interface Ec27Fields {
  entity?: string; recipientId?: string; recipient?: string; party?: string; district?: string; event?: string;
  type?: string; name: string; city?: string; province?: string; postal?: string; date: string; amount: string;
  nonMonetary?: string; through?: string; leadership?: string;
}

/** The French header, by position (Elections Canada's French file names; the reader maps by position). */
export const EC_COLUMNS_FR = [
  'Entité politique', 'ID du bénéficiaire', 'Bénéficiaire', 'Nom de famille du bénéficiaire', 'Prénom du bénéficiaire',
  'Initiale du bénéficiaire', 'Parti politique du bénéficiaire', 'Circonscription', 'Événement électoral',
  "Date de l'exercice/élection", 'ID du formulaire', 'Rapport financier', 'Numéro de partie du rapport', 'Partie du rapport financier',
  'Type de donateur', 'Nom du donateur', 'Nom de famille du donateur', 'Prénom du donateur', 'Initiale du donateur',
  'Ville du donateur', 'Province du donateur', 'Code postal du donateur', 'Date de réception', 'Montant monétaire',
  'Montant non monétaire', 'Contribution versée par', 'Candidat à la direction',
];

const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One data row of the 27-column layout (26 with `columns: 26`). */
export function ec27Row(f: Ec27Fields, columns: 26 | 27 = 27): string {
  const [last, rest] = f.name.includes(',') ? f.name.split(',').map((x) => x.trim()) as [string, string] : ['', ''];
  const cells = [
    f.entity ?? 'Candidates', f.recipientId ?? '1001', f.recipient ?? 'Doe, Jane', 'Doe', 'Jane', '', f.party ?? 'Liberal Party of Canada',
    f.district ?? 'Papineau', f.event ?? '44th General Election', '2021-09-20', 'F1', 'Candidate Return', '2a', 'Contributions',
    f.type ?? 'Individuals', f.name, last, rest, '', f.city ?? 'Montréal', f.province ?? 'QC', f.postal ?? 'H2R 1A1', f.date,
    f.amount, f.nonMonetary ?? '', f.through ?? '', f.leadership ?? '',
  ];
  return cells.slice(0, columns).map(q).join(',');
}

/** A whole file: header (or none), rows, CRLF line ends. */
export function ec27File(rows: readonly Ec27Fields[], options: { header?: 'en' | 'fr' | 'none'; columns?: 26 | 27 } = {}): string {
  const columns = options.columns ?? 27;
  const header = options.header ?? 'en';
  const lines = header === 'none' ? [] : [(header === 'en' ? [...EC_COLUMNS] : EC_COLUMNS_FR).slice(0, columns).map(q).join(',')];
  for (const r of rows) lines.push(ec27Row(r, columns));
  return lines.join('\r\n') + '\r\n';
}

/** A zip holding files (deflated), with a central directory, like the Elections Canada download. */
export function zipOf(files: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const body = deflateRawSync(f.data);
    const name = Buffer.from(f.name);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(body.length, 18); local.writeUInt32LE(f.data.length, 22); local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0); cd.writeUInt16LE(20, 4); cd.writeUInt16LE(20, 6); cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16); cd.writeUInt32LE(body.length, 20); cd.writeUInt32LE(f.data.length, 24); cd.writeUInt16LE(name.length, 28); cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cdBuf.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}
