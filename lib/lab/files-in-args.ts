// Finds the lesson-file references in an allowlisted command's argv (kind --config, kubectl -f),
// so they can be resolved to lesson files. Pure.
import type { CommandSpec } from '../runner/types';

export interface FileRef {
  /** Index in args of the value (for "--config=x", the index of that combined arg). */
  index: number;
  name: string;
  /** The flag spelling, to rebuild "--flag=value" forms. */
  flag: string;
  combined: boolean;
}

const FLAGS: Record<CommandSpec['program'], string[]> = {
  kind: ['--config'],
  kubectl: ['-f', '--filename'],
  docker: [],
};

export function fileRefs(spec: CommandSpec): FileRef[] {
  const flags = FLAGS[spec.program];
  const out: FileRef[] = [];
  spec.args.forEach((arg, i) => {
    for (const flag of flags) {
      if (arg === flag && i + 1 < spec.args.length) out.push({ index: i + 1, name: spec.args[i + 1], flag, combined: false });
      else if (arg.startsWith(`${flag}=`)) out.push({ index: i, name: arg.slice(flag.length + 1), flag, combined: true });
    }
  });
  return out.filter((r) => r.name !== '-');
}
