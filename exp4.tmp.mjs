import { readFileSync } from 'fs';
import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
const sqls = JSON.parse(readFileSync('/tmp/setup_sqls.json','utf8'));
for (const [k,s] of sqls.entries()) { if (k>=40) break; try { await c.run(s); } catch(e) {} }
const A = readFileSync('/tmp/sql_40.sql','utf8'), B = sqls[40];
const res={A:[],B:[]};
for (let r=0;r<6;r++) for (const [n,s] of [['A',A],['B',B]]) {
  await c.run('drop table if exists event_line_1');
  const t=performance.now(); await c.run(s); res[n].push(performance.now()-t);
}
for (const n of ['A','B']) { const x=res[n].sort((a,b)=>a-b); console.log(n, x.map(v=>v.toFixed(0)).join(' '), 'median', x[3].toFixed(0)); }
