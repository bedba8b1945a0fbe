import { readFileSync } from 'fs';
import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
const sqls = JSON.parse(readFileSync('/tmp/setup_sqls.json','utf8'));
for (const [k,s] of sqls.entries()) { if (k>=40) break; try { await c.run(s); } catch(e) {} }
const v = JSON.parse(readFileSync('/tmp/variants2.json','utf8'));
const res={};
for (let r=0;r<3;r++) for (const [n,s] of Object.entries(v)) {
  await c.run('drop table if exists event_line_1');
  const t=performance.now(); const cpu=process.cpuUsage(); try { await c.run(s); } catch(e) { console.log(n, String(e).slice(0,300)); continue; } const u=process.cpuUsage(cpu); (res[n]??=[]).push(((u.user+u.system)/1000).toFixed(0));
}
console.log(res);
