// The rows of the tracking workbook, from the run's records: one status row per unit (roster order, then
// the units found), and the metric, risk, issue and file rows as generators that read the spool back in
// unit order, so nothing bulky is held while the workbook is written. The counted units' figures, risks
// and words feed the aggregate (summary report) as the rows go by.
import {
  arrivalDay,
  formatDate,
  localDay,
  timelinessOf,
  type Issue,
  type Risk,
  type Timeliness,
} from '../../../templates/src/index';
import { Aggregator, type UnitWords } from './aggregate';
import type { BatchRun } from './batch-run';
import { FILE_STATUS_LABEL, SEVERITY_LABEL } from './labels';
import { fileFinding, type FileRecord } from './records';
import type { FileRow, IssueRow, MetricRow, RiskRow, StatusRow, UnitStatus } from './tracking';
import { unitOf, type Winners } from './units';

export interface TrackingRows {
  statusRows: StatusRow[];
  /** Units whose figures are counted: a winning submission without errors, by unit index. */
  counted: { unit: number; rec: FileRecord }[];
  /** Fed while metricRows and riskRows are read. */
  agg: Aggregator;
  metricRows(): Iterable<MetricRow>;
  riskRows(): AsyncIterable<RiskRow>;
  issueRows(): AsyncIterable<IssueRow>;
  fileRows(): Iterable<FileRow>;
  /** A file's issues as listed: its own (unless it was set aside as a duplicate), then ours. */
  issuesOf(rec: FileRecord): Promise<Issue[]>;
}

const statusOfRec = (rec: FileRecord): Exclude<UnitStatus, 'missing' | 'unusable'> =>
  rec.errors > 0 ? 'errors' : rec.warnings > 0 ? 'warnings' : 'ok';

/** Why a unit is 迟报, for its 备注: the date that was late and what it is. */
function lateNote(t: Timeliness | null | undefined, deadline: string): string | null {
  if (!t?.late || !t.lateDate) return null;
  const what = t.basis === 'fillDate' ? '填报日期' : '文件收到日期（按文件修改时间）';
  return `${what}${formatDate(t.lateDate) ?? t.lateDate}晚于报送截止日期${formatDate(deadline) ?? deadline}`;
}

