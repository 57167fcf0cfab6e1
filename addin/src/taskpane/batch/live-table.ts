// The live 报送情况 of a batch: units × status while the files are checked (each file as its check comes
// back, matched to the roster the way the importer matches), then the importer's own result, which is
// final. No DOM here: batch-view.ts renders it.
import type { Issue } from '../../../../templates/src/index';
import type { BatchSummary, FileEvent } from '../../../../importer/src/import/batch-types';
import { STATUS_LABEL } from '../../../../importer/src/import/labels';
import { RosterMatcher, type RosterUnit } from '../../../../importer/src/import/roster-match';
import type { UnitStatus } from '../../../../importer/src/import/tracking';

/** A unit's status: the importer's, or — while checking — not received yet. */
export type LiveStatus = UnitStatus | 'waiting';

export const LIVE_STATUS_LABEL: Record<LiveStatus, string> = { ...STATUS_LABEL, waiting: '尚未收到' };

export interface LiveUnit {
  code: string;
  name: string;
  status: LiveStatus;
  file: string | null;
  errors: number;
  warnings: number;
  /** The issues of its file(s), as the tracking workbook lists them. */
  issues: Issue[];
}

export type LiveFilter = 'all' | 'missing' | 'errors';

export class LiveTable {
  readonly units: LiveUnit[] = [];
  private readonly matcher = new RosterMatcher();
  done = 0;
  total = 0;
  /** Files that came back with at least one 错误. */
  filesWithErrors = 0;
  final = false;
  /** Units changed since takeChanged() was last asked. */
  private changed = new Set<LiveUnit>();

  constructor(roster: readonly RosterUnit[] = []) {
    for (const u of roster) this.addUnit(u);
  }

  private addUnit(u: RosterUnit): number {
    this.units.push({
      code: u.code,
      name: u.name,
      status: 'waiting',
      file: null,
      errors: 0,
      warnings: 0,
      issues: [],
    });
    return this.matcher.add(u);
  }

  /** Units a file has come back for so far. */
  get matched(): number {
    return this.units.filter((u) => u.status !== 'waiting').length;
  }

  onFile(e: FileEvent): void {
    this.done = e.done;
    this.total = e.total;
    if (e.errors > 0) this.filesWithErrors++;
    if (!e.unit || (e.state !== 'used' && e.state !== 'failed')) return;
    const m = this.matcher.match(e.unit);
    const i =
      m?.index ??
      this.addUnit({
        code: e.unit.code ?? '',
        name: e.unit.name ?? e.unit.code ?? '',
        aliases: [],
        group: null,
      });
    const u = this.units[i];
    u.file = e.file;
    u.errors = e.errors;
    u.warnings = e.warnings;
    u.issues = e.issues;
    u.status = e.errors > 0 ? 'errors' : e.warnings > 0 ? 'warnings' : 'ok';
    this.changed.add(u);
  }

  /** The units changed since the last call (their rows need redrawing). */
  takeChanged(): LiveUnit[] {
    const out = [...this.changed];
    this.changed.clear();
    return out;
  }

  /** The importer's result replaces the live view. */
  finish(summary: BatchSummary): void {
    const issuesOf = new Map<string, Issue[]>();
    for (const f of summary.files)
      if (f.unit) issuesOf.set(f.unit, [...(issuesOf.get(f.unit) ?? []), ...(f.issues ?? [])]);
    this.units.length = 0;
    for (const u of summary.units)
      this.units.push({
        code: u.code,
        name: u.name,
        status: u.status,
        file: u.file,
        errors: u.errors,
        warnings: u.warnings,
        issues: issuesOf.get(u.name) ?? [],
      });
    this.final = true;
  }

  shown(filter: LiveFilter): LiveUnit[] {
    if (filter === 'missing')
      return this.units.filter((u) => u.status === 'missing' || u.status === 'waiting');
    if (filter === 'errors')
      return this.units.filter((u) => u.status === 'errors' || u.status === 'unusable');
    return this.units;
  }
}
