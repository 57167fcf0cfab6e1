// yanpan definition list                      the standards Yanpan knows (built in, or given with --definition)
// yanpan definition export [标识] [-o 文件]   a built-in standard as a data file, to adjust locally
// yanpan definition validate 文件...          checks definition files and says what is wrong, where
import path from 'node:path';
import { builtinDefinitionData, definitionHash } from '../../../templates/src/index';
import { runCommand, UsageError } from '../cli-program';
import { definitionOption, exportDefinition, loadDefinitionFile, registryOf } from '../definitions';
import { UserError } from '../errors';
import type { CommandSpec } from './types';

interface DefinitionOptions {
  out?: string;
  definition?: string[];
}

function out(s: string): void {
  process.stdout.write(`${s}\n`);
}

async function list(opts: DefinitionOptions): Promise<number> {
  const registry = await registryOf(opts.definition);
  const own = new Set((opts.definition ?? []).length ? registry.all.slice(0, opts.definition!.length) : []);
  out('已知的标准：');
  for (const d of registry.all) {
    out(
      `  ${d.id}  ${d.title}（版本 ${d.version}，摘要 ${definitionHash(d)}）${own.has(d) ? '［本地］' : '［内置］'}`,
    );
    out(`      报告类型：${d.reportKinds.map((k) => k.name).join('、')}；指标 ${d.metrics.length} 项`);
  }
  return 0;
}

async function exportOne(id: string | undefined, opts: DefinitionOptions): Promise<number> {
  const wanted = id ?? (builtinDefinitionData[0].id as string);
  const data = builtinDefinitionData.find((d) => d.id === wanted);
  if (!data)
    throw new UserError(
      `没有标识为“${wanted}”的内置标准。内置标准：${builtinDefinitionData.map((d) => d.id).join('、')}。`,
    );
  const file = path.resolve(opts.out ?? `${wanted}.json`);
  const written = await exportDefinition(data, file);
  out(`已导出标准“${wanted}”：${written[0]}`);
  out(
    `（同一文件夹中的 ${path.basename(written[1])} 供编辑器提示和检查字段；修改后可用 yanpan definition validate 检查）`,
  );
  return 0;
}

async function validate(files: string[]): Promise<number> {
  if (!files.length) throw new UsageError('未指定要检查的标准定义文件。');
  let bad = 0;
  for (const f of files) {
    try {
      const d = await loadDefinitionFile(f);
      out(
        `“${path.basename(f)}”符合要求：${d.id}  ${d.title}（版本 ${d.version}，摘要 ${definitionHash(d)}）`,
      );
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      process.stderr.write(`${e.message}\n`);
      bad++;
    }
  }
  return bad ? 1 : 0;
}

export const definitionCommand: CommandSpec<DefinitionOptions> = {
  name: 'definition',
  summary: '查看、导出、检查标准定义（指标、下拉列表、规则、报告用语）',
  usage: `  yanpan definition list [--definition 文件...]
      列出已知的标准：内置的，以及用 --definition 给出的本地标准。
  yanpan definition export [标识] [-o 文件(.json|.yaml)]
      把内置标准导出为数据文件（默认 yanpan.ideology，保存为“标识.json”），作为本地调整的起点：
      增减指标、改类别名称、增加下拉选项、改写报告用语，都只改这个文件。
  yanpan definition validate 文件...
      检查标准定义文件，逐条指出不符合要求的位置（路径和行号）。
  本地标准的用法：yanpan template|check|report|import … --definition 文件`,
  arguments: [
    {
      name: '<操作>',
      description: 'list（列出）、export（导出）或 validate（检查）',
      missing: '缺少操作：list、export 或 validate。',
    },
    { name: '[参数...]', description: 'export 的标识，或 validate 的文件' },
  ],
  options: [
    { flags: '-o, --out <文件>', description: 'export 的保存位置（.json 或 .yaml）' },
    definitionOption(),
  ],
  exitStatus: '0 成功；1 有标准定义文件不符合要求；2 无法运行（参数错误、文件无法读取或写入）。',
  run: async ([action, ...rest], opts) => {
    switch (action) {
      case 'list':
        if (rest.length) throw new UsageError(`多余的参数“${rest.join(' ')}”。`);
        return list(opts);
      case 'export':
        if (rest.length > 1) throw new UsageError('一次只能导出一个标准。');
        return exportOne(rest[0], opts);
      case 'validate':
        return validate(rest);
      default:
        throw new UsageError(`未知的操作“${action}”，应为 list、export 或 validate。`);
    }
  },
};

export default (argv: string[]): Promise<number> => runCommand(definitionCommand, argv);
