// The year at a glance, from the store: each unit's periods side by side (报送情况 and every metric), the
// year's 本年累计 checked against the sum of the periods, and the risks opened and closed during the year.
// The periods are those of the report kind the units used most that year (quarters, or half-years).
import ExcelJS from 'exceljs';
import { isDoneStatus, type Definition } from '../../../templates/src/index';
import { STATUS_LABEL } from '../import/labels';
import { BORDER, FILLS, INT_FMT, addSheet, fitRowHeight, headerRow } from '../import/sheet-style';
import { periodKey } from './periods';
import type { Store, StoredSubmission } from './store';

export interface YearUnit {
  unitKey: string;
  code: string | null;
  name: string;
  /** By period (the view's periods, in order): the unit's current submission, or null. */
  periods: (StoredSubmission | null)[];
}

export interface YearRisk {
  unit: string;
  id: string;
  category: string | null;
  description: string | null;
  /** The first period of the year that lists it, and whether an earlier year already did. */
  firstSeen: string;
  fromEarlierYear: boolean;
  /** The period of the year in which it was marked closed, or null. */
  closedIn: string | null;
  /** Its last 整改状态 of the year, and whether it then disappeared without being closed. */
  lastStatus: string | null;
  vanished: boolean;
}

export interface YearView {
  year: number;
  reportKind: string;
  /** Period names (e.g. 第一季度 … 第四季度) and keys. */
  periods: { name: string; key: string }[];
  units: YearUnit[];
  risks: YearRisk[];
  /** Report kinds also found that year but not shown (e.g. a unit that sent a 半年自查报告). */
  otherKinds: string[];
}

/** Builds the year's view, or null when the store holds nothing of that year. */
export function yearView(store: Store, year: number, def: Definition): YearView | null {
  const kinds = def.reportKinds.map((k) => {
    const periods = k.periods.flatMap((name) => {
      const p = def.periods.find((x) => x.name === name);
      return p ? [{ name, key: periodKey({ year, code: p.code }) }] : [];
    });
    const subs = periods.map((p) => store.currentSubmissions(p.key));
    return { kind: k, periods, subs, count: subs.reduce((n, s) => n + s.length, 0) };
  });
  const used = kinds.filter((k) => k.count > 0).sort((a, b) => b.count - a.count);
  if (used.length === 0) return null;
  const main = used[0];

  const units = new Map<string, YearUnit>();
  main.subs.forEach((list, pi) => {
    for (const s of list) {
      const key = s.unitKey ?? s.unitName ?? s.fileName;
      let u = units.get(key);
      if (!u) {
        const known = s.unitKey ? store.unit(s.unitKey) : null;
        u = {
          unitKey: key,
          code: known?.code ?? s.unitCode,
          name: known?.name ?? s.unitName ?? key,
          periods: main.periods.map(() => null),
        };
        units.set(key, u);
      }
      u.periods[pi] = s;
    }
  });
  const ordered = [...units.values()].sort(
    (a, b) =>
      (a.code ? 0 : 1) - (b.code ? 0 : 1) ||
      (a.code ?? '').localeCompare(b.code ?? '') ||
      a.name.localeCompare(b.name),
  );

  const label = (key: string) => main.periods.find((p) => p.key === key)?.name ?? key;
  const risks: YearRisk[] = [];
  for (const u of ordered) {
    const seen = new Map<string, YearRisk>();
    u.periods.forEach((s, pi) => {
      if (!s?.submission) return;
      const listed = new Set<string>();
      for (const r of s.submission.risks) {
        listed.add(r.id);
        let y = seen.get(r.id);
        if (!y) {
          y = {
            unit: u.name,
            id: r.id,
            category: r.category,
            description: r.description,
            firstSeen: main.periods[pi].name,
            fromEarlierYear: false,
            closedIn: null,
            lastStatus: null,
            vanished: false,
          };
          seen.set(r.id, y);
        }
        y.lastStatus = r.status;
        y.vanished = false;
        if (isDoneStatus(def, r.status)) y.closedIn ??= label(main.periods[pi].key);
      }
      // Listed before, not closed, and gone from this period's register.
      for (const y of seen.values())
        if (!listed.has(y.id) && !y.closedIn && !isDoneStatus(def, y.lastStatus)) y.vanished = true;
    });
    // A risk the unit listed in an earlier year is carried over, not opened this year.
    if (seen.size) {
      const history = store.unitHistory(u.unitKey);
      for (const h of history?.risks ?? [])
        if (seen.has(h.riskId) && h.timeline.some((t) => Number(t.periodKey.slice(0, 4)) < year))
          seen.get(h.riskId)!.fromEarlierYear = true;
    }
    risks.push(...seen.values());
  }
  return {
    year,
    reportKind: main.kind.name,
    periods: main.periods,
    units: ordered,
    risks,
    otherKinds: used.slice(1).map((k) => k.kind.name),
  };
}

