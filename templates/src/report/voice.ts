// How a report speaks: the unit's one full name, how it refers to itself (我局, 我委, 我会 …), its party
// organisation as the acting subject and its deciding body as it really is (党组, 党委, 党支部 … taken
// from 党组织名称, never invented), the period's phrases and the year's context. All words come from the
// definition's report data (selfWords, bodies, years); nothing here is specific to one kind of report.
import type { Definition, PeriodDef } from '../standard/types';
import type { Submission } from '../standard/schema';
import { formatTemplate, type TemplateVars } from '../standard/format';
import { fixedPhrase } from './prose';

export interface Voice {
  /** The unit's full name (the roster's when known, else 基本信息's): the title, the body, the 落款. */
  unit: string;
  /** How the unit speaks of itself: 我局 / 我委 / 我会 …, or 我单位. */
  we: string;
  /**
   * The 党组织名称 as first said (市交通运输局党组): as written, or with the unit's name where it was written
   * short ("局党组" → "市教育局党组"); null without one (or for a meeting: the unit acts).
   */
  org: string | null;
  /**
   * Who signs (落款) when the unit wrote no 落款 of its own: the party organisation by its full name
   * ("局党组" → "中共市教育局党组", "机关党委" → "中共市教育局机关党委"); the unit itself when it has
   * none or acts through a 部务会 (a meeting does not sign).
   */
  signer: string;
  /**
   * The unit's line of work as its name says it (市信访局 → 信访, 市委宣传部 → 宣传, 市妇联 → 妇联): the
   * name without its place prefix (`voice.placePrefixes`) and office suffix (`voice.fieldStrip`); the
   * fallback word (`voice.field`) when the name has no place prefix.
   */
  field: string;
  /** The line of work (report.fields) its name places it in, or null: the report speaks it (spokenDefinition). */
  line: LineOfWork | null;
  /** The deciding body in short (局党组, 机关党委, 党支部), or 领导班子 without a 党组织名称. */
  body: string;
  /** Its meeting (党组会议, 党委会议 …). */
  meeting: string;
  /** Its head (党组书记 …). */
  head: string;
  /** Seed of every stock choice: the same unit's report for one period always reads the same. */
  seed: string;
}

export interface PeriodVoice {
  def: PeriodDef | null;
  /** 2023 (or null). */
  year: number | null;
  /** 第三季度 / 上半年 / '' (全年). */
  name: string;
  /** "2023年第三季度", "2023年" for 全年. */
  yearPeriod: string;
  /** 本季度 / 上半年 / 全年. */
  current: string;
  /**
   * Every way a composed paragraph may lead into the period's figures: `current` first, then the
   * period's currentPhrases with its months filled in (7月以来，, 7至9月，).
   */
  currents: string[];
  /** 截至第三季度 / 全年. */
  ytd: string;
  /** The period starts on 1 January: 本期数 and 本年累计 are one quantity. */
  startsYear: boolean;
  /** The year's central tasks (主题教育 …), from the definition's years table. */
  themes: string[];
  /** The period's sensitive dates (国庆、中秋 …). */
  dates: string[];
}

/** The end of `name` that the table knows, longest suffix first. */
function bySuffix<T extends { suffix: string }>(name: string, table: readonly T[]): T | null {
  let best: T | null = null;
  for (const t of table)
    if (name.endsWith(t.suffix) && (!best || t.suffix.length > best.suffix.length)) best = t;
  return best;
}

