// Placeholder until the demo command lands; replaced by its implementation.
const run = async (): Promise<number> => {
  process.stderr.write('该命令尚未实现。\n');
  return 2;
};
export default run;
