// The standard as data: the built-in definition files parse with the one schema; invalid files get Chinese
// errors naming the file, the path and the line; the generated reference pages are current.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { definitionJsonSchema, REQUIRED_BANKS } from '../templates/src/standard/definition';
import { errorReference, MESSAGES } from '../templates/src/standard/messages';
import { placeholders } from '../templates/src/standard/format';
import {
  builtinDefinitions,
  DefinitionError,
  definitionHash,
  parseDefinitionText,
} from '../templates/src/standard/registry';
import { definition } from '../templates/src/standard/ideology';
import { definitionData, editedDefinition } from './helpers/definitions';

const ROOT = path.join(__dirname, '..');
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');

function errorOf(fn: () => unknown): DefinitionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DefinitionError) return e;
    throw e;
  }
  throw new Error('expected a DefinitionError');
}

describe('the built-in definitions', () => {
  it('parse with the schema; ids, metric ids and categories are consistent', () => {
    expect(builtinDefinitions.length).toBeGreaterThanOrEqual(1);
    expect(new Set(builtinDefinitions.map((d) => d.id)).size).toBe(builtinDefinitions.length);
    for (const def of builtinDefinitions) {
      const ids = def.metrics.map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      const cats = new Set(def.vocab.workCategory.values);
      for (const m of def.metrics) expect(cats.has(m.category)).toBe(true);
    }
  });

  it('validate against the exported JSON Schema, which is current', () => {
    const schema = definitionJsonSchema();
    expect(JSON.parse(read('templates/definitions/definition.schema.json'))).toEqual(schema);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(schema as object);
    for (const file of ['ideology.json', 'party-conduct.json']) {
      const ok = validate(definitionData(file));
      expect(validate.errors ?? [], file).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('carry the roles the code asks for, by role not position', () => {
    expect(definition.vocab.riskLevel.byRole.high).toEqual(['高']);
    expect(definition.vocab.riskStatus.byRole.done).toEqual(['已整改']);
    expect(definition.vocab.narrativePart.byRole.opening).toEqual(['开篇']);
    expect(definition.vocab.workCategory.byRole.duty).toEqual(['组织领导']);
    // A value appended with the role done is done too; the list's last value means nothing by itself.
    const def = editedDefinition((d) => {
      (d.vocab.riskStatus.values as unknown[]).push({ value: '已销号', role: 'done' });
      (d.vocab.riskStatus.values as unknown[]).push('待研究');
    });
    expect(def.vocab.riskStatus.byRole.done).toEqual(['已整改', '已销号']);
    expect(def.vocab.riskStatus.values.at(-1)).toBe('待研究');
  });

  it('the content hash changes with the content', () => {
    const a = definitionHash(definition);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(definitionHash(editedDefinition(() => undefined))).toBe(a);
    expect(definitionHash(editedDefinition((d) => void (d.title = `${d.title}（试行）`)))).not.toBe(a);
  });
});

describe('an invalid definition file', () => {
  it('names the file, each bad entry by its path and line, in Chinese', () => {
    // A wrong type is reported first (the cross-checks need a well-formed file)…
    const data = definitionData();
    (data.metrics[3] as { unit: unknown }).unit = 5;
    const text = JSON.stringify(data, null, 2);
    const e = errorOf(() => parseDefinitionText(text, '本地标准.json'));
    const lineOf = (t: string, needle: string) => t.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(e.message).toBe(
      `标准定义文件“本地标准.json”有1处不符合要求：\n位置 metrics[3].unit（第${lineOf(text, '"unit": 5')}行）：应为文本，现为数字`,
    );
    // …then every broken reference and missing role, each with its place.
    const data2 = definitionData();
    (data2.metrics[5] as { category: string }).category = '不存在的类别';
    delete (data2.vocab.riskLevel.values[0] as { role?: string }).role;
    const text2 = JSON.stringify(data2, null, 2);
    const e2 = errorOf(() => parseDefinitionText(text2, '本地标准.json'));
    expect(e2.message).toMatch(/^标准定义文件“本地标准\.json”有2处不符合要求：/);
    expect(e2.problems).toContain(
      `位置 metrics[5].category（第${lineOf(text2, '不存在的类别')}行）：类别“不存在的类别”不在“类别”下拉列表中`,
    );
    expect(
      e2.problems.some(
        (p) => p.startsWith('位置 vocab.riskLevel.values') && p.endsWith('没有取值带有角色“high”'),
      ),
    ).toBe(true);
    for (const p of [...e.problems, ...e2.problems]) expect(p).not.toMatch(/Invalid|expected|received/i);
  });

  it('names a phrase bank a report cannot be written without, and the document that needs it', () => {
    const data = definitionData();
    const banks = (data.report as { banks: Record<string, string[]> }).banks;
    delete banks['summary.totals'];
    banks['reminder.contact'] = [' '];
    const e = errorOf(() => parseDefinitionText(JSON.stringify(data, null, 2), '本地标准.json'));
    expect(e.problems).toEqual([
      expect.stringMatching(/^位置 report\.banks（第\d+行）：缺少用语库“summary\.totals”（汇总报告要用）$/),
      expect.stringMatching(/^位置 report\.banks（第\d+行）：缺少用语库“reminder\.contact”（催报通知要用）$/),
    ]);
    // Every built-in definition has them all.
    for (const def of builtinDefinitions)
      for (const names of Object.values(REQUIRED_BANKS))
        for (const b of names) expect(def.report.banks[b]?.length, `${def.id} ${b}`).toBeGreaterThan(0);
  });

  it('YAML works as well as JSON, and a syntax error names the line', () => {
    const yaml = `id: yanpan.test\ntitle: 测试\nsubject: 测试\n`;
    const e = errorOf(() => parseDefinitionText(yaml, 'a.yaml'));
    expect(e.message).toContain('标准定义文件“a.yaml”');
    expect(e.problems.some((p) => p.startsWith('位置 version') && p.includes('缺少此项'))).toBe(true);
    const bad = errorOf(() => parseDefinitionText('{\n  "id": "x",\n  "title": "测试"\n', 'b.json'));
    expect(bad.message).toMatch(/^标准定义文件“b\.json”格式有误（第\d+行），无法读取。/);
  });

  it('refuses unknown message codes and fields a message does not have', () => {
    const e = errorOf(() =>
      editedDefinition((d) => {
        d.messages = { 'field.required': '“{field}”没填（{value}{limit}）', 'no.such': 'x' };
      }),
    );
    expect(e.problems.join('\n')).toContain('提示语不能使用“{value}”');
    expect(e.problems.join('\n')).toContain('没有代码为“no.such”的提示语');
  });
});

describe('joined work subsections (report.workJoins)', () => {
  it('name two different work categories', () => {
    const e = errorOf(() =>
      editedDefinition((d) => {
        d.report.workJoins = [
          { categories: ['组织领导', '不存在的类别'], title: ['强化组织领导'] },
          { categories: ['队伍建设', '队伍建设'], title: ['建强工作队伍'] },
        ];
      }),
    );
    expect(e.problems.join('\n')).toContain('类别“不存在的类别”不在');
    expect(e.problems.join('\n')).toContain('两个类别相同');
  });
});

describe('the message catalog', () => {
  it('every template uses only its declared fields (and the definition’s title and subject)', () => {
    for (const [code, m] of Object.entries(MESSAGES)) {
      const allowed = new Set<string>([...m.fields, 'title', 'subject']);
      for (const f of placeholders(m.template)) expect(allowed.has(f), `${code}: {${f}}`).toBe(true);
      for (const f of m.fields) expect(m.template, `${code} declares {${f}}`).toContain(`{${f}}`);
    }
  });

  it('docs/errors.md is generated from it (npm run docs)', () => {
    expect(read('docs/errors.md')).toBe(errorReference());
  });
});
