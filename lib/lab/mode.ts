import 'server-only';
// The lab's mode (live kind vs simulated cluster): auto-detected by the doctor, overridable by the
// learner or CNI_LAB_MODE. State lives on globalThis because route bundles are separate modules.
import type { DoctorReport } from '../api/contract';
import { detect } from '../doctor/detect';

const KEY = Symbol.for('cni-lab.mode');
interface ModeState {
  override?: 'live' | 'sim';
  report?: DoctorReport;
  pending?: Promise<DoctorReport>;
}
type G = typeof globalThis & { [KEY]?: ModeState };

function state(): ModeState {
  const g = globalThis as G;
  if (!g[KEY]) {
    const env = process.env.CNI_LAB_MODE;
    g[KEY] = { override: env === 'live' || env === 'sim' ? env : undefined };
  }
  return g[KEY];
}

const MAX_AGE_MS = 15_000;

export async function doctorReport(force = false): Promise<DoctorReport> {
  const s = state();
  if (!force && s.report && Date.now() - s.report.checkedAt < MAX_AGE_MS) return s.report;
  s.pending ??= detect({ override: s.override }).finally(() => {
    s.pending = undefined;
  });
  s.report = await s.pending;
  return s.report;
}

export async function setMode(mode: 'live' | 'sim' | 'auto'): Promise<DoctorReport> {
  state().override = mode === 'auto' ? undefined : mode;
  return doctorReport(true);
}

export async function currentMode(): Promise<'live' | 'sim'> {
  return (await doctorReport()).mode;
}
