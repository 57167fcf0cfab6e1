// 工作情况: the signature fields above the table, then each row by its part (opening, work, problems,
// next steps, as the definition's roles name them), category checked against its vocabulary.
import type { SheetGrid } from '../xlsx/grid';
import { a1 } from '../xlsx/grid';
import { narrativeParts } from '../standard/roles';
import type { Narrative, NarrativeSection } from '../standard/schema';
import { cell, report, rowIsBlank, usable, type Ctx } from './context';
import { fieldValues, readField, type InfoValue } from './fields';
import { findHeader } from './locate';
import { cellText, normalizeLabel } from './values';

/** A narrative with nothing filled in. */
export function emptyNarrative(): Narrative {
  return {
    opening: null,
    sections: [],
    problems: [],
    nextSteps: [],
    signatureUnit: null,
    signatureDate: null,
  };
}

export function readNarrative(ctx: Ctx, sheet: SheetGrid | null): Narrative {
  const out = emptyNarrative();
  if (!sheet) return out;
  const def = ctx.def;
  const header = findHeader(sheet, def.narrativeColumns, 0, 2);
  const headerRow = header ? header.row : sheet.rows.length;
  // Fields (落款单位, 成文日期) sit above the table.
  const fvs = fieldValues(sheet, def.narrativeFields, 0, headerRow);
  const fieldVals: Record<string, InfoValue> = {};
  for (const f of def.narrativeFields) {
    const fv = fvs.get(f.key);
    fieldVals[f.key] = fv ? readField(ctx, sheet, f, fv) : null;
  }
  out.signatureUnit = typeof fieldVals.signatureUnit === 'string' ? fieldVals.signatureUnit : null;
  out.signatureDate = typeof fieldVals.signatureDate === 'string' ? fieldVals.signatureDate : null;
  if (!header) return out;
  const cols = header.cols;
  const parts = narrativeParts(def);
  const partVocab = def.narrativeColumns.find((c) => c.key === 'part')?.vocab;
  const catCol = def.narrativeColumns.find((c) => c.key === 'category');
  const openings: string[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    if (rowIsBlank(sheet, r)) continue;
    const get = (key: string): string | null => {
      const c = cols.get(key);
      if (c === undefined) return null;
      const label = def.narrativeColumns.find((x) => x.key === key)?.label ?? key;
      if (!usable(ctx, sheet, r, c, label)) return null;
      return cellText(cell(sheet, r, c));
    };
    const partText = get('part');
    let category = get('category');
    const title = get('title');
    const body = get('body');
    if (title === null && body === null && category === null) continue; // a part chosen, nothing written
    let part: string | null;
    if (partText === null) {
      report(ctx, {
        rule: 'narrative.partMissing',
        severity: 'warning',
        sheet: sheet.name,
        cell: cols.has('part') ? a1(r, cols.get('part')!) : null,
        field: def.narrativeColumns.find((c) => c.key === 'part')?.label ?? null,
        value: null,
        vars: { row: r + 1 },
      });
      part = parts.work;
    } else {
      const n = normalizeLabel(partText);
      part = Object.values(parts).find((p) => normalizeLabel(p) === n) ?? null;
      if (!part) {
        const values = partVocab
          ? (def.vocab[partVocab]?.values ?? Object.values(parts))
          : Object.values(parts);
        report(ctx, {
          rule: 'field.enum',
          severity: 'error',
          sheet: sheet.name,
          cell: a1(r, cols.get('part')!),
          field: def.narrativeColumns.find((c) => c.key === 'part')?.label ?? null,
          value: partText,
          vars: { allowed: values.join('、') },
        });
        continue;
      }
    }
    if (category !== null && catCol?.vocab) {
      const vocab = def.vocab[catCol.vocab];
      const match = vocab?.values.find((x) => normalizeLabel(x) === normalizeLabel(category!));
      if (vocab && !match) {
        report(ctx, {
          rule: 'field.enum',
          severity: 'error',
          sheet: sheet.name,
          cell: a1(r, cols.get('category')!),
          field: catCol.label,
          value: category,
          vars: { allowed: vocab.values.join('、') },
        });
        category = null;
      } else if (match) category = match;
    }
    if (title !== null && body === null) {
      report(ctx, {
        rule: 'narrative.bodyMissing',
        severity: 'warning',
        sheet: sheet.name,
        cell: cols.has('body') ? a1(r, cols.get('body')!) : null,
        field: def.narrativeColumns.find((c) => c.key === 'body')?.label ?? null,
        value: null,
        vars: { row: r + 1 },
      });
    }
    const section: NarrativeSection = { category, title, body };
    if (part === parts.opening) {
      if (body !== null || title !== null) openings.push(body ?? title!);
    } else if (part === parts.work) out.sections.push(section);
    else if (part === parts.problems) out.problems.push(section);
    else if (part === parts.nextSteps) out.nextSteps.push(section);
  }
  out.opening = openings.length > 0 ? openings.join('\n') : null;
  return out;
}
