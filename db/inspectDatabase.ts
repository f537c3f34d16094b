import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { appliedUpTo, latestMigration } from './backup';

/**
 * What `kompis doctor` says of the database at `path`, without changing it: its size, SQLite's
 * `quick_check`, and whether migrations are pending (applied, after a backup, at the next start).
 * `ok` is false for a damaged file, one of a newer Kompis, or one that is not Kompis's.
 */
export function inspectDatabase(path: string): { ok: boolean; line: string } {
  if (!existsSync(path)) return { ok: true, line: `${path} does not exist yet; Kompis creates it at the first start` };
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const check: unknown = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') return { ok: false, line: `${path} is damaged (quick_check: ${String(check)}); restore it from a backup` };
    const applied = appliedUpTo(db);
    const latest = latestMigration().when;
    const size = `${(statSync(path).size / 1024 / 1024).toFixed(1)} MB`;
    if (applied === undefined) return { ok: false, line: `${path} is not a Kompis database` };
    if (applied > latest) return { ok: false, line: `${path} was made by a newer version of Kompis; update Kompis` };
    const migrations = applied < latest ? 'migrations pending (applied at the next start, after a backup)' : 'up to date';
    return { ok: true, line: `${path}: ${size}, quick_check ok, ${migrations}` };
  } catch (err) {
    return { ok: false, line: `${path} cannot be read: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    db?.close();
  }
}
