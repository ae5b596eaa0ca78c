import { simScale } from './sim-scale';
const n = Number(process.argv[2] ?? 1000), p = Number(process.argv[3] ?? 10000);
simScale(n, p).then((r) => { console.log(JSON.stringify(r, null, 1)); process.exit(0); }, (e) => { console.error(e); process.exit(1); });
