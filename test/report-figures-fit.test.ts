// The 具体工作开展情况 section and the 总体情况 judgement as a reader who signs these reports checks them:
// figures only in a paragraph that speaks of them, levels said as what the unit has, composed paragraphs
// that end on what was done, headings that fit, and a judgement that agrees with what was found.
// Thirty unit names give thirty seeded variants: every check holds for all of them.
import { describe, expect, it } from 'vitest';
import { emptyNarrative } from '../templates/src/check/checker';
import { unitReportText } from '../templates/src/report/index';
import { definition } from '../templates/src/standard/ideology';
import { sampleSubmission } from '../templates/src/samples/submission';
import type { Submission } from '../templates/src/standard/schema';
import type { Definition } from '../templates/src/standard/types';
import { partyConductDefinition, partyConductSample } from './helpers/party-conduct-sample';

const NAMES = Array.from({ length: 30 }, (_, i) => `市测试${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}局`);

const lines = (t: string) => t.split('\n');
/** The paragraphs of a section (up to the next 一、二、… heading). */
function section(t: string, heading: RegExp): string[] {
  const ls = lines(t);
  const i = ls.findIndex((l) => heading.test(l));
  const j = ls.findIndex((l, k) => k > i && (/^[一二三四五六七八九十]、/.test(l) || l === ''));
  return ls.slice(i + 1, j < 0 ? undefined : j);
}
const work = (t: string) => section(t, /^二、/);
const overall = (t: string) => section(t, /^一、/).join('');
const risks = (t: string) => section(t, /^三、/).join('');

function withMetrics(s: Submission, values: Record<string, number | null>): Submission {
  return {
    ...s,
    metrics: s.metrics.map((m) =>
      m.id in values ? { ...m, current: values[m.id], ytd: m.kind === 'stock' ? null : values[m.id] } : m,
    ),
  };
}

function reports(def: Definition, s: Submission): string[] {
  return NAMES.map((name, i) =>
    unitReportText({ ...s, unit: { name, code: `T${i}` }, partyOrg: `${name}党组` }, def),
  );
}

describe('a level is what the unit has, not a count', () => {
  it('配备网评员 is said as 目前/现, never behind 经统计, 据统计 or 本季度', () => {
    const s = { ...sampleSubmission(definition), narrative: emptyNarrative() };
    const stock = definition.metrics
      .filter((m) => m.kind === 'stock')
      .flatMap((m) => [m.phrase, ...(m.phrases ?? [])]);
    expect(stock.length).toBeGreaterThan(0);
    let seen = 0;
    for (const t of reports(definition, s))
      for (const p of stock)
        for (const m of t.matchAll(new RegExp(`([^，。；]*)${p}\\d`, 'gu'))) {
          seen++;
          expect(m[1], t).not.toMatch(/统计|本季度|本期/u);
          expect(m[1]).toMatch(/(目前|现)$/u);
        }
    expect(seen).toBeGreaterThan(20);
  });
});

describe('a figure goes only to a paragraph that speaks of it', () => {
  it('a paragraph on reviewing 讲座 and 展览 or on 志愿服务 does not take 开展宣传教育活动', () => {
    const base = sampleSubmission(definition);
    const s: Submission = {
      ...base,
      narrative: {
        ...base.narrative,
        sections: [
          {
            category: '阵地建设',
            title: '严格校园文化阵地管理',
            body: '规范校园广播和班级文化墙内容，严格审核报告会、讲座和展览。',
          },
          {
            category: '理论武装',
            title: '抓实党员学习',
            body: '各支部通过“三会一课”组织党员学习，党员到敬老院开展志愿服务，在服务中检验学习成效。',
          },
          {
            category: '组织领导',
            title: '压实协会管理责任',
            body: '对协会举办的展览、演出和研讨活动实行事前报备和内容审核。',
          },
        ],
      },
    };
    for (const t of reports(definition, s)) {
      const w = work(t).join('\n');
      expect(w).not.toContain('开展宣传教育活动');
      expect(w).not.toContain('开展专题学习研讨');
    }
  });

  it('a figure goes to the paragraph of its own category that speaks of it, not to one that says it more', () => {
    const base = sampleSubmission(definition);
    const s: Submission = {
      ...base,
      narrative: {
        ...base.narrative,
        sections: [
          {
            category: '组织领导',
            title: '扛牢政治责任',
            body: '每月听取一次网上舆情态势汇报，对重大舆情亲自研判，把舆情监测任务分解到岗位。',
          },
          {
            category: '网络意识形态',
            title: '坚持值班值守',
            body: '落实全天候舆情监测和值班制度，对负面信息实行闭环管理。',
          },
        ],
      },
    };
    for (const t of reports(definition, s)) {
      const w = work(t);
      const net = w.find((l) => l.includes('坚持值班值守'))!;
      const org = w.find((l) => l.includes('扛牢政治责任'))!;
      expect(org).not.toContain('不良导向');
      // The sample has high risks: the judgement watches them, so the figure is the paragraph's.
      const found = definition.metrics.find((m) => m.id === 'net.found')!;
      expect(
        [found.phrase, ...(found.phrases ?? [])].some((p) => net.includes(`${p}3条`)),
        net,
      ).toBe(true);
    }
  });
});

