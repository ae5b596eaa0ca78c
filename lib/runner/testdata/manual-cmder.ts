// Test helper: a Cmder whose commands the test drives by hand (write output, then finish).
import type { Cmd, CmdIO, CmdOptions, CmdResult, Cmder, CommandSpec } from '../types';

export interface ManualCmd {
  spec: CommandSpec;
  io: CmdIO;
  opts: CmdOptions;
  cancelled: boolean;
  finish(r?: Partial<CmdResult>): void;
}

export class ManualCmder implements Cmder {
  readonly started: ManualCmd[] = [];
  start(spec: CommandSpec, io: CmdIO, opts: CmdOptions): Cmd {
    let resolve!: (r: CmdResult) => void;
    const done = new Promise<CmdResult>((r) => (resolve = r));
    const m: ManualCmd = {
      spec, io, opts, cancelled: false,
      finish: (r = {}) => resolve({ exitCode: 0, signal: null, timedOut: false, cancelled: m.cancelled, truncated: false, ...r }),
    };
    this.started.push(m);
    return {
      done,
      cancel() {
        m.cancelled = true;
        m.finish({ exitCode: null, signal: 'SIGTERM' });
      },
    };
  }
  get last(): ManualCmd {
    return this.started[this.started.length - 1];
  }
}
