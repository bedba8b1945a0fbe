import { readFileSync } from 'fs';
import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
const sqls = JSON.parse(readFileSync('/tmp/setup_sqls.json','utf8'));
for (const [k,s] of sqls.entries()) { if (k>=40) break; try { await c.run(s); } catch(e) {} }
const B = sqls[40];
const res={T:[],F:[]};
for (let r=0;r<5;r++) for (const n of ['T','F']) {
  await c.run('drop table if exists event_line_1');
  await c.run(`set preserve_insertion_order = ${n==='T'}`);
  const t=performance.now(); const cpu=process.cpuUsage(); await c.run(B); const u=process.cpuUsage(cpu); res[n].push([performance.now()-t, (u.user+u.system)/1000]);
}
for (const n of ['T','F']) console.log(n, res[n].map(([w,c])=>w.toFixed(0)+'/'+c.toFixed(0)).join(' '));
