#!/usr/bin/python3
"""Writes the reader's fixture workbooks under test/fixtures/ with another writer than ours.

Run by hand (Debian python3-openpyxl; LibreOffice for the cached-formula and .xls fixtures):

    /usr/bin/python3 scripts/make-fixtures.py

The labels, sheet names and metrics come from the definition itself (templates/definitions/ideology.json,
parsed by templates/src/standard/ideology.ts through esbuild), so the fixtures follow the standard; commit the outputs. The workbooks are laid out as a
user would leave them: the standard sheets written by openpyxl (shared strings), or re-saved by
LibreOffice, with the oddities the reader must tolerate.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.workbook.defined_name import DefinedName

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures')

NODE_DUMP = r"""
const { buildSync } = require('esbuild');
const r = buildSync({ entryPoints: ['templates/src/standard/ideology.ts'], bundle: true, write: false,
  format: 'cjs', platform: 'node' });
const m = { exports: {} };
new Function('module', 'exports', 'require', r.outputFiles[0].text)(m, m.exports, require);
process.stdout.write(JSON.stringify(m.exports.definition));
"""


def load_definition():
    out = subprocess.run(['node', '-e', NODE_DUMP], cwd=ROOT, check=True, capture_output=True)
    return json.loads(out.stdout)


D = load_definition()
S = D['sheets']

INFO = {
    'unitName': '市文化广电旅游局',
    'unitCode': '2001',
    'partyOrg': '局党组',
    'reportKind': '季度分析研判报告',
    'year': 2023,
    'period': '第三季度',
    'filler': '陈静',
    'phone': '0571-85012345',
    'reviewer': '周明',
    'fillDate': date(2023, 10, 9),
}


def metric_values():
    """current, ytd per metric id (stock: ytd None)."""
    vals = {}
    for i, m in enumerate(D['metrics']):
        vals[m['id']] = (i + 2, None) if m['kind'] == 'stock' else (i + 2, (i + 2) * 3)
    vals['net.found'] = (9, 25)
    vals['net.handled'] = (9, 24)
    # Plausible reach: the definition warns below 5 人次 per activity.
    vals['front.reach'] = (150, 480)
    return vals


RISKS = [
    ['WL-001', '阵地管理', '新媒体平台内容审核把关不严', '个别推文转载未核实来源', '中', '落实“三审三校”制度',
     '周明', '宣传科（刘芳）', date(2023, 12, 31), '整改中', '已修订审核流程', None],
    ['WL-002', '网络意识形态', '网评员队伍年龄结构老化', None, '低', '新增培养青年网评员',
     '周明', '信息中心', date(2023, 11, 30), '未整改', None, None],
    ['WL-003', '队伍建设', '个别干部理论学习流于形式', '学习笔记内容雷同', '中', '开展学习笔记专项检查',
     '陈静', '人事科', date(2023, 9, 30), '已整改', '已完成专项检查并通报', None],
]

NARRATIVE = [
    ['开篇', None, None, '今年第三季度，局党组坚持以习近平新时代中国特色社会主义思想为指导，认真落实意识形态工作责任制。'],
    ['工作开展情况', '组织领导', '压实主体责任', '局党组专题研究意识形态工作，逐级签订责任书。'],
    ['工作开展情况', '理论武装', '强化理论武装', '坚持理论学习中心组学习制度，开展专题研讨。'],
    ['存在问题', None, None, '个别干部对意识形态工作重要性认识不足。'],
    ['下一步工作打算', None, None, '持续加强阵地管理，压实各方责任。'],
]


def label(f):
    return f['label'] + ('*' if f['required'] else '')


def build(variant='valid'):
    """A filled workbook laid out like the template. variant tweaks it (see main)."""
    wb = Workbook()
    guide = wb.active
    guide.title = S['guide']
    for i, line in enumerate(D['guide'], start=1):
        guide.cell(row=i, column=1, value=line)

    info = wb.create_sheet(S['info'])
    info['A1'] = D['title']
    info['A2'], info['B2'], info['C2'] = '项目', '填写内容', '填写说明'
    for i, f in enumerate(D['info']):
        r = 3 + i
        info.cell(row=r, column=1, value=label(f))
        info.cell(row=r, column=2, value=INFO.get(f['key']))
        info.cell(row=r, column=3, value=f['hint'])
    if variant == 'fillDateSerial':
        info['B12'].number_format = 'General'

    ms = wb.create_sheet(S['metrics'])
    ms['A1'] = S['metrics']
    for c, col in enumerate(D['metricColumns'], start=1):
        ms.cell(row=2, column=c, value=col['label'])
    vals = metric_values()
    for i, m in enumerate(D['metrics']):
        r = 3 + i
        cur, ytd = vals[m['id']]
        row = {'seq': i + 1, 'category': m['category'], 'name': m['name'], 'unit': m['unit'],
               'current': cur, 'ytd': ytd, 'note': None, 'id': m['id']}
        for c, col in enumerate(D['metricColumns'], start=1):
            ms.cell(row=r, column=c, value=row[col['key']])

    rs = wb.create_sheet(S['risks'])
    rs['A1'] = S['risks']
    for c, col in enumerate(D['riskColumns'], start=1):
        rs.cell(row=2, column=c, value=col['label'])
    for i, risk in enumerate(RISKS):
        for c, v in enumerate(risk, start=1):
            cell = rs.cell(row=3 + i, column=c, value=v)
            if isinstance(v, date):
                cell.number_format = 'yyyy-mm-dd'

    ns = wb.create_sheet(S['narrative'])
    ns['A1'] = S['narrative']
    ns['A2'], ns['B2'] = D['narrativeFields'][0]['label'], '中共市文化广电旅游局党组'
    ns['A3'], ns['B3'] = D['narrativeFields'][1]['label'], date(2023, 10, 9)
    ns['B3'].number_format = 'yyyy"年"m"月"d"日"'
    header = 2 + len(D['narrativeFields']) + 1
    for c, col in enumerate(D['narrativeColumns'], start=1):
        ns.cell(row=header, column=c, value=col['label'])
    for i, row in enumerate(NARRATIVE):
        for c, v in enumerate(row, start=1):
            ns.cell(row=header + 1 + i, column=c, value=v)

    meta = wb.create_sheet(S['meta'])
    meta['A1'], meta['B1'] = '模板标识', D['id']
    meta['A2'], meta['B2'] = '模板版本', D['version']
    meta.sheet_state = 'veryHidden'
    return wb


def save(wb, name):
    path = os.path.join(OUT, name)
    wb.save(path)
    return path


def tolerant():
    """Everything the reader must tolerate at once (expected results are asserted in the tests)."""
    wb = build()
    # Renamed metrics sheet, extra sheet in front, meta sheet deleted.
    wb[S['metrics']].title = '指标统计'
    extra = wb.create_sheet('草稿', 0)
    extra['A1'] = '这是用户自己加的工作表'
    del wb[S['meta']]
    info = wb[S['info']]
    # Merged value cell (B:C) on 单位名称; the hint moves to D.
    info['D3'] = info['C3'].value
    info['C3'] = None
    info.merge_cells('B3:C3')
    # Label typed with a full-width colon and star.
    info['A9'] = '＊填报人：'
    # Dates and years as text.
    info['B7'] = '2023年'
    info['B12'] = '2023年10月9日'
    ms = wb['指标统计']
    row = {m['id']: 3 + i for i, m in enumerate(D['metrics'])}
    ms[f"E{row['theory.centralGroup']}"] = '3次'
    ms[f"E{row['theory.seminars']}"] = '３'
    ms[f"E{row['theory.staffStudy']}"] = '三'
    ms[f"E{row['org.partyMeetings']}"] = '2'          # number stored as text
    ms[f"F{row['front.reach']}"] = '1,754'
    ms[f"E{row['front.reach']}"] = 600
    rs = wb[S['risks']]
    rs['I3'] = '2023.12.31'
    rs['I4'] = '2023/11/30'
    rs['I5'] = 45199                                  # serial, General format → 2023-09-30
    # Blank rows, a stray total row and a note, then one more risk.
    rs['A8'] = '合计'
    rs['C8'] = '共4条'
    rs['A9'] = '注：风险等级按影响程度划分'
    for c, v in enumerate(['WL-004', '舆论引导', '个别舆情回应不及时', None, '高', '建立舆情快速响应机制',
                           '周明', '办公室', '20231215', '整改中', None, None], start=1):
        rs.cell(row=11, column=c, value=v)
    return wb


def with_formulas():
    """本年累计 as formulas (=E+previous) and a total: openpyxl writes no cached values."""
    wb = build()
    ms = wb[S['metrics']]
    vals = metric_values()
    for i, m in enumerate(D['metrics']):
        r = 3 + i
        cur, ytd = vals[m['id']]
        if ytd is not None:
            ms[f'F{r}'] = f'=E{r}+{ytd - cur}'
    return wb


def whole_column_validation():
    wb = build()
    ms = wb[S['metrics']]
    dv = DataValidation(type='whole', operator='greaterThanOrEqual', formula1='0', allow_blank=True)
    dv.add('E1:F1048576')  # rewritten to sqref="E:F" after saving
    ms.add_data_validation(dv)
    rs = wb[S['risks']]
    dv2 = DataValidation(type='list', formula1='"高,中,低"', allow_blank=True)
    dv2.add('E1:E1048576')
    rs.add_data_validation(dv2)
    wb.defined_names.append(DefinedName('全部风险', attr_text=f"'{S['risks']}'!$A:$L"))
    return wb


def rich_text(path, risks_sheet_file):
    """openpyxl 3.0 writes every string inline (t="inlineStr"); make the first risk description rich text."""
    import re
    tmp = path + '.tmp'
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == risks_sheet_file:
                s = data.decode('utf-8')
                s, n = re.subn(r'<c r="C3"( s="\d+")? t="inlineStr"><is><t>[^<]*</t></is></c>',
                               r'<c r="C3"\1 t="inlineStr"><is><r><rPr><b/></rPr><t>新媒体平台</t></r>'
                               r'<r><t>内容审核把关不严</t></r></is></c>', s)
                assert n == 1, 'C3 not found'
                data = s.encode('utf-8')
            zout.writestr(item, data)
    os.replace(tmp, path)


def crafted_cfb(names):
    """A minimal CFB (compound file) header + one directory sector naming the given streams."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    header[0x18:0x1A] = (0x3E).to_bytes(2, 'little')   # minor version
    header[0x1A:0x1C] = (3).to_bytes(2, 'little')      # major version 3
    header[0x1C:0x1E] = (0xFFFE).to_bytes(2, 'little') # little endian
    header[0x1E:0x20] = (9).to_bytes(2, 'little')      # sector shift 512
    header[0x20:0x22] = (6).to_bytes(2, 'little')      # mini sector shift
    header[0x2C:0x30] = (1).to_bytes(4, 'little')      # one FAT sector
    header[0x30:0x34] = (1).to_bytes(4, 'little')      # directory starts at sector 1
    header[0x38:0x3C] = (4096).to_bytes(4, 'little')
    header[0x3C:0x40] = (0xFFFFFFFE).to_bytes(4, 'little')
    header[0x44:0x48] = (0xFFFFFFFE).to_bytes(4, 'little')
    header[0x4C:0x50] = (0).to_bytes(4, 'little')      # DIFAT[0] = sector 0 (the FAT)
    for i in range(1, 109):
        header[0x4C + 4 * i:0x50 + 4 * i] = (0xFFFFFFFF).to_bytes(4, 'little')
    fat = bytearray(b'\xff' * sector)
    fat[0:4] = (0xFFFFFFFD).to_bytes(4, 'little')      # sector 0: FAT
    fat[4:8] = (0xFFFFFFFE).to_bytes(4, 'little')      # sector 1: directory, end of chain
    directory = bytearray(sector)
    for i, name in enumerate(['Root Entry'] + names[:3]):
        e = bytearray(128)
        enc = name.encode('utf-16-le')
        e[0:len(enc)] = enc
        e[64:66] = (len(enc) + 2).to_bytes(2, 'little')
        e[66] = 5 if i == 0 else 2
        e[68:80] = b'\xff' * 12
        directory[128 * i:128 * (i + 1)] = e
    return bytes(header + fat + directory)


