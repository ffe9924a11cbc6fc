import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
const [pid, port, ...paths] = process.argv.slice(2);
const cpu = () => { const s = readFileSync(`/proc/${pid}/stat`, 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
for (const p of paths) {
  await autocannon({ url: `http://127.0.0.1:${port}${p}`, connections: 20, duration: 2 });
  const c0 = cpu();
  const r = await autocannon({ url: `http://127.0.0.1:${port}${p}`, connections: 20, duration: 8 });
  const c = cpu() - c0;
  console.log(port, p.padEnd(40), Math.round(r.requests.average), 'req/s', 'cpu ms/req', (c * 1000 / r.requests.total).toFixed(3), 'non2xx', r.non2xx);
}
