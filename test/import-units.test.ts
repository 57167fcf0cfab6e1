// Unit tests of the importer's pieces: discovery, roster matching, the aggregate for the summary report.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { definition } from '../templates/src/standard/ideology';
import type { Risk } from '../templates/src/standard/schema';
import { Aggregator } from '../importer/src/import/aggregate';
import { discoverSources } from '../importer/src/folder/discover';
import { ARCHIVE_LIMITS, MAX_FILE_BYTES } from '../importer/src/import/limits';
import { RosterMatcher, matchFileName, normalizeKey } from '../importer/src/import/roster-match';
import { cutGraphemes, decodeFileName, sanitizeFileName } from '../importer/src/fsutil';
import { num, text } from '../importer/src/import/cell-text';
import { tempDir } from './helpers/tools';

const t = tempDir('yanpan-import-units-');
afterAll(() => t.cleanup());

describe('discover', () => {
  it('lists every file with its kind: .xlsx in any case, .xlsm, .xls/.et recursively; lock files ignored; OUTDIR not entered', async () => {
    const root = path.join(t.dir, 'in');
    for (const f of [
      'a/b/一.xlsx',
      'a/二.XLSX',
      '三.xlsm',
      '四.xls',
      '五.et',
      'a/~$一.xlsx',
      'readme.txt',
      'out/x.xlsx',
      '.六.xlsx.123.tmp',
    ]) {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), 'x');
    }
    symlinkSync(root, path.join(root, 'a', 'loop')); // a folder link is not followed
    const found = await discoverSources(root, {
      skip: [path.join(root, 'out')],
      maxFileBytes: MAX_FILE_BYTES,
      archive: ARCHIVE_LIMITS,
    });
    // Every file is listed with what it is (OUTDIR's files are not found at all).
    expect(found.map((f) => [f.rel, f.kind, f.problem?.rule ?? null, !!f.read])).toEqual([
      ['.六.xlsx.123.tmp', 'ignored', null, false],
      ['a/b/一.xlsx', 'workbook', null, true],
      ['a/loop', 'other', 'file.folderLink', false],
      ['a/~$一.xlsx', 'ignored', null, false],
      ['a/二.XLSX', 'workbook', null, true],
      ['readme.txt', 'other', 'import.skipped', false],
      ['三.xlsm', 'workbook', null, true],
      ['五.et', 'workbook', null, true],
      ['四.xls', 'workbook', null, true],
    ]);
  });
});

describe('RosterMatcher', () => {
  const m = new RosterMatcher([
    { code: 'SZ012', name: '市交通运输局', aliases: ['市交通局'], group: '政府部门' },
    { code: 'SZ005', name: '市妇联', aliases: [], group: null },
  ]);
  it('matches by code first, then by name, then by alias', () => {
    expect(m.match({ code: 'SZ005', name: '市交通运输局' })).toEqual({ index: 1, by: 'code' });
    expect(m.match({ code: 'XX', name: '市交通运输局' })).toEqual({ index: 0, by: 'name' });
    expect(m.match({ code: null, name: '市交通局' })).toEqual({ index: 0, by: 'alias' });
    expect(m.match({ code: null, name: '市外事办' })).toBeNull();
  });
  it('ignores width, spaces and case', () => {
    expect(normalizeKey(' 市 妇联\u3000')).toBe('市妇联');
    expect(m.match({ code: 'ｓｚ０１２', name: null })).toEqual({ index: 0, by: 'code' });
    expect(m.match({ code: null, name: '市 妇 联' })).toEqual({ index: 1, by: 'name' });
  });
});