export function voiceOf(sub: Submission, def: Definition, unitName?: string | null): Voice {
  const word = (bank: string, vars: TemplateVars = {}) => fixedPhrase(def.report.banks, bank, vars);
  const unit = (unitName ?? sub.unit.name ?? '').trim() || word('voice.unit');
  const prose = def.report;
  const we = bySuffix(unit, prose.selfWords)?.word ?? word('voice.we');
  const written = (sub.partyOrg ?? '').trim() || null;
  const kind = written ? bySuffix(written, prose.bodies) : null;
  // A meeting (部务会, 室务会) decides but does not act or sign: the unit does ("我办"), the meeting is
  // where it decides ("召开室务会专题研究").
  const org = kind?.signs === false ? null : written;
  let body = word('voice.body');
  let meeting = kind?.meeting ?? word('voice.meeting');
  let head = kind?.head ?? word('voice.head');
  if (kind?.signs === false) body = we;
  else if (org) {
    // What the 党组织名称 adds to the unit's name ("市交通运输局党组" → "党组", "…机关党委" → "机关党委").
    // "中共市委党校委员会" → "党委": the full name's 中共 and 委员会 are not said each time.
    const bare = org.replace(/^中共/, '');
    let short = bare.startsWith(unit) ? bare.slice(unit.length) : (kind?.suffix ?? org);
    // "团市委党组" of 共青团市委: the words before the body are a name of the unit; said as written.
    const before = kind ? bare.slice(0, -kind.suffix.length) : '';
    if (before.length >= 2 && !bare.startsWith(unit) && unit.includes(before)) short = bare;
    if (kind?.short && short.endsWith(kind.suffix))
      short = `${short.slice(0, -kind.suffix.length)}${kind.short}`;
    if (!short) short = org;
    // A bare 党组/党委 reads as "局党组", "委党组" where the definition gives the unit's word a short form.
    const self = bySuffix(unit, prose.selfWords);
    if ((short === '党组' || short === '党委') && self?.short) short = `${self.short}${short}`;
    body = short;
    if (!kind) {
      meeting = word('voice.meetingOf', { body: short });
      head = word('voice.headOf', { body: short });
    }
  }
  const place = placePrefix(unit, def);
  const line = lineOfWork(unit, def);
  let field = place ? unit.slice(place.length) : word('voice.field');
  const office = place ? (prose.banks['voice.fieldStrip'] ?? []).find((x) => field.endsWith(x)) : undefined;
  // 市委编办 stays 编办: a line of work is two characters or more.
  if (office && field.length - office.length >= 2) field = field.slice(0, -office.length);
  if (line) field = line.word;
  // By unit and report: the same workbook always reads the same, and a unit's reports for two periods (its
  // 上半年 self-inspection and its 第三季度 report) do not share their stock sentences.
  const seed = [
    (sub.unit.code ?? '').trim() || unit,
    sub.year ?? '',
    sub.period ?? '',
    sub.reportKind ?? '',
  ].join('|');
  const names = partyNames(unit, written, def);
  // A short name ("党组", "局党组") is said in full the first time, as the 落款 has it.
  return {
    unit,
    we,
    field,
    line,
    org: org && names.full ? names.full : org,
    signer: names.signer,
    body,
    meeting,
    head,
    seed,
  };
}

/** The place prefix of a name (市委, 市, 区, 县 …: `voice.placePrefixes`, longest first), or undefined. */
function placePrefix(name: string, def: Definition): string | undefined {
  return [...(def.report.banks['voice.placePrefixes'] ?? [])]
    .sort((a, b) => b.length - a.length)
    .find((p) => name.startsWith(p) && name.length > p.length);
}

/**
 * The 落款 for a unit whose 党组织名称 is `org` (see Voice.signer), and, where it had to be composed from a
 * short one ("局党组" → "市教育局党组"), that full name as the body first says it (else null).
 */
