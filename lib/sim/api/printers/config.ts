// ConfigMap, Secret, ServiceAccount tables.
import { AGE_COL, NAME_COL, age, col, type Printer, arr } from './common';

export const configMapPrinter: Printer = {
  columns: [NAME_COL, col('Data', 'Data contains the configuration data.', { type: 'integer' }), AGE_COL],
  cells: (cm, now) => [cm.metadata?.name ?? '', Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, age(cm, now)],
};

export const secretPrinter: Printer = {
  columns: [NAME_COL, col('Type', 'The type of the secret'), col('Data', 'The number of data entries in the secret', { type: 'integer' }), AGE_COL],
  cells: (s, now) => [s.metadata?.name ?? '', s.type ?? 'Opaque', Object.keys(s.data ?? {}).length + Object.keys(s.stringData ?? {}).length, age(s, now)],
};

export const serviceAccountPrinter: Printer = {
  columns: [NAME_COL, col('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.', { type: 'integer' }), AGE_COL],
  cells: (sa, now) => [sa.metadata?.name ?? '', arr(sa.secrets).length, age(sa, now)],
};
