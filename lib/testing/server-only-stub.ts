// Vitest alias target for 'server-only': the real package throws when imported outside Next's server bundle.
export {};
