import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
const f='bench/data/claims-1000000-share0.01/parquet/medical_claim.parquet';
async function t(label, sql){ const s=performance.now(); const cpu=process.cpuUsage(); const r=await c.runAndReadAll(sql); const u=process.cpuUsage(cpu); console.log(label, (performance.now()-s).toFixed(0),'ms cpu', ((u.user+u.system)/1000).toFixed(0), JSON.stringify(r.getRowObjectsJson()[0]??'').slice(0,60)); }
const src=`(select hash(claim_id, claim_line_number) as h from read_parquet('${f}'))`;
for (let k=0;k<2;k++){
await t('window', `select count(*) from (select distinct h from (select h, lag(h) over (order by h) as p from ${src}) where h=p)`);
await t('groupby', `select count(*) from (select h from ${src} group by h having count(*)>1)`);
await t('count distinct', `select count(distinct h) = count(*) from ${src}`);
await t('sort only', `select count(*) from (select h from ${src} order by h)`);
await t('read+hash', `select max(h) from ${src}`);
await t('groupby hugeint key', `select count(*) from (select claim_id, claim_line_number from read_parquet('${f}') group by all having count(*)>1)`);
}
