// A collection round: 按时/迟报 against the deadline, and the 催报名单 built from the units' states.
import { describe, expect, it } from 'vitest';
import { reminderItems, timelinessOf, type RoundUnit } from '../templates/src/index';

describe('timelinessOf', () => {
  it('is on time up to and including the deadline day', () => {
    expect(timelinessOf('2023-10-10', '2023-10-10', '2023-10-09')).toEqual({
      late: false,
      daysLate: 0,
      basis: null,
      lateDate: null,
    });
  });
  it('counts whole days after the deadline from the later of 填报日期 and arrival', () => {
    expect(timelinessOf('2023-10-10', '2023-10-12', '2023-10-11')).toEqual({
      late: true,
      daysLate: 2,
      basis: 'fillDate',
      lateDate: '2023-10-12',
    });
    expect(timelinessOf('2023-10-10', '2023-10-08', '2023-11-01')).toEqual({
      late: true,
      daysLate: 22,
      basis: 'arrival',
      lateDate: '2023-11-01',
    });
    // Across a month and a leap day.
    expect(timelinessOf('2024-02-28', null, '2024-03-01')?.daysLate).toBe(2);
  });
  it('knows nothing without a deadline or any date', () => {
    expect(timelinessOf(null, '2023-10-12', null)).toBeNull();
    expect(timelinessOf('2023-10-10', null, null)).toBeNull();
    expect(timelinessOf('2023-10-10', '十月', undefined)).toBeNull();
  });
});

describe('reminderItems', () => {
  const late = timelinessOf('2023-10-10', '2023-10-13', null);
  const units: RoundUnit[] = [
    { name: '市交通运输局', status: 'ok', timeliness: timelinessOf('2023-10-10', '2023-10-09', null) },
    { name: '市财政局', status: 'missing', contact: '张三', phone: '0571-1234567' },
    { name: '市文联', status: 'errors', errors: 3, returnCopy: '市文联-退回修改-2023年第三季度.xlsx' },
    { name: '市档案馆', status: 'warnings', timeliness: late, contact: '李四' },
    { name: '市林业局', status: 'unusable' },
  ];
  it('lists, in the given order, who must send, correct or was late, and nobody else', () => {
    expect(reminderItems(units)).toEqual([
      {
        unit: '市财政局',
        status: 'missing',
        contact: '张三',
        phone: '0571-1234567',
        what: '报送填报表',
        returnCopy: null,
      },
      {
        unit: '市文联',
        status: 'returned',
        contact: null,
        phone: null,
        what: '按退回修改件修改3处错误后重新报送',
        returnCopy: '市文联-退回修改-2023年第三季度.xlsx',
      },
      {
        unit: '市档案馆',
        status: 'late',
        contact: '李四',
        phone: null,
        what: '已报送，迟报3天，请今后按时报送',
        returnCopy: null,
      },
      {
        unit: '市林业局',
        status: 'unusable',
        contact: null,
        phone: null,
        what: '报送的文件无法作为填报表读取，请用标准填报表重新填写报送',
        returnCopy: null,
      },
    ]);
  });
});