describe('composed paragraphs', () => {
  const s = withMetrics(
    { ...sampleSubmission(definition), narrative: emptyNarrative() },
    { 'theory.centralGroup': 1, 'theory.seminars': 1, 'team.talks': 12, 'team.training': null },
  );

  it('say nothing on what small figures achieved: the part ends on them', () => {
    // Any of the metric's wordings; the second may share the first one's verb ("…1次、专题研讨1次").
    const words = (id: string) => {
      const m = definition.metrics.find((x) => x.id === id)!;
      return [m.phrase, ...(m.phrases ?? [])].map((p) => p.replace(/^(开展|组织|召开)/u, '(?:$1)?'));
    };
    const figures = new RegExp(
      `(?:${words('theory.centralGroup').join('|')})1次[，、](?:${words('theory.seminars').join('|')})1次([。；]|$)`,
      'u',
    );
    const effects = definition.report.banks['wb.理论武装.c'];
    for (const t of reports(definition, s)) {
      const p = work(t).find((l) => figures.test(l))!;
      expect(p, t).toBeDefined();
      // The part on 理论武装 ends on its figures: no sentence on what they achieved after them.
      for (const e of effects) expect(p, t).not.toContain(e);
    }
  });

  it('end mostly on what was done: an effect sentence in a few of them, connectors rare', () => {
    let paragraphs = 0;
    let effects = 0;
    let connectors = 0;
    for (const t of reports(definition, { ...sampleSubmission(definition), narrative: emptyNarrative() }))
      for (const l of work(t)) {
        paragraphs++;
        if (!/\d[^。]*。$/u.test(l)) effects++;
        if (/(从实际效果看|总的来看|经过持续推进|通过这些举措)，/u.test(l)) connectors++;
      }
    expect(paragraphs).toBeGreaterThan(100);
    expect(effects / paragraphs).toBeLessThan(0.35);
    expect(connectors / paragraphs).toBeLessThan(0.2);
  });

  it('have a heading that fits: no 培训 over a paragraph without training, halves that do not repeat', () => {
    for (const t of reports(definition, s)) {
      const p = work(t).find((l) => l.includes('谈心谈话12次'))!;
      const heading = /^（[一二三四五六七]）([^。]*)。/u.exec(p)![1];
      expect(heading).not.toContain('培训');
      const [a, b] = heading.split('，');
      const pairs = (x: string) => new Set([...x].slice(0, -1).map((c, i) => c + x[i + 1]));
      const shared = [...pairs(a)].filter((x) => pairs(b ?? '').has(x) && !/意识|形态|识形/u.test(x));
      expect(shared, heading).toEqual([]);
    }
  });

  it('do not say again in the body what the heading says (no run of four characters in common)', () => {
    const runs = (x: string) => [...x].slice(0, -3).map((_, i) => x.slice(i, i + 4));
    for (const t of reports(definition, { ...sampleSubmission(definition), narrative: emptyNarrative() }))
      for (const l of work(t)) {
        const m = /^（[一二三四五六七]）([^。]*)。(.*)$/u.exec(l)!;
        const heading = m[1].replaceAll('意识形态', '|');
        const body = m[2].replaceAll('意识形态', '|');
        for (const r of runs(heading)) if (!/[|，]/u.test(r)) expect(body, l).not.toContain(r);
      }
  });
});

describe('the judgement agrees with what was found', () => {
  const noRisks = (v: Record<string, number | null>): Submission =>
    withMetrics({ ...sampleSubmission(definition), narrative: emptyNarrative(), risks: [] }, v);
  const DENIAL = /未发现|没有发现|暂未发现|未发生重大风险和负面舆情|没有发生有影响的负面舆情/u;

  it('people corrected and bad information found are never denied, in 总体情况 or in 三', () => {
    for (const t of reports(
      definition,
      noRisks({ 'team.corrections': 2, 'net.found': 8, 'net.handled': 8 }),
    )) {
      expect(overall(t), t).not.toMatch(DENIAL);
      expect(risks(t), t).not.toMatch(DENIAL);
      expect(overall(t)).toMatch(/2名|2人/u);
    }
  });

  it('found 9, dealt with 5: the other 4 are said (in the judgement, or with the figure)', () => {
    for (const t of reports(
      definition,
      noRisks({ 'net.found': 9, 'net.handled': 5, 'team.corrections': 0 }),
    )) {
      expect(t).toMatch(/(其余|另有|剩余)4条/u);
      expect(t).not.toMatch(/9条[^。；]*均已/u);
      expect(overall(t)).not.toMatch(DENIAL);
    }
    // With high risks the judgement watches them: the figure in 二 says the rest.
    const high = withMetrics(
      { ...sampleSubmission(definition), narrative: emptyNarrative() },
      { 'net.found': 9, 'net.handled': 5 },
    );
    for (const t of reports(definition, high))
      expect(work(t).join('')).toMatch(/处置5条，(其余|另有|剩余)4条/u);
  });

  it('the second kind: problems found and partly fixed are said with the rest', () => {
    const def = partyConductDefinition();
    const base = partyConductSample(def);
    const s = withMetrics(
      { ...base, narrative: emptyNarrative(), risks: [] },
      { 'style.found': 6, 'style.fixed': 4 },
    );
    for (const t of reports(def, s)) {
      expect(t).toMatch(/(其余|另有|剩余)2个/u);
      expect(risks(t)).not.toMatch(/未发现|没有发现/u);
    }
  });
});