export function trackingRows(run: BatchRun, { winner, unusable }: Winners): TrackingRows {
  const { def, records, matcher, spool, opts } = run;
  const asOf = opts.asOf ?? localDay();
  /** 按时 or 迟报 of what the unit sent (the unit's own deadline, else the round's). */
  const timelinessFor = (i: number, rec: FileRecord | undefined) => {
    const deadline = matcher.units[i].deadline ?? opts.deadline ?? null;
    if (!rec || !deadline) return { timeliness: null, deadline };
    return {
      timeliness: timelinessOf(deadline, rec.fillDate, arrivalDay(rec.mtimeMs, asOf)),
      deadline,
    };
  };
  const unitName = (i: number) => matcher.units[i].name;
  const filesOfUnit = new Map<number, FileRecord[]>();
  for (const rec of records) {
    const u = unitOf(run, rec);
    if (u === null) continue;
    filesOfUnit.set(u, [...(filesOfUnit.get(u) ?? []), rec]);
  }
  const statusRows: StatusRow[] = matcher.units.map((u, i) => {
    const rec = winner.get(i);
    const noteParts: string[] = [];
    if (run.hasRoster && i >= run.rosterSize) noteParts.push('不在单位名册中');
    const bad = unusable.get(i) ?? [];
    const shown = rec ?? bad[bad.length - 1];
    for (const o of (filesOfUnit.get(i) ?? []).filter((r) => r !== shown)) {
      if (o.state === 'identical') noteParts.push(`另有相同文件：${o.rel}`);
      else if (o.state === 'superseded') noteParts.push(`另有较早报送：${o.rel}`);
      else noteParts.push(`另有无法使用的文件：${o.rel}`);
    }
    const empty = { risks: 0, high: 0, overdue: 0 };
    const contact = { contact: u.contact ?? null, phone: u.phone ?? null };
    const { timeliness, deadline } = timelinessFor(i, rec ?? shown);
    const late = deadline ? lateNote(timeliness, deadline) : null;
    if (late) noteParts.push(late);
    if (!rec && shown) {
      if (shown.firstError) noteParts.unshift(shown.firstError);
      return {
        code: u.code,
        name: u.name,
        group: u.group,
        status: 'unusable',
        file: shown.rel,
        fillDate: null,
        errors: shown.errors,
        warnings: shown.warnings,
        ...empty,
        ...contact,
        timeliness,
        note: noteParts.join('；'),
      };
    }
    if (!rec)
      return {
        code: u.code,
        name: u.name,
        group: u.group,
        status: 'missing',
        file: null,
        fillDate: null,
        errors: 0,
        warnings: 0,
        ...empty,
        ...contact,
        timeliness: null,
        note: noteParts.join('；'),
      };
    return {
      code: u.code,
      name: u.name,
      group: u.group,
      status: statusOfRec(rec),
      file: rec.rel,
      fillDate: rec.fillDate,
      errors: rec.errors,
      warnings: rec.warnings,
      risks: rec.risks,
      high: rec.high,
      overdue: rec.overdue,
      ...contact,
      timeliness,
      note: noteParts.join('；'),
    };
  });

  // Counted = the winning submission of a unit, without errors. Their figures and risks are summed.
  const counted: { unit: number; rec: FileRecord }[] = [];
  matcher.units.forEach((_, i) => {
    const rec = winner.get(i);
    if (rec && rec.errors === 0) counted.push({ unit: i, rec });
  });

  const agg = new Aggregator(def);
  function* metricRows(): Iterable<MetricRow> {
    for (const { unit, rec } of counted) {
      const u = matcher.units[unit];
      const current = rec.current ?? def.metrics.map(() => null);
      agg.addUnit(u.name, current, rec);
      agg.addEarlier(u.name, rec.earlier);
      yield { code: u.code, name: u.name, group: u.group, current };
    }
  }
  async function* riskRows(): AsyncIterable<RiskRow> {
    for (const { unit, rec } of counted) {
      if (rec.wordsSpan) agg.addWords(matcher.units[unit].name, await spool.get<UnitWords>(rec.wordsSpan));
      if (!rec.riskSpan) continue;
      const u = matcher.units[unit];
      for (const risk of await spool.get<Risk[]>(rec.riskSpan)) {
        agg.addRisk(u.name, risk);
        yield { code: u.code, name: u.name, risk };
      }
    }
  }
  const missingIssues: IssueRow[] = [];
  statusRows.forEach((r) => {
    if (r.status === 'missing')
      missingIssues.push({
        unit: r.name,
        file: '',
        issue: fileFinding(def, 'error', 'import.missing', r.name, { value: r.name }),
      });
  });
  const issuesOf = async (rec: FileRecord): Promise<Issue[]> => {
    const list = rec.issueSpan ? await spool.get<Issue[]>(rec.issueSpan) : [];
    const own = rec.state === 'superseded' || rec.state === 'identical' ? [] : list;
    return [...own, ...rec.extraIssues];
  };
  async function* issueRows(): AsyncIterable<IssueRow> {
    // In unit order, then files that belong to no unit, then the units that did not submit.
    const order: FileRecord[] = [];
    const seen = new Set<FileRecord>();
    matcher.units.forEach((_, i) => {
      for (const rec of filesOfUnit.get(i) ?? [])
        if (!seen.has(rec)) {
          order.push(rec);
          seen.add(rec);
        }
    });
    for (const rec of records) if (!seen.has(rec)) order.push(rec);
    for (const rec of order) {
      const u = unitOf(run, rec);
      const name = u !== null ? unitName(u) : (rec.wbName ?? '');
      for (const issue of await issuesOf(rec)) yield { unit: name, file: rec.rel, issue };
    }
    for (const m of missingIssues) yield m;
  }
  function* fileRows(): Iterable<FileRow> {
    for (const rec of records) {
      const u = unitOf(run, rec);
      const first = rec.firstError ?? rec.extraIssues[0]?.message ?? null;
      let note = '';
      if (rec.state === 'unpacked') note = `压缩包，其中有${rec.source.entries ?? 0}个文件，见下`;
      else if (rec.state === 'used' || rec.state === 'superseded' || rec.state === 'identical')
        note =
          rec.errors + rec.warnings > 0
            ? `${SEVERITY_LABEL.error}${rec.errors}条，${SEVERITY_LABEL.warning}${rec.warnings}条`
            : '';
      else if (first) note = first;
      if (rec.byFileName) note = note ? `${note}（按文件名识别单位）` : '按文件名识别单位';
      yield {
        file: rec.rel,
        status: FILE_STATUS_LABEL[rec.state],
        unit: u !== null ? unitName(u) : null,
        note,
      };
    }
  }
  return { statusRows, counted, agg, metricRows, riskRows, issueRows, fileRows, issuesOf };
}
