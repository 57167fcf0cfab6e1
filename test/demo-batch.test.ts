// The demo set as a batch of reports: every unit's report reads as its own. Each returned workbook goes
// through the importer's check (checkWorkbookBytes) and the report builder; no sentence appears twice in a
// report or in two units' reports, beyond the genre's fixed formulas (the definition's report.fixedFormulas).
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNITS } from '../importer/src/demo/data';
import {
  DEMO_AS_OF,
  DEMO_CASES,
  buildDemoSet,
  unitFillInput,
  type DemoSet,
} from '../importer/src/demo/generate';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { unitReportText } from '../templates/src/report/index';
import { repeatedRisk } from '../templates/src/report/unit-report';
import { stripOrdinal } from '../templates/src/report/phrases';
import { definition } from '../templates/src/standard/ideology';
import type { Issue, Submission } from '../templates/src/standard/schema';

/** Sentences of a text, split after 。！？ (a paragraph's tail without one is a sentence too). */
function sentences(text: string): string[] {
  return (text.match(/[^。！？]+[。！？]?/gu) ?? []).map((s) => s.trim()).filter(Boolean);
}

/** A sentence without the ordinals the report puts in front ("（二）", "一是", "第一，", "此外，"). */
function bare(s: string): string {
  let t = s.trim();
  for (;;) {
    const u = stripOrdinal(t).replace(/^(?:此外|另外)，/u, '');
    if (u === t) return t;
    t = u;
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The definition's fixed formulas as patterns; "{*}" and "{subject}" match anything. */
const FORMULAS = definition.report.fixedFormulas.map(
  (f) => new RegExp(`^${escapeRe(f).replace(/\\\{(?:\\\*|subject)\\\}/g, '.*')}$`, 'u'),
);
/** The run-in heading of a 风险隐患分析研判 group ("（一）组织领导方面。"): the outline's, like "一、总体情况". */
const CATEGORY_LEAD = new RegExp(
  `^(?:${(definition.vocab.riskCategory?.values ?? []).map(escapeRe).join('|')})方面。$`,
  'u',
);
const isFormula = (s: string) => CATEGORY_LEAD.test(s) || FORMULAS.some((re) => re.test(s));

/**
 * The body paragraphs of a report's text: after the title, before the first blank line (the 附件 note and
 * the signature follow it), without the first-level headings.
 */
function bodyParagraphs(text: string): string[] {
  const lines = text.split('\n');
  const end = lines.indexOf('', 1);
  return lines.slice(1, end < 0 ? undefined : end).filter((l) => !/^[一二三四五六七八九十]+、/u.test(l));
}

/**
 * A subsection's run-in heading ("（二）强化理论武装，筑牢思想根基。", "第一，…。") is a heading, not a
 * sentence: headings of the genre repeat across units (seed 001's "（二）强化理论武装。"), sentences must not.
 */
const withoutHeading = (p: string) =>
  p.replace(/^(?:（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+，)[^。]*。/u, '');

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface UnitReport {
  unit: string;
  issues: Issue[];
  sub: Submission;
  text: string;
}

let set: DemoSet;
/** Every unit that passes the check, as the importer keeps it (the later of two, one of identical copies). */
const reports = new Map<string, UnitReport>();
const checked: { rel: string; unit: string | null; issues: Issue[] }[] = [];

beforeAll(async () => {
  set = await buildDemoSet(definition);
  const seen = new Set<string>();
  for (const f of set.files) {
    const h = sha(f.bytes);
    if (seen.has(h)) continue; // a byte-identical copy is one submission
    seen.add(h);
    const r = await checkWorkbookBytes(f.bytes, definition, { asOf: DEMO_AS_OF });
    const unit = r.submission?.unit.name ?? null;
    checked.push({ rel: f.rel, unit, issues: r.issues });
    if (!r.submission || r.issues.some((i) => i.severity === 'error')) continue;
    reports.set(r.submission.unit.name!, {
      unit: r.submission.unit.name!,
      issues: r.issues,
      sub: r.submission,
      text: unitReportText(r.submission, definition),
    });
  }
}, 120_000);

/** The unit's own words in its workbook (narrative and register), for telling data from stock phrases. */
function ownFragments(): string[] {
  const out: string[] = [];
  for (const u of DEMO_UNITS) {
    const texts = [
      u.opening ?? '',
      ...[...u.work, ...u.problems, ...u.nextSteps].flatMap((p) => [p.title, p.body]),
      ...u.risks.flatMap((r) => [r.description, r.detail, r.cause, r.measures, r.progress ?? '']),
    ];
    for (const t of texts) out.push(...t.split(/[，。；：！？]/u).filter((x) => x.length >= 6));
  }
  return out;
}

describe('the demo set as a batch of reports', () => {
  it('has the 30 reports the importer writes, and figure warnings only in the deliberate cases', () => {
    expect(reports.size).toBe(DEMO_UNITS.length - 4); // minus the missing unit and the 3 with errors
    const deliberate: Record<string, string[]> = {
      [DEMO_CASES.decimal]: ['metric.decimal'],
      [DEMO_CASES.word]: ['metric.notNumber'],
      [DEMO_CASES.periodMismatch]: ['field.periodMismatch'],
      [DEMO_CASES.coerced]: ['metric.coerced'],
    };
    for (const c of checked) {
      const rules = c.issues.map((i) => i.rule).filter((r) => r !== 'risk.overdue');
      expect(rules, `${c.rel}: ${c.issues.map((i) => i.message).join(' / ')}`).toEqual(
        deliberate[c.unit ?? ''] ?? [],
      );
    }
    // Overdue risks are deliberate too: the units whose register has a past deadline, not yet rectified.
    const overdueUnits = new Set(
      checked.filter((c) => c.issues.some((i) => i.rule === 'risk.overdue')).map((c) => c.unit),
    );
    expect(overdueUnits.size).toBeGreaterThanOrEqual(4);
  });

  it('fills 上级党组织, the 责任制 facts and 原因分析 as each unit wrote them', () => {
    const yes = definition.vocab.yesNo!.byRole.yes![0];
    const no = definition.vocab.yesNo!.byRole.no![0];
    for (const r of reports.values()) {
      const own = DEMO_UNITS.find((u) => u.name === r.unit || u.aliases.includes(r.unit))!;
      expect(r.sub.info?.superiorOrg, r.unit).toBe(own.superiorOrg ?? '市委');
      for (const k of ['dutyList', 'inAssessment', 'inReview'] as const)
        expect(r.sub.info?.[k], `${r.unit} ${k}`).toBe(own.duty?.[k] === false ? no : yes);
      expect(r.sub.risks.map((x) => x.values?.cause)).toEqual(own.risks.map((x) => x.cause));
    }
    const answers = [...reports.values()].flatMap((r) => [r.sub.info?.dutyList, r.sub.info?.inReview]);
    expect(answers).toContain(no);
  });

  it('repeats no sentence within a report, and drops none of the unit’s own', () => {
    for (const r of reports.values()) {
      const said = new Map<string, number>();
      for (const p of bodyParagraphs(r.text))
        for (const s of sentences(p)) said.set(bare(s), (said.get(bare(s)) ?? 0) + 1);
      const twice = [...said].filter(([s, n]) => n > 1 && !isFormula(s)).map(([s]) => s);
      expect(twice, r.unit).toEqual([]);
      // Every sentence the unit wrote is in its report (none silently dropped as a repeat).
      const own = DEMO_UNITS.find((u) => u.name === r.unit || u.aliases.includes(r.unit))!;
      const body = bodyParagraphs(r.text).join('');
      const written = [
        own.opening ?? '',
        ...[...own.work, ...own.problems, ...own.nextSteps].map((p) => p.body),
      ];
      // (A paragraph's last sentence may go on with the category's figures: "…落到实处，本季度…". A
      // 存在问题 sentence that a register risk of the unit tells is told once, with the risk: the measure
      // is the report's own, repeatedRisk.)
      const registered = (x: string) => repeatedRisk(definition, x, r.sub.risks) !== null;
      for (const s of written.flatMap(sentences)) {
        if (own.problems.some((p) => p.body.includes(s)) && registered(s)) continue;
        expect(body, `${r.unit}: ${s}`).toContain(s.replace(/。$/u, ''));
      }
    }
  });

  it('shares no sentence between two units’ reports beyond the fixed formulas', () => {
    const where = new Map<string, Set<string>>();
    for (const r of reports.values())
      for (const p of bodyParagraphs(r.text))
        for (const s of sentences(withoutHeading(p))) {
          const b = bare(s);
          if (isFormula(b)) continue;
          if (!where.has(b)) where.set(b, new Set());
          where.get(b)!.add(r.unit);
        }
    const shared = [...where].filter(([, units]) => units.size > 1);
    const fragments = ownFragments();
    // A shared sentence with a figure or with the unit's own words is the demo data's fault.
    const fromData = shared.filter(([s]) => /\d/u.test(s) || fragments.some((f) => s.includes(f)));
    expect(fromData.map(([s, u]) => `${s}（${[...u].join('、')}）`)).toEqual([]);
    // …and one made of stock phrases alone is the report generator's.
    const fromStock = shared.filter((x) => !fromData.includes(x)).map(([s]) => s);
    expect(fromStock).toEqual([]);
  });

  it('gives every unit words of its own: no sentence of one unit’s workbook in another’s', () => {
    const owner = new Map<string, string>();
    for (const u of DEMO_UNITS) {
      const texts = [
        u.opening ?? '',
        ...[...u.work, ...u.problems, ...u.nextSteps].flatMap((p) => [p.title, p.body]),
        ...u.risks.flatMap((r) => [r.description, r.detail, r.cause, r.progress ?? '']),
      ];
      const mine = new Set<string>();
      for (const s of texts.flatMap(sentences).map(bare)) {
        if (isFormula(s)) continue;
        expect(mine.has(s), `${u.name} repeats: ${s}`).toBe(false);
        mine.add(s);
        expect(owner.get(s), `${u.name} and ${owner.get(s)}: ${s}`).toBeUndefined();
        owner.set(s, u.name);
      }
    }
  });

  it('is deterministic: two runs give the same files byte for byte', async () => {
    const again = await buildDemoSet(definition);
    expect(again.files.map((f) => f.rel)).toEqual(set.files.map((f) => f.rel));
    expect(again.files.map((f) => sha(f.bytes))).toEqual(set.files.map((f) => sha(f.bytes)));
    expect(again.files.map((f) => f.mtime.getTime())).toEqual(set.files.map((f) => f.mtime.getTime()));
    expect(again.rosterCsv).toBe(set.rosterCsv);
  }, 60_000);

  it('fills a fixed number of register rows on request (tests and the benchmark)', () => {
    const unit = DEMO_UNITS.find((u) => u.risks.length === 0)!;
    const input = unitFillInput(unit, { seed: 1, risks: 3 }, definition);
    expect(input.risks).toHaveLength(3);
    expect(new Set(input.risks!.map((r) => r.id)).size).toBe(3);
    expect(unitFillInput(unit, { seed: 1 }, definition).risks).toHaveLength(0);
  });
});
