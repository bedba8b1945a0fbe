import { readFileSync } from 'fs';
import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
const sqls = JSON.parse(readFileSync('/tmp/setup_sqls.json','utf8'));
for (const [k,s] of sqls.entries()) { if (k>=40) break; try { await c.run(s); } catch(e) {} }
const v = JSON.parse(readFileSync('/tmp/variants.json','utf8'));
for (const [name, s] of Object.entries(v)) {
  let best=1e9; for (let r=0;r<3;r++){ const t=performance.now(); try { await c.run('explain '+s); } catch(e) { console.log(name, String(e).slice(0,200)); break; } best=Math.min(best, performance.now()-t); }
  console.log(name,'plan ms', best.toFixed(0));
}
