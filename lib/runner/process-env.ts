import 'server-only';
// The environment a lab process gets: an allowlist copied from the server's environment plus
// entries the server passes explicitly (KUBECONFIG…). Nothing else leaks in (NODE_OPTIONS, tokens…).
const COPIED = ['PATH', 'HOME', 'LANG', 'LANGUAGE', 'TZ', 'USER', 'DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'KIND_EXPERIMENTAL_PROVIDER', 'XDG_RUNTIME_DIR'];
const DENIED_EXTRA = /^(LD_|DYLD_|NODE_|BASH_ENV$|ENV$|PYTHON|PERL|RUBY)/;

export function buildEnv(base: Record<string, string | undefined>, extra?: Record<string, string>): Record<string, string> {
  const env = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(base)) {
    const value = base[key];
    if (typeof value !== 'string' || value.includes('\0')) continue;
    if (COPIED.includes(key) || key.startsWith('LC_')) env[key] = value;
  }
  env.TERM = 'dumb';
  // kubectl ≥ 1.33 reads ~/.kube/kuberc (aliases, exec plugins); the lab does not want the user's.
  env.KUBERC = 'off';
  if (extra) {
    for (const key of Object.keys(extra)) {
      const value = extra[key];
      if (!/^[A-Z_][A-Z0-9_]{0,63}$/.test(key) || DENIED_EXTRA.test(key)) throw new Error(`env entry ${key} is not allowed`);
      if (typeof value !== 'string' || value.includes('\0')) throw new Error(`env entry ${key} has a bad value`);
      env[key] = value;
    }
  }
  return env;
}