/** The workbook's file name: 2023年度各期汇总台账.xlsx. */
export function yearFileName(year: number): string {
  return `${year}年度各期汇总台账.xlsx`;
}

/** 全年 views of the year: 各期报送, 各期指标 (with the 本年累计 check), 风险隐患（全年）. */
export async function yearWorkbook(view: YearView, def: Definition): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yanpan';
  const caption = `${view.year}年度${def.subject}工作各期汇总台账`;
  const names = view.periods.map((p) => p.name);

  // 各期报送: one row per unit, one column per period.
  {
    const widths = [12, 28, ...names.map(() => 12)];
    const ws = addSheet(wb, '各期报送', { widths, frozen: { x: 2, y: 1 }, titleRows: '1:1', caption });
    headerRow(ws, ['单位代码', '单位名称', ...names]);
    for (const u of view.units) {
      const row = ws.addRow([
        u.code ?? '',
        u.name,
        ...u.periods.map((s) => (s ? STATUS_LABEL[s.status] : '未报送')),
      ]);
      u.periods.forEach((s, i) => {
        const c = row.getCell(3 + i);
        c.alignment = { horizontal: 'center' };
        if (!s) c.fill = FILLS.missing;
        else if (s.status === 'errors') c.fill = FILLS.error;
      });
      border(row, widths.length);
    }
  }

  // 各期指标: one row per unit × metric; the periods' 本期数, their sum and the latest 本年累计.
  {
    const widths = [12, 24, 34, ...names.map(() => 10), 10, 12, 22];
    const ws = addSheet(wb, '各期指标', { widths, frozen: { x: 3, y: 1 }, titleRows: '1:1', caption });
    headerRow(ws, ['单位代码', '单位名称', '指标', ...names, '各期合计', '本年累计（最近一期）', '核对'], 36);
    for (const u of view.units) {
      for (const m of def.metrics) {
        const values = u.periods.map(
          (s) => s?.submission?.metrics.find((x) => x.id === m.id)?.current ?? null,
        );
        const flow = m.kind === 'flow';
        const last = lastIndex(u.periods);
        const ytd =
          flow && last >= 0
            ? (u.periods[last]!.submission?.metrics.find((x) => x.id === m.id)?.ytd ?? null)
            : null;
        const upTo = values.slice(0, last + 1);
        const complete = last >= 0 && upTo.every((v) => v !== null);
        const sum = flow && complete ? upTo.reduce((a, v) => a! + v!, 0)! : null;
        const check = !flow
          ? '期末数，不合计'
          : last < 0
            ? ''
            : !complete
              ? `缺${names.filter((_, i) => i <= last && values[i] === null).join('、')}数据，无法核对`
              : ytd === null
                ? '最近一期未填本年累计'
                : ytd === sum
                  ? '一致'
                  : `不一致（相差${Math.abs(ytd - sum!)}）`;
        const row = ws.addRow([u.code ?? '', u.name, `${m.name}（${m.unit}）`, ...values, sum, ytd, check]);
        for (let c = 4; c <= 5 + names.length; c++) row.getCell(c).numFmt = INT_FMT;
        if (check.startsWith('不一致')) row.getCell(widths.length).fill = FILLS.warning;
        border(row, widths.length);
        fitRowHeight(row, widths, [3, widths.length]);
      }
    }
  }

  // 风险隐患（全年）: each risk of the year, where it came from and where it went.
  {
    const widths = [24, 12, 14, 40, 12, 12, 12, 22];
    const ws = addSheet(wb, '风险隐患（全年）', { widths, frozen: { y: 1 }, titleRows: '1:1', caption });
    headerRow(ws, [
      '单位名称',
      '风险编号',
      '风险类别',
      '风险隐患描述',
      '来源',
      '整改完成于',
      '最近整改状态',
      '说明',
    ]);
    for (const r of view.risks) {
      const note = r.closedIn
        ? `${r.closedIn}已整改`
        : r.vanished
          ? '未标记已整改即不再报告，需核实'
          : '年内尚未整改完成';
      const row = ws.addRow([
        r.unit,
        r.id,
        r.category ?? '',
        r.description ?? '',
        r.fromEarlierYear ? '上年结转' : `${r.firstSeen}新增`,
        r.closedIn ?? '',
        r.lastStatus ?? '',
        note,
      ]);
      if (r.vanished) row.getCell(8).fill = FILLS.warning;
      border(row, widths.length);
      fitRowHeight(row, widths, [1, 4, 8]);
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function lastIndex(periods: readonly (StoredSubmission | null)[]): number {
  for (let i = periods.length - 1; i >= 0; i--) if (periods[i]?.submission) return i;
  return -1;
}

function border(row: ExcelJS.Row, cols: number): void {
  for (let c = 1; c <= cols; c++) row.getCell(c).border = BORDER;
}
