import { readFileSync } from 'fs';
import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
const sqls = JSON.parse(readFileSync('/tmp/setup_sqls.json','utf8'));
for (const [k,s] of sqls.entries()) { if (k>=40) break; try { await c.run(s); } catch(e) {} }
const A = readFileSync('/tmp/sql_40.sql','utf8'), B = readFileSync('/tmp/sql_new.sql','utf8');
const res={A:[],B:[]};
for (let r=0;r<5;r++) for (const [n,s] of [['A',A],['B',B]]) {
  await c.run('drop table if exists event_line_1');
  const t=performance.now(); const cpu=process.cpuUsage(); await c.run(s); const u=process.cpuUsage(cpu); res[n].push([performance.now()-t,(u.user+u.system)/1000]);
}
for (const n of ['A','B']) console.log(n, res[n].map(([w,c])=>w.toFixed(0)+'/'+c.toFixed(0)).join(' '));
