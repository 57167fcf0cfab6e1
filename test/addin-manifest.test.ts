// The add-in manifest validates offline (XSD via xmllint) and every resid / icon / page resolves: the
// same script as `npm run validate`.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { has, tempDir } from './helpers/tools';

const root = path.resolve(__dirname, '..');
const script = path.join(root, 'scripts', 'validate-manifest.mjs');
const tmp = tempDir('yanpan-manifest-');
afterAll(() => tmp.cleanup());

function validate(file: string) {
  const r = spawnSync(process.execPath, [script, file], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe.skipIf(!has('xmllint'))('manifest.xml', () => {
  it('validates against the XSD, hosts Excel and Word, every resid resolves', () => {
    const { code, out } = validate(path.join(root, 'manifest.xml'));
    expect(out).toContain('清单校验通过');
    expect(out).toContain('宿主 Workbook、Document');
    expect(out).toMatch(/30 处 resid 引用全部指向已定义的 12 个资源/);
    expect(code).toBe(0);
  });

  it('has a Home-tab button opening the task pane in each host, no Requirements, zh-CN', () => {
    const xml = readFileSync(path.join(root, 'manifest.xml'), 'utf8');
    expect(xml).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    expect(xml.replace(/<!--[\s\S]*?-->/g, '')).not.toContain('<Requirements>');
    expect(xml.match(/<OfficeTab id="TabHome">/g)).toHaveLength(2);
    expect(xml.match(/<Action xsi:type="ShowTaskpane">/g)).toHaveLength(2);
    expect(xml).toMatch(/<Host xsi:type="Workbook">/);
    expect(xml).toMatch(/<Host xsi:type="Document">/);
    for (const size of [16, 32, 80])
      expect(xml).toContain(`<bt:Image size="${size}" resid="Icon.${size}x${size}"/>`);
  });

  it('names a missing resource, a missing icon file and a Requirements element', () => {
    const xml = readFileSync(path.join(root, 'manifest.xml'), 'utf8')
      .replace('<Label resid="Group.Label"/>', '<Label resid="Group.Missing"/>')
      .replace('assets/icon-80.png', 'assets/icon-81.png')
      .replace(
        '<DefaultSettings>',
        '<Requirements><Sets><Set Name="ExcelApi" MinVersion="1.13"/></Sets></Requirements>\n  <DefaultSettings>',
      );
    const file = path.join(tmp.dir, 'manifest.xml');
    writeFileSync(file, xml);
    const { code, out } = validate(file);
    expect(code).toBe(1);
    expect(out).toContain('Label 引用的资源“Group.Missing”未定义');
    expect(out).toContain('Icon.80x80 指向的文件不存在：addin/assets/icon-81.png');
    expect(out).toContain('清单不应声明 <Requirements>');
  });

  it('rejects a manifest that breaks the schema', () => {
    const xml = readFileSync(path.join(root, 'manifest.xml'), 'utf8').replace(
      '<Permissions>ReadWriteDocument</Permissions>',
      '<Permissions>Everything</Permissions>',
    );
    const file = path.join(tmp.dir, 'bad-schema.xml');
    writeFileSync(file, xml);
    const { code, out } = validate(file);
    expect(code).toBe(1);
    expect(out).toContain('清单不符合架构（xmllint）');
    expect(out).toContain('Permissions');
  });

  it('icons are PNGs of the sizes the manifest names', () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const b = readFileSync(path.join(root, 'addin', 'assets', `icon-${size}.png`));
      expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([b.readUInt32BE(16), b.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
