// Words for check results, in the learner's language. Kubernetes values (True, Pending, taints, names)
// stay as the API spells them; only the frame and a few plain words are translated.
import { t } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/lessons/schema';
import type { CheckDetail, CheckResult } from './evaluate';

const JA_WORDS: Record<string, string> = {
  yes: 'あり',
  no: 'なし',
  none: 'なし',
  absent: 'なし',
  assigned: '割り当て済み',
  'no pods': 'Pod なし',
  'no events': 'イベントなし',
  'nothing received yet': 'まだ何も受信していない',
  'a snapshot': 'クラスタの状態',
  'it answers': '応答あり',
};

/** Leading words of composite values, e.g. `no (connection refused)`. */
const JA_PREFIXES: Array<[string, string]> = [
  ['no cluster answers', '応答するクラスタなし'],
  ['no (', 'なし ('],
  ['yes (', 'あり ('],
  ['at least ', '最低 '],
  ['include ', '次を含む: '],
  ['without ', '次を含まない: '],
  ['contains ', '次を含む: '],
  ['all ', 'すべて '],
];

function word(s: string, locale: Locale): string {
  if (locale !== 'ja') return s;
  if (JA_WORDS[s]) return JA_WORDS[s];
  const p = JA_PREFIXES.find(([en]) => s.startsWith(en));
  return p ? p[1] + s.slice(p[0].length) : s;
}

/** One detail as a sentence: `node test-worker: Ready — expected False, seen True`. */
export function formatDetail(x: CheckDetail, locale: Locale): string {
  return t(locale, 'checks.detail', { subject: x.subject, field: x.field, expected: word(x.expected, locale), seen: word(x.seen, locale) });
}

export function formatDetails(result: CheckResult, locale: Locale): string[] {
  return result.details.map((x) => formatDetail(x, locale));
}