def main():
    os.makedirs(OUT, exist_ok=True)
    save(build(), 'valid-openpyxl.xlsx')
    wb = tolerant()
    p = save(wb, 'tolerant-openpyxl.xlsx')
    # openpyxl names worksheet parts by position.
    rich_text(p, f"xl/worksheets/sheet{wb.sheetnames.index(S['risks']) + 1}.xml")
    p_formulas = save(with_formulas(), 'formulas-no-cache.xlsx')
    wcv = save(whole_column_validation(), 'whole-column-validation.xlsx')
    tmp = wcv + '.tmp'
    with zipfile.ZipFile(wcv) as zin, zipfile.ZipFile(tmp, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename).replace(b'sqref="E1:F1048576"', b'sqref="E:F"')
            zout.writestr(item, data)
    os.replace(tmp, wcv)

    unknown = build()
    unknown[S['meta']]['B2'] = '9.0'
    save(unknown, 'unknown-version.xlsx')

    with open(os.path.join(OUT, 'empty.xlsx'), 'wb'):
        pass
    with open(os.path.join(OUT, 'not-a-workbook.xlsx'), 'w', encoding='utf-8') as f:
        f.write('单位名称,市文化广电旅游局\n这不是Excel文件，是改了扩展名的文本。\n')
    with open(os.path.join(OUT, 'valid-openpyxl.xlsx'), 'rb') as f:
        data = f.read()
    with open(os.path.join(OUT, 'truncated.xlsx'), 'wb') as f:
        f.write(data[: len(data) * 6 // 10])
    with open(os.path.join(OUT, 'encrypted.xlsx'), 'wb') as f:
        f.write(crafted_cfb(['EncryptionInfo', 'EncryptedPackage', '\x06DataSpaces']))

    # A zip that is not a workbook (a .docx renamed), and a zip bomb: one 60 MB run of zeros.
    with zipfile.ZipFile(os.path.join(OUT, 'docx-renamed.xlsx'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
        z.writestr('word/document.xml', '<?xml version="1.0"?><document/>')
    with zipfile.ZipFile(os.path.join(OUT, 'zip-bomb.xlsx'), 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
        z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook/>')
        z.writestr('xl/worksheets/sheet1.xml', b'\0' * (60 * 1024 * 1024))

    # LibreOffice: cached formula results, and a legacy .xls.
    if shutil.which('soffice'):
        with tempfile.TemporaryDirectory() as tmp:
            profile = tempfile.mkdtemp(prefix='yanpan-lo-')
            src = os.path.join(tmp, 'formulas-libreoffice.xlsx')
            shutil.copy(p_formulas, src)
            src_tol = os.path.join(tmp, 'tolerant-libreoffice.xlsx')
            shutil.copy(os.path.join(OUT, 'tolerant-openpyxl.xlsx'), src_tol)
            src_xls = os.path.join(tmp, 'legacy.xlsx')
            shutil.copy(os.path.join(OUT, 'valid-openpyxl.xlsx'), src_xls)
            outdir = os.path.join(tmp, 'out')
            base = ['soffice', f'-env:UserInstallation=file://{profile}', '--headless', '--norestore']
            subprocess.run(base + ['--convert-to', 'xlsx', '--outdir', outdir, src, src_tol], check=True,
                           capture_output=True)
            subprocess.run(base + ['--convert-to', 'xls', '--outdir', outdir, src_xls], check=True,
                           capture_output=True)
            shutil.copy(os.path.join(outdir, 'formulas-libreoffice.xlsx'), OUT)
            shutil.copy(os.path.join(outdir, 'tolerant-libreoffice.xlsx'), OUT)
            shutil.copy(os.path.join(outdir, 'legacy.xls'), os.path.join(OUT, 'legacy.xls'))
            shutil.copy(os.path.join(outdir, 'legacy.xls'), os.path.join(OUT, 'legacy-renamed.xlsx'))
            shutil.rmtree(profile, ignore_errors=True)
    else:
        print('soffice not found: formulas-libreoffice.xlsx and legacy.xls not regenerated', file=sys.stderr)
    for name in sorted(os.listdir(OUT)):
        print(f'{os.path.getsize(os.path.join(OUT, name)):>10}  test/fixtures/{name}')


if __name__ == '__main__':
    main()
