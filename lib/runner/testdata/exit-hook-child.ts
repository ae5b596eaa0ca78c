// Run by process-cmder.test.ts in a separate Node process: starts a fake command that forks a
// grandchild, prints its pid, then exits the whole process without cancelling anything.
import path from 'node:path';
import { ProcessCmder } from '../process-cmder';

const cmder = new ProcessCmder({ binaries: { kind: path.join(__dirname, 'fake-tool.sh') } });
cmder.start({ program: 'kind', args: ['fork', '30'] }, { stdout: (s) => process.stdout.write(s), stderr() {} }, { timeoutMs: 60_000, maxOutputBytes: 1000 });
setTimeout(() => process.exit(0), 500);
