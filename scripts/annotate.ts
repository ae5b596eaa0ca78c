// `npm run --silent annotate -- [--json] [--lang en|ja] < output.txt`
// Tags lines of kind / kubectl / docker / kubelet / containerd output with explanation topics
// (annotations/*.yaml). Reads stdin as a stream, so memory stays bounded for large inputs.
import { createLineMatcher, type Match } from '@/lib/annotations/matcher';
import { explain, type Lang } from '@/lib/annotations/explain';

const USAGE = `Usage: npm run --silent annotate -- [--json] [--lang en|ja] < output.txt

Reads terminal output on stdin and prints the lines that have an explanation.
  --json        one JSON object per tagged line and topic: {"line":N,"topic":"id","text":"…"}
  --lang en|ja  language of the titles in the human-readable form (default en)
  -h, --help    show this help
`;

interface Options {
  json: boolean;
  lang: Lang;
}

function parseArgs(argv: string[]): Options | { error: string } | 'help' {
  const o: Options = { json: false, lang: 'en' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--json') o.json = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a === '--lang' ? argv[++i] : a.slice('--lang='.length);
      if (v !== 'en' && v !== 'ja') return { error: `--lang must be en or ja, got ${v === undefined ? 'nothing' : JSON.stringify(v)}` };
      o.lang = v;
    } else if (a.startsWith('-')) return { error: `unknown flag: ${a}` };
    else return { error: `unexpected argument: ${JSON.stringify(a)} (input is read from stdin)` };
  }
  return o;
}

function format(m: Match, o: Options): string {
  if (o.json) return `${JSON.stringify({ line: m.line, topic: m.topic, text: m.text })}\n`;
  const title = explain(m.topic, o.lang)?.title ?? '';
  return `${String(m.line).padStart(6)}  ${m.topic}  ${title}\n`;
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`annotate: ${parsed.error}\nRun with --help for usage.\n`);
    return 2;
  }
  const matcher = createLineMatcher();
  const out = process.stdout;
  // Wait for the consumer when stdout is slow, so output never piles up in memory.
  const emit = async (ms: Match[]) => {
    if (!ms.length) return;
    if (!out.write(ms.map((m) => format(m, parsed)).join(''))) await new Promise((r) => out.once('drain', r));
  };
  process.stdin.setEncoding('utf8'); // a StringDecoder: multi-byte characters split across reads stay whole
  for await (const chunk of process.stdin) await emit(matcher.push(chunk as string));
  await emit(matcher.end());
  return 0;
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0); // e.g. piped into head
  throw e;
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`annotate: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
