// 基本信息: every field of the definition by its key (so an added field flows through), 报告期 checked
// against 报告类型, and the unit reconciled with the one the template locked in its meta sheet.
import type { Definition, PeriodDef } from '../standard/types';
import type { SheetGrid } from '../xlsx/grid';
import { a1 } from '../xlsx/grid';
import { report, type Ctx } from './context';
import { fieldValues, readField, type InfoValue } from './fields';
import type { Meta } from './meta';
import { cellText, normalizeLabel, normalizeText } from './values';

interface InfoResult {
  values: Record<string, InfoValue>;
  cells: Record<string, string | null>;
}

function readInfo(ctx: Ctx, sheet: SheetGrid): InfoResult {
  const def = ctx.def;
  // The 填写说明 column, found by its header text in the first rows.
  const hintHeader = def.texts.infoHeaderHint;
  let hintCol: number | null = null;
  if (hintHeader) {
    for (let r = 0; r < Math.min(sheet.rows.length, 10) && hintCol === null; r++) {
      const i = (sheet.rows[r] ?? []).findIndex(
        (v) => normalizeLabel(cellText(v) ?? '') === normalizeLabel(hintHeader),
      );
      if (i > 0) hintCol = i;
    }
  }
  const fvs = fieldValues(sheet, def.info, 0, sheet.rows.length, hintCol);
  const values: Record<string, InfoValue> = {};
  const cells: Record<string, string | null> = {};
  for (const f of def.info) {
    const fv = fvs.get(f.key);
    cells[f.key] = fv ? a1(fv.row, fv.col) : null;
    values[f.key] = readField(ctx, sheet, f, fv);
  }
  // 报告期 consistent with 报告类型.
  const kindName = values.reportKind;
  const period = values.period;
  if (typeof kindName === 'string' && typeof period === 'string') {
    const kind = def.reportKinds.find((k) => k.name === kindName);
    if (kind && !kind.periods.includes(period)) {
      report(ctx, {
        rule: 'field.periodMismatch',
        severity: 'error',
        sheet: sheet.name,
        cell: cells.period,
        field: def.info.find((f) => f.key === 'period')?.label ?? null,
        value: period,
        vars: { kind: kind.name, periods: kind.periods.join('、') },
      });
    }
  }
  return { values, cells };
}

/** A 基本信息 value as text (null when blank). */
export function infoText(values: Readonly<Record<string, InfoValue>>, key: string): string | null {
  const v = values[key];
  return v === undefined || v === null ? null : String(v);
}

/**
 * The 基本信息 values by field key, with 单位名称 and 单位代码 reconciled with the meta sheet: a code that
 * differs from the locked one is an 错误; a blank name or code is taken from the meta sheet.
 */
export function checkInfo(
  ctx: Ctx,
  sheet: SheetGrid | null,
  meta: Pick<Meta, 'unitCode' | 'unitName'>,
): Record<string, InfoValue> {
  const def = ctx.def;
  const info = sheet ? readInfo(ctx, sheet) : { values: {}, cells: {} as Record<string, string | null> };
  let unitCode = infoText(info.values, 'unitCode');
  let unitName = infoText(info.values, 'unitName');
  if (meta.unitCode !== null) {
    if (unitCode === null) unitCode = meta.unitCode;
    else if (normalizeText(unitCode) !== normalizeText(meta.unitCode))
      report(ctx, {
        rule: 'meta.codeMismatch',
        severity: 'error',
        sheet: sheet?.name ?? null,
        cell: info.cells.unitCode ?? null,
        field: def.info.find((f) => f.key === 'unitCode')?.label ?? null,
        value: unitCode,
        vars: { lockedCode: meta.unitCode },
      });
  }
  if (unitName === null && meta.unitName !== null) unitName = meta.unitName;
  return { ...info.values, unitName, unitCode };
}

/** The 报告期 whose own rules apply: only when it agrees with 报告类型 (else that 错误 says enough). */
export function reportPeriod(def: Definition, values: Readonly<Record<string, InfoValue>>): PeriodDef | null {
  const kindOf = def.reportKinds.find((k) => k.name === infoText(values, 'reportKind'));
  const periodName = infoText(values, 'period');
  return periodName && (!kindOf || kindOf.periods.includes(periodName))
    ? (def.periods.find((p) => p.name === periodName) ?? null)
    : null;
}
