// 催报通知: a GB/T 9704 notice to the units that are missing, late or returned, with the 催报名单 attached.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { blocksToText } from '../templates/src/report/blocks';
import {
  reminderNoticeBlocks,
  reminderNoticeDocx,
  reminderPasteText,
  type ReminderInput,
} from '../templates/src/report/index';
import { definition } from '../templates/src/standard/ideology';

const input: ReminderInput = {
  issuer: '市直机关工委',
  year: 2023,
  period: '第三季度',
  reportKind: '季度分析研判报告',
  deadline: '2023-10-10',
  asOf: '2023-10-12',
  newDeadline: '2023-10-16',
  sendTo: '市直机关工委组织科邮箱',
  contact: '王晓敏',
  phone: '0372-5981234',
  items: [
    { unit: '市档案馆', status: 'missing', contact: '刘洋', phone: '13800001111', what: '报送填报表' },
    { unit: '市文联', status: 'late', contact: '张明', phone: null, what: '已报送，迟报2天' },
    {
      unit: '市农业机械发展中心',
      status: 'returned',
      contact: null,
      phone: null,
      what: '按退回修改件修改1处错误后重新报送',
      returnCopy: '市农业机械发展中心-退回修改-2023年第三季度.xlsx',
    },
  ],
};

describe('催报通知', () => {
  const text = blocksToText(reminderNoticeBlocks(input, definition));
  const lines = text.split('\n');

  it('title, 主送 the units, the deadline and the situation, what to send and where, the contact', () => {
    expect(lines.slice(0, 6)).toEqual([
      '关于催报2023年第三季度意识形态工作分析研判报告的通知',
      '市档案馆、市文联、市农业机械发展中心：',
      '按照市直机关工委关于报送2023年第三季度意识形态工作分析研判报告的工作安排，报送截止日期为2023年10月10日。截至2023年10月12日，1家单位未报送或报送的文件无法使用，1家单位迟报，1家单位的填报表存在错误需修改后重新报送（名单见附件）。',
      '请上述单位高度重视，于2023年10月16日前通过市直机关工委组织科邮箱报送标准填报表（.xlsx），不要另存为其他格式，也不要设置打开密码。',
      '填报表存在错误的单位，请按退回修改件中“校验结果”表和单元格批注的说明逐项修改后，报送修改好的填报表。',
      '联系人：王晓敏；联系电话：0372-5981234。',
    ]);
    expect(text).toContain('附件：催报名单');
    expect(text).toContain('市直机关工委\n2023年10月12日');
  });

  it('the 催报名单 lists each unit with its contact, what is missing and its return copy', () => {
    expect(text).toContain('序号\t单位名称\t情况\t联系人\t联系电话\t需要报送或修改的内容\t退回修改件');
    expect(text).toContain('1\t市档案馆\t未报送\t刘洋\t13800001111\t报送填报表\t');
    expect(text).toContain(
      '3\t市农业机械发展中心\t退回修改\t\t\t按退回修改件修改1处错误后重新报送\t市农业机械发展中心-退回修改-2023年第三季度.xlsx',
    );
  });

  it('renders; the 主送 line is flush left', async () => {
    const zip = await JSZip.loadAsync(await reminderNoticeDocx(input, definition));
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(doc).toMatch(
      /<w:ind w:firstLine="0"\/><\/w:pPr><w:r><w:t xml:space="preserve">市档案馆、市文联、市农业机械发展中心：/,
    );
  });
});

describe('催报 text to paste', () => {
  it('is the notice as plain lines, the list following it', () => {
    expect(reminderPasteText(input, definition).split('\n')).toEqual([
      '关于催报2023年第三季度意识形态工作分析研判报告的通知',
      '市档案馆、市文联、市农业机械发展中心：',
      '按照市直机关工委关于报送2023年第三季度意识形态工作分析研判报告的工作安排，报送截止日期为2023年10月10日。截至2023年10月12日，1家单位未报送或报送的文件无法使用，1家单位迟报，1家单位的填报表存在错误需修改后重新报送（名单如下）。',
      '请上述单位高度重视，于2023年10月16日前通过市直机关工委组织科邮箱报送标准填报表（.xlsx），不要另存为其他格式，也不要设置打开密码。',
      '填报表存在错误的单位，请按退回修改件中“校验结果”表和单元格批注的说明逐项修改后，报送修改好的填报表。',
      '联系人：王晓敏；联系电话：0372-5981234。',
      '1. 市档案馆（未报送）：报送填报表；联系人：刘洋，13800001111',
      '2. 市文联（迟报）：已报送，迟报2天；联系人：张明',
      '3. 市农业机械发展中心（退回修改）：按退回修改件修改1处错误后重新报送（市农业机械发展中心-退回修改-2023年第三季度.xlsx）',
      '市直机关工委',
      '2023年10月12日',
    ]);
  });
});
