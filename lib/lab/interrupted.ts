import 'server-only';
// Cluster creations that did not finish: a marker is written when `kind create cluster` starts and
// removed when it ends on its own. A marker left behind means the server stopped (or the learner
// cancelled) mid-create; the app then looks at the cluster's true state and offers to clean up or
// create it again, so a half-created cluster is never left unexplained.
import fs from 'node:fs';
import path from 'node:path';
import { stateDir } from './paths';

export interface CreateMarker {
  name: string;
  mode: 'live' | 'sim';
  command: string;
  lessonId?: string;
  startedAt: number;
  /** Set when the job ended without finishing (cancel, timeout); absent while it runs or after a crash. */
  ended?: 'cancelled' | 'timed-out';
}

const NAME = /^[a-z0-9.-]{1,63}$/;
const dir = () => path.join(stateDir(), 'creating');

export function writeMarker(m: CreateMarker): void {
  if (!NAME.test(m.name)) return;
  fs.mkdirSync(dir(), { recursive: true });
  const file = path.join(dir(), `${m.name}.json`);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(m));
  fs.renameSync(`${file}.tmp`, file);
}

export function clearMarker(name: string): void {
  if (NAME.test(name)) fs.rmSync(path.join(dir(), `${name}.json`), { force: true });
}

export function readMarkers(): CreateMarker[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir());
  } catch {
    return [];
  }
  const out: CreateMarker[] = [];
  for (const f of names) {
    if (!f.endsWith('.json') || !NAME.test(f.slice(0, -5))) continue;
    try {
      const m = JSON.parse(fs.readFileSync(path.join(dir(), f), 'utf8')) as CreateMarker;
      if (m && typeof m.name === 'string' && NAME.test(m.name) && (m.mode === 'live' || m.mode === 'sim')) out.push(m);
    } catch {
      // A torn marker still says a create was interrupted; report it with what the name tells.
      out.push({ name: f.slice(0, -5), mode: 'sim', command: `kind create cluster --name ${f.slice(0, -5)}`, startedAt: 0 });
    }
  }
  return out;
}
