// The superior's consolidated summary report (汇总分析报告, compare seed 001), from plain data the importer
// fills: submission counts, metric totals with the leading units, risks by category and level, common
// problems, high and overdue risks, and the units that did not submit.
import { formatTemplate } from '../standard/format';
import type { Definition } from '../standard/types';
import type { AppendixTable, Block } from './blocks';
import { clause, summaryWorkTitle, suggestionFor } from './phrases';
import {
  formatCount,
  formatDate,
  formatPercent,
  headingOrdinal,
  sectionOrdinal,
  shiOrdinal,
} from './numbers';

export interface SummaryRisk {
  unit: string;
  id: string;
  category?: string | null;
  description: string;
  level: string | null;
  overdue: boolean;
  deadline?: string | null;
  status?: string | null;
}

export interface SummaryInput {
  /** Overrides the generated title. */
  title?: string;
  /** 上级单位, e.g. 市直机关工委: signs the report. */
  issuer: string;
  year: number;
  /** 报告期 as in the definition (第三季度, 上半年 …). */
  period: string;
  reportKind: string;
  /** 成文日期 YYYY-MM-DD (optional). */
  date?: string | null;
  units: {
    expected: number;
    submitted: number;
    onTime?: number | null;
    /** Submitted and passed with warnings only. */
    withWarnings?: number | null;
    withErrors: number;
    missing: { code: string | null; name: string }[];
  };
  /** One entry per metric id; total null when no unit filled it. `top` sorted by value, largest first. */
  metricTotals: {
    id: string;
    total: number | null;
    /** Number of units that reported a value above zero. */
    units?: number | null;
    top: { unit: string; value: number }[];
  }[];
  riskCounts: { category: string; level: string; count: number }[];
  commonProblems: { category: string; units: number; examples: string[] }[];
  highRisks: SummaryRisk[];
  overdueRisks: SummaryRisk[];
  /** Sentences on the main changes since the previous period (workspace store); one paragraph. */
  changes?: string[];
}

export function summaryTitle(input: SummaryInput): string {
  if (input.title?.trim()) return input.title.trim();
  return `关于${input.year}年${input.period}意识形态工作分析研判情况的汇总报告`;
}

export function summaryFileName(input: SummaryInput): string {
  // eslint-disable-next-line no-control-regex
  return `${summaryTitle(input).replace(/[\u0000-\u001f\\/:*?"<>|]/g, '_')}.docx`;
}

const MAX_LISTED_RISKS = 20;

function phraseOf(m: Definition['metrics'][number], def: Definition): string {
  return formatTemplate(m.phrase, { subject: def.subject, meeting: '党组（党委）会议' });
}
const MAX_TOP_UNITS = 2;
const MAX_LEADER_METRICS = 3;

function periodPhrases(input: SummaryInput, def: Definition) {
  const p = def.periods.find((x) => x.name === input.period);
  return { current: p?.currentPhrase ?? '本期' };
}

/** "本季度共组织理论学习中心组集体学习120次，开展专题学习研讨45次" for a category; '' when nothing. */
function categoryTotals(input: SummaryInput, def: Definition, category: string, lead: string): string {
  const totals = new Map(input.metricTotals.map((t) => [t.id, t]));
  const items: string[] = [];
  for (const m of def.metrics) {
    if (m.category !== category) continue;
    const t = totals.get(m.id);
    if (!t || t.total == null || t.total <= 0) continue;
    items.push(`${phraseOf(m, def)}${formatCount(t.total, m.unit, m.style)}`);
  }
  return items.length ? `${lead}${items.join('，')}` : '';
}

/**
 * "其中，市委网信办通过网站…1.3万余篇、市文联410篇；市妇联开展宣传教育活动1754场、市文联120场。" — the
 * leading units of the category's most notable metrics: at most MAX_LEADER_METRICS metrics, those where the
 * leading unit accounts for the largest share of the total (the figures worth naming), in definition order.
 */
function categoryLeaders(input: SummaryInput, def: Definition, category: string): string {
  const totals = new Map(input.metricTotals.map((t) => [t.id, t]));
  const candidates = def.metrics
    .map((m, order) => {
      const t = totals.get(m.id);
      const top = (t?.top ?? []).filter((u) => u.value > 0).slice(0, MAX_TOP_UNITS);
      const share = top.length && t?.total ? top[0].value / t.total : top.length ? 1 : 0;
      return { m, order, top, share };
    })
    .filter((c) => c.m.category === category && c.top.length > 0);
  const chosen = [...candidates]
    .sort((a, b) => b.share - a.share || a.order - b.order)
    .slice(0, MAX_LEADER_METRICS)
    .sort((a, b) => a.order - b.order);
  const parts = chosen.map(({ m, top }) => {
    const [first, ...rest] = top;
    const more = rest.map((u) => `${u.unit}${formatCount(u.value, m.unit, m.style)}`);
    return [`${first.unit}${phraseOf(m, def)}${formatCount(first.value, m.unit, m.style)}`, ...more].join(
      '、',
    );
  });
  return parts.length ? `其中，${parts.join('；')}。` : '';
}

