import type { z } from 'zod';
import type { Command } from './command.js';
import type { Section } from './document.js';
import type { HttpPlugin, SqlReader } from './http.js';
import type { Migrations, SqlDatabase } from './sql.js';
import type { Catalogue, Lang, TextFormat } from './text.js';

/**
 * A module's part of `vigie report`: it loads its figures for the period from the read side,
 * then lays them out in the report's language. `load` returns null when the module has
 * nothing for the period (the section is left out).
 */
export interface ReportSection<D = unknown> {
  /** Order among sections (web 100, finance 200, influence 300, tips 400). */
  order: number;
  load(reader: SqlReader, range: { from: string; to: string }): Promise<D | null>;
  sections(data: D, lang: Lang, format: TextFormat): Section[];
}

/**
 * Everything a module brings, declared in one place (its `index.ts`): the registry lists the
 * descriptors and the entry points loop over them. Adding a module is a folder and one line
 * in `src/registry/`.
 *
 * @example
 * export const financeModule = defineModule({
 *   name: 'finance', title: { en: 'Political financing', fr: 'Financement politique' },
 *   migrations: FINANCE_MIGRATIONS, catalogue: FINANCE_TEXT, config: FINANCE_CONFIG,
 *   commands: [importCommand, scanCommand, entitiesCommand], http: financeRoutes, report: financeReport,
 * });
 */
export interface VigieModule {
  /** Lower-case, one word: the CLI noun, the `/api/<name>/` prefix, the table prefix, the config section. */
  name: string;
  title: { en: string; fr: string };
  migrations: Migrations;
  catalogue: Catalogue;
  /** The module's settings (units in names), under `<name>.` in vigie.yaml and `VIGIE_<NAME>_*`. */
  config?: z.ZodObject;
  commands?: readonly Command<any>[];
  http?: HttpPlugin;
  /**
   * Pages served outside `/api/<name>/`, at the site's root, for people who never sign in
   * (tips' public report form at `/report`). Routes here are authenticated like every other
   * route unless each one says `config: { public: true }`; keep them few and under one prefix
   * the module owns.
   */
  site?: HttpPlugin;
  report?: ReportSection<any>;
  /** Dashboard pages the module contributes (`web/src/modules/<name>/`), by route id. */
  pages?: readonly string[];
  /**
   * `vigie demo`'s part: load generated, realistic data (with planted cases) into the demo
   * database, so a fresh clone shows the module's pages alive. Returns one line for the
   * terminal (what was loaded, what to look at).
   */
  demo?: (ctx: DemoContext) => Promise<string>;
}

/** What a module's demo loader gets. */
export interface DemoContext {
  database: SqlDatabase;
  /** The generator's seed (the same seed gives the same data). */
  seed: number;
  /** The demo's scratch directory (files to import, like a user would). */
  dir: string;
  /** Today, for data laid out around the present. */
  now: Date;
}

/** Declare a module (checked at registration: see `src/registry`). */
export function defineModule(module: VigieModule): VigieModule {
  if (!/^[a-z][a-z0-9]{1,19}$/.test(module.name)) throw new Error(`module name '${module.name}': one lower-case word`);
  return module;
}
