// Offline validation of the add-in manifest: `node scripts/validate-manifest.mjs [manifest.xml]`.
// 1. xmllint against Microsoft's published XSD (addin/manifest-xsd, a copy of ../shared/office-manifest-xsd
//    so a clean clone validates too; YANPAN_MANIFEST_XSD overrides);
// 2. office-addin-manifest's readManifestFile reads it (id, hosts, locale);
// 3. every resid names a defined resource of the right kind, and every icon/page URL maps to a file we
//    ship (source tree for ./manifest.xml; the same folder for a built dist/manifest.xml), icons with
//    the pixel size they claim.
// Exit 0 when valid, 1 with the problems listed (in Chinese) otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** URL path (after the site base) → file in the source tree, for the unbuilt manifest. */
const SOURCE_FILES = {
  'taskpane.html': 'addin/src/taskpane/taskpane.html',
  'commands.html': 'addin/src/commands/commands.html',
};

function walk(node, visit, name = 'OfficeApp') {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit, name);
    return;
  }
  if (!node || typeof node !== 'object') return;
  visit(name, node);
  for (const [k, v] of Object.entries(node)) if (k !== '$' && k !== '_') walk(v, visit, k);
}

function pngSize(file) {
  const b = readFileSync(file);
  if (b.length < 24 || b.toString('ascii', 1, 4) !== 'PNG') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

export async function validateManifest(manifestPath, opts = {}) {
  const problems = [];
  const abs = path.resolve(manifestPath);
  if (!existsSync(abs)) return { problems: [`找不到清单文件：${manifestPath}`], info: null };
  const inDist = path.basename(path.dirname(abs)) === 'dist';

  // 1. Schema.
  const xsd =
    opts.xsd ??
    process.env.YANPAN_MANIFEST_XSD ??
    path.join(root, 'addin', 'manifest-xsd', 'OfficeAppManifestV1_1.xsd');
  if (opts.schema !== false) {
    if (!existsSync(xsd))
      problems.push(`找不到清单架构文件：${xsd}（可用环境变量 YANPAN_MANIFEST_XSD 指定）`);
    else {
      const r = spawnSync('xmllint', ['--noout', '--schema', xsd, abs], { encoding: 'utf8' });
      if (r.error) problems.push(`无法运行 xmllint（请安装 libxml2-utils）：${r.error.message}`);
      else if (r.status !== 0) problems.push(`清单不符合架构（xmllint）：\n${(r.stderr || r.stdout).trim()}`);
    }
  }

  // 2. Read it with office-addin-manifest (readManifestFile), and its XML tree for the resid walk.
  const { OfficeAddinManifest } = require('office-addin-manifest');
  const { ManifestHandlerXml } = require('office-addin-manifest/lib/manifestHandler/manifestHandlerXml.js');
  let info;
  let xml;
  try {
    info = await OfficeAddinManifest.readManifestFile(abs);
    xml = await new ManifestHandlerXml(abs).parseXmlAsync();
  } catch (e) {
    problems.push(`清单无法解析：${e instanceof Error ? e.message : String(e)}`);
    return { problems, info: null };
  }
  for (const h of ['Workbook', 'Document']) if (!info.hosts?.includes(h)) problems.push(`清单缺少宿主 ${h}`);
  if (info.defaultLocale !== 'zh-CN') problems.push(`DefaultLocale 应为 zh-CN，现为 ${info.defaultLocale}`);
  if (xml.OfficeApp.Requirements)
    problems.push('清单不应声明 <Requirements>（不满足时会隐藏全部按钮；请在运行时检查 isSetSupported）');

  // 3. Resources and references.
  const resources = new Map(); // id -> { kind, url }
  const resNode = xml.OfficeApp.VersionOverrides?.[0]?.Resources?.[0] ?? {};
  const kinds = {
    'bt:Images': ['bt:Image', 'image'],
    'bt:Urls': ['bt:Url', 'url'],
    'bt:ShortStrings': ['bt:String', 'short'],
    'bt:LongStrings': ['bt:String', 'long'],
  };
  for (const [group, [item, kind]] of Object.entries(kinds)) {
    for (const el of resNode[group]?.[0]?.[item] ?? []) {
      const id = el.$?.id;
      if (!id) continue;
      if (resources.has(id)) problems.push(`资源 id“${id}”重复定义`);
      resources.set(id, { kind, value: el.$.DefaultValue });
      if (kind === 'short' && [...String(el.$.DefaultValue ?? '')].length > 125)
        problems.push(`短字符串“${id}”超过125个字符`);
    }
  }
  const expected = {
    'bt:Image': ['image'],
    SourceLocation: ['url'],
    FunctionFile: ['url'],
    LearnMoreUrl: ['url'],
    Label: ['short'],
    Title: ['short'],
    Description: ['long', 'short'],
  };
  let refs = 0;
  walk(xml.OfficeApp, (name, node) => {
    const resid = node.$?.resid;
    if (resid === undefined) return;
    refs++;
    const res = resources.get(resid);
    if (!res) problems.push(`${name} 引用的资源“${resid}”未定义`);
    else if (expected[name] && !expected[name].includes(res.kind))
      problems.push(`${name} 引用的资源“${resid}”类型不对（是 ${res.kind}）`);
    if (name === 'bt:Image' && res?.kind === 'image') res.size = Number(node.$.size);
  });
  if (refs === 0) problems.push('清单中没有任何 resid 引用（缺少功能区按钮？）');

  // Every URL: same site as the task pane, mapped to a file we ship.
  const base = info.defaultSettings?.sourceLocation?.replace(/[^/]*$/, '') ?? '';
  const urls = [
    ['IconUrl', info.iconUrl, 64],
    ['HighResolutionIconUrl', info.highResolutionIconUrl, 128],
    ['SourceLocation', info.defaultSettings?.sourceLocation],
    ...[...resources]
      .filter(([, r]) => r.kind !== 'short' && r.kind !== 'long')
      .map(([id, r]) => [id, r.value, r.size]),
  ];
  for (const [what, url, size] of urls) {
    if (!url || !url.startsWith('https://')) {
      problems.push(`${what} 的地址“${url}”不是 https 地址`);
      continue;
    }
    if (!url.startsWith(base)) {
      problems.push(`${what} 的地址“${url}”与任务窗格不在同一站点（${base}）`);
      continue;
    }
    const rel = url.slice(base.length).split(/[?#]/)[0];
    const file = inDist
      ? path.join(path.dirname(abs), rel)
      : path.join(root, SOURCE_FILES[rel] ?? (rel.startsWith('assets/') ? `addin/${rel}` : rel));
    if (!existsSync(file)) {
      problems.push(`${what} 指向的文件不存在：${path.relative(root, file)}`);
      continue;
    }
    if (size) {
      const dim = pngSize(file);
      if (!dim) problems.push(`${what} 不是 PNG 图片：${path.relative(root, file)}`);
      else if (dim.width !== size || dim.height !== size)
        problems.push(`${what} 应为 ${size}×${size} 像素，实为 ${dim.width}×${dim.height}`);
    }
  }
  return { problems, info, references: refs, resources: resources.size };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const file = process.argv[2] ?? path.join(root, 'manifest.xml');
  const { problems, info, references, resources } = await validateManifest(file);
  if (problems.length) {
    process.stderr.write(`清单校验未通过：${file}\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(
      `清单校验通过：${file}\n  加载项 ${info.displayName}（${info.id}），宿主 ${info.hosts.join('、')}；` +
        `${references} 处 resid 引用全部指向已定义的 ${resources} 个资源，图标与页面文件齐全。\n`,
    );
  }
}
