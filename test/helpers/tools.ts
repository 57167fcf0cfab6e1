// Shared helpers for tests that need outside programs (LibreOffice, pdftotext, Chromium, python3-openpyxl).
// On a laptop without them those tests skip with a visible notice; in CI (CI=true) they must run, so a
// missing program is a failure there.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const inCI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Returns true when the tool is there. When it is not: in CI throws (the test fails); elsewhere prints a
 * notice once and returns false so the caller can skip (`it.skipIf(!has('soffice'))`).
 */
const noticed = new Set<string>();
export function has(
  tool: 'soffice' | 'pdftotext' | 'pdftoppm' | 'chromium' | 'xmllint' | 'openpyxl' | 'xlsxwriter',
): boolean {
  let ok: boolean;
  if (tool === 'openpyxl') ok = openpyxlPython() !== null;
  else if (tool === 'xlsxwriter')
    ok = spawnSync('/usr/bin/python3', ['-c', 'import xlsxwriter'], { stdio: 'ignore' }).status === 0;
  else if (tool === 'chromium') ok = existsSync('/usr/bin/chromium');
  else ok = onPath(tool);
  if (!ok) {
    if (inCI) throw new Error(`CI needs ${tool} but it is not installed (see .ci/run)`);
    if (!noticed.has(tool)) {
      noticed.add(tool);
      process.stderr.write(`\n[notice] ${tool} not found: tests that need it are SKIPPED on this machine.\n`);
    }
  }
  return ok;
}

/** A python3 that can import openpyxl (Debian's python3-openpyxl lives in /usr/bin/python3, which a
 * pyenv or venv python3 earlier on PATH does not see), or null. */
export function openpyxlPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}

/**
 * Converts files with LibreOffice in one headless run, using a private profile so that parallel test
 * files do not fight over ~/.config/libreoffice. Returns the output paths (same base names, new extension).
 * `filter` is what follows --convert-to, e.g. 'pdf', 'xlsx', 'docx', or 'xlsx:"Calc MS Excel 2007 XML"'.
 */
export function sofficeConvert(files: string[], filter: string, outDir: string): string[] {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'yanpan-lo-'));
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        filter,
        '--outdir',
        outDir,
        ...files,
      ],
      { stdio: 'pipe', timeout: 180_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const ext = filter.split(':')[0];
  return files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.${ext}`));
}

/** A fresh temporary directory, removed by the returned cleanup function. */
export function tempDir(prefix = 'yanpan-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The tracking workbook an import wrote into `dir`: named with its round ("2023年第三季度汇总台账.xlsx"),
 * or "汇总台账.xlsx" when no workbook told the round. Exactly one is expected.
 */
export function trackingIn(...parts: string[]): string {
  const dir = path.join(...parts);
  const found = readdirSync(dir).filter((f) => f.endsWith('汇总台账.xlsx') && !f.startsWith('.'));
  if (found.length !== 1)
    throw new Error(`expected one tracking workbook in ${dir}, found ${found.join(', ')}`);
  return path.join(dir, found[0]);
}