describe('Aggregator', () => {
  const risk = (over: Partial<Risk>): Risk => ({
    id: 'FX-1',
    category: '组织领导',
    description: 'd',
    detail: null,
    level: '中',
    measures: 'm',
    leader: null,
    owner: null,
    deadline: null,
    status: null,
    progress: null,
    note: null,
    overdue: false,
    row: 3,
    ...over,
  });
  it('sums metrics, keeps the top units with their figures, and ranks problems by how many units report them', () => {
    const a = new Aggregator(definition);
    const j = definition.metrics.findIndex((x) => x.id === 'front.activities');
    const vals = (v: number | null) => definition.metrics.map((_, i) => (i === j ? v : null));
    const p = { year: 2023, reportKind: '季度分析研判报告', period: '第三季度' };
    a.addUnit('市文联', vals(320), p);
    a.addUnit('市妇联', vals(1754), p);
    a.addUnit('市科技局', vals(25), p);
    a.addUnit('市残联', vals(0), p);
    a.addUnit('市委编办', vals(null), p);
    a.addRisk(
      '市妇联',
      risk({ category: '阵地管理', description: '宣传栏更新不及时', level: '高', overdue: true }),
    );
    a.addRisk('市文联', risk({ category: '阵地管理', description: '讲座审核不严' }));
    a.addRisk('市文联', risk({ category: '组织领导', description: '责任清单未细化' }));
    const r = a.result({
      expected: 6,
      submitted: 5,
      passed: 5,
      withWarnings: 0,
      withErrors: 0,
      missing: [{ code: 'X', name: '市档案馆' }],
      unknown: [],
    });
    const m = r.metrics[j];
    expect(m).toMatchObject({ total: 2099, filled: 4, units: 3 });
    expect(m.top).toEqual([
      { name: '市妇联', value: 1754 },
      { name: '市文联', value: 320 },
      { name: '市科技局', value: 25 },
    ]);
    expect(r.problems.map((x) => [x.category, x.units])).toEqual([
      ['阵地管理', 2],
      ['组织领导', 1],
    ]);
    expect(r.problems[0].examples.map((e) => e.description)).toEqual(['宣传栏更新不及时', '讲座审核不严']);
    expect(r.riskTotals).toMatchObject({ risks: 3, high: 1, overdue: 1 });
    expect(r.highRisks.map((x) => x.unit)).toEqual(['市妇联']);
    expect([r.year, r.period, r.counted]).toEqual([2023, '第三季度', 5]);
  });
});

describe('file names and cell text', () => {
  it('decodes names as UTF-8, else GBK, else shows the bytes as %XX', () => {
    const gbk = Buffer.from('cad0b8bec1aa2e786c7378', 'hex'); // 市妇联.xlsx
    expect(decodeFileName(Buffer.from('市妇联.xlsx'))).toEqual({ text: '市妇联.xlsx', encoding: 'utf8' });
    expect(decodeFileName(gbk)).toEqual({ text: '市妇联.xlsx', encoding: 'gbk' });
    // 0xFF is no GBK byte (ICU's decoder would drop it silently); a lone lead byte is cut short.
    expect(decodeFileName(Buffer.from([0x61, 0xff, 0x25]))).toEqual({ text: 'a%FF%25', encoding: null });
    expect(decodeFileName(Buffer.from([0xca]))).toEqual({ text: '%CA', encoding: null });
  });

  it('cuts between graphemes, within code units and UTF-8 bytes', () => {
    expect(cutGraphemes('ab😀c', 3)).toBe('ab');
    expect(cutGraphemes('e\u0301e\u0301', 3)).toBe('e\u0301');
    expect(cutGraphemes('汉字汉字', 10, 7)).toBe('汉字');
    expect(sanitizeFileName('汉'.repeat(80))).toBe('汉'.repeat(66)); // 200 bytes at most
    expect(sanitizeFileName('CON.txt')).toBe('_CON.txt');
    expect(sanitizeFileName('../a')).toBe('__a');
  });

  it('keeps cell text within Excel’s limit with a visible marker, and only finite numbers', () => {
    expect(text('短')).toBe('短');
    const cut = text('字'.repeat(40_000));
    expect(cut.length).toBeLessThanOrEqual(32_767);
    expect(cut.endsWith('……【内容过长，已截断：原文共40000字】')).toBe(true);
    expect([num(3), num(Infinity), num(NaN), num(null)]).toEqual([3, null, null, null]);
  });

  it('finds the unit a document belongs to by its file name: the longest roster name or alias', () => {
    const m = new RosterMatcher([
      { code: 'A', name: '市交通运输局', aliases: ['市交通局', '交通局'], group: null },
      { code: 'B', name: '市妇联', aliases: [], group: null },
      { code: 'C', name: '市文联', aliases: [], group: null },
    ]);
    expect(matchFileName(m, '收文/市交通运输局三季度.docx')).toEqual({ index: 0, by: 'fileName' });
    expect(matchFileName(m, '交通局.pdf')).toEqual({ index: 0, by: 'fileName' });
    expect(matchFileName(m, '市 妇联.doc')).toEqual({ index: 1, by: 'fileName' });
    expect(matchFileName(m, '市妇联市文联联合.docx')).toBeNull(); // two units: no guess
    expect(matchFileName(m, '扫描件.pdf')).toBeNull();
  });
});