function partyNames(
  unit: string,
  org: string | null,
  def: Definition,
): { signer: string; full: string | null } {
  if (!org) return { signer: unit, full: null };
  const bare = org.replace(/^中共/u, '');
  const kind = bySuffix(bare, def.report.bodies);
  // A meeting (部务会, 室务会) does not sign: the unit does.
  if (kind?.signs === false) return { signer: unit, full: null };
  // Already the unit's full name; or signed as written (a place's name: 市人大常委会机关党组), first said
  // without 中共.
  if (bare.includes(unit)) return { signer: org, full: null };
  const asWritten = { signer: org, full: bare };
  if (placePrefix(bare, def) || !kind) return asWritten;
  if (!kind.suffix.includes('党') && !kind.short) return asWritten;
  const before = bare.slice(0, -kind.suffix.length);
  const self = bySuffix(unit, def.report.selfWords);
  // "局党组", "委党组", "团市委党组": the words before the body are the unit's own short name.
  const own = !before || unit.includes(before) || before === self?.short;
  const full = `${unit}${own ? '' : before}${kind.suffix}`;
  return { signer: fixedPhrase(def.report.banks, 'voice.signerOf', { name: full }) || full, full };
}

/**
 * The party committee over a unit, as its name's place says (县水利局 → 县委, 区司法局 → 区委, 市委宣传部 →
 * 市委: `voice.superiorOf`); null when the name has no place prefix or the definition no words for it.
 */
export function placeSuperior(unit: string, def: Definition): string | null {
  const place = placePrefix(unit, def);
  return (
    (place && fixedPhrase(def.report.banks, 'voice.superiorOf', { place: place.replace(/委$/u, '') })) || null
  );
}

type LineOfWork = NonNullable<Definition['report']['fields']>[number];

const spoken = new WeakMap<Definition, Map<LineOfWork, Definition>>();

/**
 * The definition as the units of `line` speak it: the line's banks in place of those of the same name, and
 * its words (干部职工 → 教职工) in every phrase of the report data and the metrics' phrases. Made once per
 * definition and line.
 */
export function spokenDefinition(def: Definition, line: LineOfWork | null): Definition {
  if (!line) return def;
  let byLine = spoken.get(def);
  if (!byLine) spoken.set(def, (byLine = new Map()));
  const got = byLine.get(line);
  if (got) return got;
  const pairs = Object.entries(line.words ?? {}).sort((a, b) => b[0].length - a[0].length);
  const say = (t: string) => pairs.reduce((x, [from, to]) => x.split(from).join(to), t);
  const deep = <T>(v: T): T => {
    if (!pairs.length) return v;
    if (typeof v === 'string') return say(v) as T;
    if (Array.isArray(v)) return v.map(deep) as T;
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)])) as T;
    return v;
  };
  const report = deep({ ...def.report, banks: { ...def.report.banks, ...line.banks }, fields: undefined });
  const out: Definition = {
    ...def,
    metrics: def.metrics.map((m) => ({ ...m, phrase: deep(m.phrase), phrases: deep(m.phrases) })),
    report: { ...report, fields: def.report.fields },
  };
  byLine.set(line, out);
  return out;
}

/** The line of work (report.fields) a unit's name places it in: the longest matching word wins. */
export function lineOfWork(unit: string, def: Definition): LineOfWork | null {
  let best: LineOfWork | null = null;
  let length = 0;
  for (const f of def.report.fields ?? [])
    for (const w of f.match)
      if (w.length > length && unit.includes(w)) {
        best = f;
        length = w.length;
      }
  return best;
}

export function periodVoice(sub: Submission, def: Definition): PeriodVoice {
  const p = def.periods.find((x) => x.name === sub.period) ?? null;
  const year = sub.year ?? null;
  const ctx = year !== null ? def.report.years[String(year)] : undefined;
  const name = p?.titleName ?? sub.period ?? '';
  const current = p?.currentPhrase ?? '本期';
  const months = { startMonth: p?.startMonth ?? '', endMonth: p?.endMonth ?? '' };
  return {
    def: p,
    year,
    name,
    yearPeriod: `${year ?? ''}年${name}`,
    current,
    currents: [...new Set([current, ...(p?.currentPhrases ?? []).map((t) => formatTemplate(t, months))])],
    ytd: p?.ytdPhrase ?? '截至目前',
    startsYear: p ? p.startMonth === 1 : false,
    themes: ctx?.themes ?? [],
    dates: (p && ctx?.periods[p.code]) || [],
  };
}