function riskList(risks: readonly SummaryRisk[], note: (r: SummaryRisk) => string): string {
  const listed = risks.slice(0, MAX_LISTED_RISKS);
  const text = listed
    .map(
      (r, i) =>
        `${listed.length > 1 ? shiOrdinal(i + 1) : ''}${r.unit}（${r.id}）${clause(r.description)}${note(r)}。`,
    )
    .join('');
  return risks.length > listed.length ? `${text}另有${risks.length - listed.length}条，详见汇总台账。` : text;
}

export function summaryReportBlocks(input: SummaryInput, def: Definition): Block[] {
  const { units } = input;
  const ph = periodPhrases(input, def);
  const title = summaryTitle(input);
  const blocks: Block[] = [{ kind: 'title', text: title, words: [title] }];
  const periodTitle = def.periods.find((p) => p.name === input.period)?.titleName ?? input.period;
  const kindTitle = def.reportKinds.find((k) => k.name === input.reportKind)?.titleSuffix ?? input.reportKind;

  blocks.push({
    kind: 'para',
    text: `根据意识形态工作责任制有关要求，${input.issuer}组织各单位报送了${input.year}年${periodTitle}${kindTitle}和标准填报表，并对报送材料进行了汇总分析。现将有关情况报告如下：`,
  });

  // 一、总体情况
  blocks.push({ kind: 'h1', text: `${headingOrdinal(1)}总体情况` });
  let s = `本次应报送单位${units.expected}家，实际报送${units.submitted}家`;
  if (units.onTime != null) s += `（其中按时报送${units.onTime}家）`;
  if (units.expected > 0) s += `，报送率${formatPercent(units.submitted / units.expected)}`;
  s += '。';
  const passed = units.submitted - units.withErrors;
  if (units.submitted > 0) {
    s += `经校验，${passed}家单位填报表符合要求`;
    if (units.withWarnings) s += `（其中${units.withWarnings}家有需核实的警告事项）`;
    s += units.withErrors ? `，${units.withErrors}家单位填报表存在错误，已退回修改。` : '。';
  }
  if (units.missing.length) s += `尚有${units.missing.length}家单位未报送（名单见附件）。`;
  blocks.push({ kind: 'para', text: s });

  const categories = [...new Set(def.metrics.map((m) => m.category))];
  const metricParts = categories.map((c) => categoryTotals(input, def, c, '')).filter(Boolean);
  if (metricParts.length)
    blocks.push({ kind: 'para', text: `从工作指标看，各单位${ph.current}共${metricParts.join('；')}。` });

  const totalRisks = input.riskCounts.reduce((a, r) => a + r.count, 0);
  if (totalRisks === 0) {
    blocks.push({ kind: 'para', text: `从风险隐患看，各单位${ph.current}未上报意识形态工作风险隐患。` });
  } else {
    const catOrder = [...(def.vocab.riskCategory?.values ?? [])];
    for (const r of input.riskCounts) if (!catOrder.includes(r.category)) catOrder.push(r.category);
    const byCat = catOrder
      .map(
        (c) =>
          [c, input.riskCounts.filter((r) => r.category === c).reduce((a, r) => a + r.count, 0)] as const,
      )
      .filter(([, n]) => n > 0);
    const byLevel = (def.vocab.riskLevel?.values ?? [])
      .map(
        (l) => [l, input.riskCounts.filter((r) => r.level === l).reduce((a, r) => a + r.count, 0)] as const,
      )
      .filter(([, n]) => n > 0);
    let t = `从风险隐患看，各单位共排查上报意识形态工作风险隐患${totalRisks}条，其中，${byCat.map(([c, n]) => `${c}方面${n}条`).join('，')}。`;
    if (byLevel.length) t += `按风险等级分，${byLevel.map(([l, n]) => `${l}风险${n}条`).join('、')}。`;
    if (input.overdueRisks.length) t += `其中超过整改时限仍未整改完成${input.overdueRisks.length}条。`;
    blocks.push({ kind: 'para', text: t });
  }

  if (input.changes?.length) blocks.push({ kind: 'para', text: input.changes.join('') });

  // 二、工作开展情况
  blocks.push({ kind: 'h1', text: `${headingOrdinal(2)}工作开展情况` });
  let n = 0;
  for (const c of categories) {
    const totals = categoryTotals(input, def, c, `各单位${ph.current}共`);
    if (!totals) continue;
    blocks.push({
      kind: 'para',
      lead: `${sectionOrdinal(++n)}${summaryWorkTitle(c)}。`,
      text: `${totals}。${categoryLeaders(input, def, c)}`,
    });
  }
  if (n === 0) blocks.push({ kind: 'para', text: `各单位${ph.current}报送的填报表中未填写工作指标数据。` });

  // 三、存在问题
  blocks.push({ kind: 'h1', text: `${headingOrdinal(3)}存在问题` });
  const problems = [...input.commonProblems].filter((p) => p.units > 0).sort((a, b) => b.units - a.units);
  if (problems.length === 0) blocks.push({ kind: 'para', text: '各单位本次未集中反映突出问题。' });
  problems.forEach((p, i) => {
    const examples = p.examples.map(clause).filter(Boolean).slice(0, 3);
    blocks.push({
      kind: 'para',
      lead: `${sectionOrdinal(i + 1)}${p.category}方面。`,
      text:
        `共有${p.units}家单位排查出此类问题` +
        (examples.length === 1
          ? `，主要表现为${examples[0]}。`
          : examples.length
            ? `，主要表现为：${examples.map((e, k) => `${shiOrdinal(k + 1)}${e}`).join('；')}。`
            : '。'),
    });
  });

  // 四、高风险和逾期风险隐患
  blocks.push({ kind: 'h1', text: `${headingOrdinal(4)}高风险和逾期风险隐患` });
  if (!input.highRisks.length && !input.overdueRisks.length)
    blocks.push({
      kind: 'para',
      text: '各单位本次未上报高风险隐患，也无超过整改时限仍未整改完成的风险隐患。',
    });
  else {
    const high = def.vocab.riskLevel?.values[0] ?? '高';
    if (input.highRisks.length)
      blocks.push({
        kind: 'para',
        lead: `${sectionOrdinal(1)}${high}风险隐患${input.highRisks.length}条。`,
        text: riskList(input.highRisks, (r) => (r.overdue ? '，已逾期' : '')),
      });
    if (input.overdueRisks.length)
      blocks.push({
        kind: 'para',
        lead: `${sectionOrdinal(input.highRisks.length ? 2 : 1)}逾期未整改风险隐患${input.overdueRisks.length}条。`,
        text: riskList(input.overdueRisks, (r) => {
          const dl = formatDate(r.deadline);
          return dl ? `，整改时限为${dl}` : '';
        }),
      });
  }

  // 五、意见建议
  blocks.push({ kind: 'h1', text: `${headingOrdinal(5)}意见建议` });
  let k = 0;
  const seen = new Set<string>();
  for (const p of problems.slice(0, 3)) {
    const sug = suggestionFor(p.category);
    if (seen.has(sug.title)) continue;
    seen.add(sug.title);
    blocks.push({ kind: 'para', lead: `${sectionOrdinal(++k)}${sug.title}。`, text: sug.text });
  }
  if (input.highRisks.length || input.overdueRisks.length)
    blocks.push({
      kind: 'para',
      lead: `${sectionOrdinal(++k)}加强风险隐患整改跟踪督办。`,
      text: `对上报的${input.highRisks.length ? `${input.highRisks.length}条高风险隐患` : ''}${input.highRisks.length && input.overdueRisks.length ? '和' : ''}${input.overdueRisks.length ? `${input.overdueRisks.length}条逾期未整改风险隐患` : ''}实行清单管理，督促相关单位明确责任领导和整改时限，按期整改销号，下一报告期跟踪复核整改情况。`,
    });
  if (units.missing.length || units.withErrors)
    blocks.push({
      kind: 'para',
      lead: `${sectionOrdinal(++k)}严格落实报送要求。`,
      text: `${units.missing.length ? `督促${units.missing.length}家未报送单位尽快报送` : ''}${units.missing.length && units.withErrors ? '，' : ''}${units.withErrors ? `督促${units.withErrors}家填报表存在错误的单位按退回意见修改后重新报送` : ''}，确保按时、准确、完整报送分析研判情况。`,
    });
  if (k === 0)
    blocks.push({
      kind: 'para',
      lead: `${sectionOrdinal(1)}持续深化意识形态工作分析研判。`,
      text: '督促各单位坚持定期分析研判，压紧压实意识形态工作责任制，确保意识形态领域安全稳定。',
    });

  const appendix: AppendixTable | null = units.missing.length
    ? {
        columns: [
          { label: '序号', kind: 'number' },
          { label: '单位代码', kind: 'id' },
          { label: '单位名称', kind: 'text' },
        ],
        rows: units.missing.map((u, i) => [String(i + 1), u.code ?? '', u.name]),
      }
    : null;
  const appendixTitle = '未报送单位名单';
  if (appendix) blocks.push({ kind: 'blank' }, { kind: 'attachmentNote', items: [appendixTitle] });
  const signDate = formatDate(input.date);
  if (input.issuer.trim() || signDate)
    blocks.push({ kind: 'blank' }, { kind: 'signature', unit: input.issuer.trim(), date: signDate });
  if (appendix) blocks.push({ kind: 'appendix', label: '附件', title: appendixTitle, table: appendix });
  return blocks;
}
