import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
const f='bench/data/claims-1000000-share0.01/parquet/medical_claim.parquet';
async function t(label, sql){ const s=performance.now(); const cpu=process.cpuUsage(); const r=await c.runAndReadAll(sql); const u=process.cpuUsage(cpu); console.log(label, (performance.now()-s).toFixed(0),'ms cpu', ((u.user+u.system)/1000).toFixed(0), JSON.stringify(r.getRowObjectsJson()[0]??'').slice(0,120)); }
for (let k=0;k<2;k++){
await t('window64', `select count(*) from (select distinct h from (select h, lag(h) over (order by h) as p from (select hash(claim_id, claim_line_number) h from read_parquet('${f}'))) where h=p)`);
await t('window32', `select count(*) from (select distinct h from (select h, lag(h) over (order by h) as p from (select (hash(claim_id, claim_line_number) >> 32)::uinteger h from read_parquet('${f}'))) where h=p)`);
await t('groupby32', `select count(*) from (select h from (select (hash(claim_id, claim_line_number) >> 32)::uinteger h from read_parquet('${f}')) group by h having count(*)>1)`);
await t('sort64 only', `select count(*) from (select h from (select hash(claim_id, claim_line_number) h from read_parquet('${f}')) order by h)`);
await t('sort32 only', `select count(*) from (select h from (select (hash(claim_id, claim_line_number) >> 32)::uinteger h from read_parquet('${f}')) order by h)`);
}
