// Step 4 of an import: each file's unit, in a fixed order, and each unit's winning submission. Roster
// units keep the roster's order; units not in it (all units, without a roster) follow, ordered by unit
// code, then name — never by which file happened to finish first.
import type { BatchRun } from './batch-run';
import { addIssue, fileFinding, laterThan, type FileRecord } from './records';
import { matchFileName, normalizeKey } from './roster-match';

export interface Winners {
  /** unit index → the submission used. */
  winner: Map<number, FileRecord>;
  /** unit index → what it sent that cannot be used (found by file name). */
  unusable: Map<number, FileRecord[]>;
}

/** Matches every checked file to a unit, adding the units the roster does not list. */
export function assignUnits(run: BatchRun): void {
  const { def, records, matcher } = run;
  const unknown: FileRecord[] = [];
  for (const rec of records) {
    if (rec.state !== 'used') continue;
    if (!rec.wbName && !rec.wbCode) {
      rec.state = 'unmatched';
      addIssue(rec, fileFinding(def, 'error', 'import.noUnit', rec.rel, {}));
      continue;
    }
    const m = matcher.match({ code: rec.wbCode, name: rec.wbName });
    if (m) rec.unit = m.index;
    else unknown.push(rec);
  }
  const sortKey = (r: FileRecord) => [
    r.wbCode ? 0 : 1,
    normalizeKey(r.wbCode ?? ''),
    normalizeKey(r.wbName ?? ''),
    r.rel,
  ];
  unknown.sort((a, b) => {
    const ka = sortKey(a);
    const kb = sortKey(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
  for (const rec of unknown) {
    const m = matcher.match({ code: rec.wbCode, name: rec.wbName });
    rec.unit =
      m?.index ??
      matcher.add({
        code: rec.wbCode ?? '',
        name: rec.wbName ?? rec.wbCode ?? '',
        aliases: [],
        group: null,
      });
  }
  // A document, an .xls or a damaged file belongs to the unit its name names: that unit sent something
  // (unusable), it did not fail to send.
  for (const rec of records) {
    if (rec.state !== 'document' && rec.state !== 'failed') continue;
    const m = matchFileName(matcher, rec.rel);
    if (m) {
      rec.unit = m.index;
      rec.byFileName = true;
    }
  }
}

/** Each unit's winning submission; the others are set aside as superseded (or identical) with a 警告. */
export function chooseWinners(run: BatchRun): Winners {
  const { def, records, matcher } = run;
  const winner = new Map<number, FileRecord>();
  const unusable = new Map<number, FileRecord[]>();
  for (const rec of records) {
    if (rec.unit === null) continue;
    if (rec.state === 'used') {
      const cur = winner.get(rec.unit);
      if (!cur || laterThan(rec, cur)) winner.set(rec.unit, rec);
    } else if (rec.byFileName) unusable.set(rec.unit, [...(unusable.get(rec.unit) ?? []), rec]);
  }
  for (const rec of records) {
    if (rec.state === 'used' && rec.unit !== null && winner.get(rec.unit) !== rec) {
      rec.state = 'superseded';
      rec.extraIssues.push(
        fileFinding(def, 'warning', 'import.superseded', null, { other: winner.get(rec.unit)!.rel }),
      );
    }
    if (rec.state === 'identical' && rec.identicalTo !== null) {
      rec.extraIssues.push(
        fileFinding(def, 'warning', 'import.identical', null, { other: records[rec.identicalTo].rel }),
      );
    }
  }
  // Unknown units (with a roster): a warning on the file that brought them.
  for (const [unit, rec] of winner) {
    if (run.hasRoster && unit >= run.rosterSize)
      addIssue(
        rec,
        fileFinding(def, 'warning', 'import.unknownUnit', matcher.units[unit].name, {
          value: matcher.units[unit].name,
        }),
      );
  }
  return { winner, unusable };
}

/** The unit a file counts for: its own, or (a byte-identical copy) that of the file it copies. */
export function unitOf(run: BatchRun, rec: FileRecord): number | null {
  return rec.unit ?? (rec.identicalTo !== null ? run.records[rec.identicalTo].unit : null);
}
