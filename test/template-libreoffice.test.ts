// The template in LibreOffice: it converts to PDF (labels visible), and its drop-downs, whole-number and
// date validations survive a LibreOffice xlsx → xlsx round trip on the same ranges.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { definition } from '../templates/src/standard/ideology';
import { writeTemplate } from '../templates/src/template/writer';
import { has, sofficeConvert, tempDir } from './helpers/tools';

const tmp = tempDir('yanpan-template-lo-');
afterAll(() => tmp.cleanup());

/** sheet name → worksheet XML of an xlsx file. */
async function sheetXml(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])![1];
    const rid = /r:id="([^"]+)"/.exec(m[0])![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1].replace(/^\/?xl\//, '');
    out.set(name, await zip.file(`xl/${target}`)!.async('string'));
  }
  return out;
}

/** [sqref, type, formula1] of each data validation (LibreOffice may write several sqrefs per rule). */
function dvs(xml: string): [string, string | null, string | null][] {
  return [...xml.matchAll(/<dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g)].map((m) => [
    /sqref="([^"]*)"/.exec(m[1])![1],
    /\btype="([^"]*)"/.exec(m[1])?.[1] ?? null,
    (/<formula1>([\s\S]*?)<\/formula1>/.exec(m[2] ?? '')?.[1] ?? '').replace(/&quot;/g, '"') || null,
  ]);
}

function findDv(list: [string, string | null, string | null][], ref: string) {
  return list.find(([sqref]) => sqref.split(/\s+/).includes(ref));
}

describe('the template in LibreOffice', () => {
  it.skipIf(!has('soffice') || !has('pdftotext'))(
    'converts to PDF with the 基本信息 labels, and keeps its validations through an xlsx round trip',
    async () => {
      const src = path.join(tmp.dir, 'src');
      const pdfDir = path.join(tmp.dir, 'pdf');
      const xlsxDir = path.join(tmp.dir, 'xlsx');
      for (const d of [src, pdfDir, xlsxDir]) mkdirSync(d, { recursive: true });
      const blank = path.join(src, 'blank.xlsx');
      const unit = path.join(src, 'unit.xlsx');
      writeFileSync(blank, await writeTemplate(definition));
      writeFileSync(unit, await writeTemplate(definition, { unit: { name: '市交通运输局', code: 'JT001' } }));

      const [blankPdf, unitPdf] = sofficeConvert([blank, unit], 'pdf', pdfDir);
      const text = execFileSync('pdftotext', ['-layout', blankPdf, '-'], { encoding: 'utf8' });
      for (const label of ['基本信息', '单位名称*', '报告类型*', '填报日期*', '风险隐患描述*', '本年累计'])
        expect(text).toContain(label);
      for (const m of definition.metrics) expect(text).toContain(m.id);
      const unitText = execFileSync('pdftotext', ['-layout', unitPdf, '-'], { encoding: 'utf8' });
      expect(unitText).toContain('市交通运输局');
      expect(unitText).toContain('JT001');

      const [roundTripped] = sofficeConvert([blank], 'xlsx', xlsxDir);
      const sheets = await sheetXml(new Uint8Array(readFileSync(roundTripped)));
      const info = dvs(sheets.get('基本信息')!);
      expect(findDv(info, 'B6')).toEqual(['B6', 'list', '"季度分析研判报告,半年自查报告,年度自查报告"']);
      expect(findDv(info, 'B8')?.slice(1)).toEqual([
        'list',
        '"第一季度,第二季度,第三季度,第四季度,上半年,下半年,全年"',
      ]);
      expect(findDv(info, 'B12')?.[1]).toBe('date');
      const risks = dvs(sheets.get('风险隐患台账')!);
      expect(findDv(risks, 'B3:B502')?.slice(1)).toEqual([
        'list',
        '"组织领导,理论武装,阵地管理,舆论引导,网络意识形态,队伍建设,其他"',
      ]);
      expect(findDv(risks, 'E3:E502')?.slice(1)).toEqual(['list', '"高,中,低"']);
      expect(findDv(risks, 'J3:J502')?.slice(1)).toEqual(['list', '"未整改,整改中,已整改"']);
      expect(findDv(risks, 'I3:I502')?.[1]).toBe('date');
      const metrics = dvs(sheets.get('工作指标')!);
      expect(findDv(metrics, 'E3:E21')?.slice(1)).toEqual(['whole', '0']);
      const narrative = dvs(sheets.get('工作情况')!);
      expect(findDv(narrative, 'A6:A205')?.slice(1)).toEqual([
        'list',
        '"开篇,工作开展情况,存在问题,下一步工作打算"',
      ]);
      // Still protected after the round trip.
      expect(sheets.get('基本信息')).toMatch(/<sheetProtection\b[^>]*sheet="(1|true)"/);
    },
  );
});
