import { readFileSync } from 'fs';
import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
const sqls = JSON.parse(readFileSync('/tmp/setup_sqls.json','utf8'));
const targets = {21:'elig', 40:'medical', 65:'pharmacy'};
for (const [k,s] of sqls.entries()) {
  if (targets[k]) {
    const q = s.replace(/create table (\w+) as/, 'select count(*) from (') + ')';
    for (let r=0;r<3;r++){ const t=performance.now(); await c.run('explain '+s); const p=performance.now()-t; console.log(targets[k],'plan ms', p.toFixed(0)); }
    const t=performance.now(); await c.run(s); console.log(targets[k],'run ms', (performance.now()-t).toFixed(0));
  } else { try { await c.run(s); } catch(e) { /* ignore */ } }
}
