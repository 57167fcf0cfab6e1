// What each task-pane command does: shared pipeline (same checker and report builder as the importer)
// plus host calls (excel.ts, word.ts). Returns results and Chinese notices; taskpane.ts renders them.
import {
  checkGrid,
  definition as defaultDefinition,
  writeTemplate,
  type CheckResult,
  type Definition,
  type Issue,
  type Submission,
} from '../../../templates/src/index';
import { snapshotsToGrid } from './excel-grid';
import * as excel from './excel';
import * as word from './word';
import { buildReport, bytesToBase64, countIssues, type BuiltReport } from './pipeline';

export type NoticeLevel = 'info' | 'success' | 'warning' | 'error';
export interface Notice {
  level: NoticeLevel;
  text: string;
}

function standardSheetNames(def: Definition): string[] {
  return [def.sheets.guide, def.sheets.info, def.sheets.metrics, def.sheets.risks, def.sheets.narrative];
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `“${n}”`).join('');
}

/** One-line summary of a check. */
export function checkSummary(issues: readonly Issue[], canSelect = false): Notice {
  const { errors, warnings } = countIssues(issues);
  if (errors === 0 && warnings === 0) return { level: 'success', text: '校验通过：未发现问题。' };
  if (errors === 0)
    return {
      level: 'warning',
      text: `未发现错误，有${warnings}处警告，请逐条核实${canSelect ? '（点击可定位到单元格）' : ''}。`,
    };
  return {
    level: 'error',
    text: `发现${errors}处错误${warnings ? `、${warnings}处警告` : ''}。错误须修改后再报送，警告请核实。`,
  };
}

// ---------------------------------------------------------------- Excel

export interface InsertOutcome {
  inserted: boolean;
  notices: Notice[];
}

/** 插入标准填报表: the template's sheets, as writeTemplate writes them, into the open workbook. */
export async function insertTemplate(def: Definition = defaultDefinition): Promise<InsertOutcome> {
  if (!excel.excelApiSupported('1.13')) {
    return {
      inserted: false,
      notices: [
        {
          level: 'error',
          text:
            '当前Excel版本不支持插入工作表（需要ExcelApi 1.13：Microsoft 365、Excel 2021及以上或Excel网页版）。' +
            '请使用上级下发的标准填报表文件填写。',
        },
      ],
    };
  }
  const existing = await excel.existingSheets(standardSheetNames(def));
  if (existing.length > 0) {
    return {
      inserted: false,
      notices: [
        {
          level: 'warning',
          text:
            `当前工作簿已有${quoteList(existing)}工作表，未重复插入。` +
            '如需重新插入，请新建空白工作簿后再点击“插入标准填报表”。',
        },
      ],
    };
  }
  const bytes = await writeTemplate(def);
  await excel.insertWorksheets(bytesToBase64(bytes), def.sheets.info);
  return {
    inserted: true,
    notices: [
      {
        level: 'success',
        text: `已插入标准填报表：${quoteList(standardSheetNames(def))}工作表。请先阅读“${def.sheets.guide}”，再逐表填写。`,
      },
    ],
  };
}

/** 校验: reads every sheet's used range (one sync for all ranges) and runs the shared checker. */
export async function checkOpenWorkbook(def: Definition = defaultDefinition): Promise<CheckResult> {
  const snapshots = await excel.loadUsedRanges();
  return checkGrid(snapshotsToGrid(snapshots), def);
}

export interface ReportOutcome {
  check: CheckResult;
  report: BuiltReport | null;
  notices: Notice[];
}

function reportNotices(check: CheckResult): Notice[] {
  const { errors } = countIssues(check.issues);
  if (errors === 0) return [];
  return [
    {
      level: 'warning',
      text: `填报表还有${errors}处错误，报告中相应内容可能缺失或不准确。建议按校验结果修改后重新生成。`,
    },
  ];
}

function cannotReport(check: CheckResult): Notice {
  const first = check.issues.find((i) => i.severity === 'error');
  return {
    level: 'error',
    text: `无法生成报告：${first ? first.message : '没有读到填报内容。'}`,
  };
}

/** 生成报告 in Excel: check the open workbook, then build the .docx in the pane. */
export async function reportFromOpenWorkbook(
  def: Definition = defaultDefinition,
  platform: string | null = null,
): Promise<ReportOutcome> {
  const check = await checkOpenWorkbook(def);
  if (!check.submission) return { check, report: null, notices: [cannotReport(check)] };
  const report = await buildReport(check.submission, def);
  const notices: Notice[] = [...reportNotices(check)];
  if (platform === 'Mac') {
    notices.push({
      level: 'warning',
      text:
        'Mac版Excel的任务窗格不能下载文件，点击下方链接可能没有反应。请保存本工作簿，' +
        '在Word中打开本加载项，点击“选择填报表”选中本文件，再点击“插入报告”。',
    });
  } else {
    notices.push({ level: 'success', text: `报告已生成：${report.fileName}` });
  }
  return { check, report, notices };
}

// ---------------------------------------------------------------- Word and standalone

/** 插入报告: replaces the current Word document with the unit report. */
export async function insertReportIntoWord(
  sub: Submission,
  def: Definition = defaultDefinition,
): Promise<{ mode: 'document' | 'body'; report: BuiltReport; notices: Notice[] }> {
  const report = await buildReport(sub, def);
  const mode = await word.replaceDocument(report.base64);
  const notices: Notice[] =
    mode === 'document'
      ? [{ level: 'success', text: '报告已插入当前文档（含页面设置、页眉页脚和页码）。' }]
      : [
          {
            level: 'warning',
            text:
              '报告已插入当前文档，但当前Word版本（低于WordApi 1.5）不能带入页眉页脚和页面设置，页码已丢失。' +
              '可点击“在新文档中打开”获得完整格式，或在Word中自行设置页码。',
          },
        ];
  return { mode, report, notices };
}

/** 在新文档中打开 (WordApi 1.3). */
export async function openReportInNewDocument(
  sub: Submission,
  def: Definition = defaultDefinition,
): Promise<{ opened: boolean; notices: Notice[] }> {
  if (!word.wordApiSupported('1.3')) {
    return {
      opened: false,
      notices: [
        { level: 'error', text: '当前Word版本不支持新建文档（需要WordApi 1.3），请使用“插入报告”。' },
      ],
    };
  }
  const report = await buildReport(sub, def);
  await word.openNewDocument(report.base64);
  return { opened: true, notices: [{ level: 'success', text: '报告已在新文档中打开，请保存。' }] };
}
