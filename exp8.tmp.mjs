import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
const f='bench/data/claims-1000000-share0.01/parquet/medical_claim.parquet';
async function t(label, sql){ const s=performance.now(); const cpu=process.cpuUsage(); const r=await c.runAndReadAll(sql); const u=process.cpuUsage(cpu); console.log(label, (performance.now()-s).toFixed(0),'ms cpu', ((u.user+u.system)/1000).toFixed(0), JSON.stringify(r.getRowObjectsJson()[0]??'').slice(0,120)); }
const inc = `claim_id > p_id or (claim_id = p_id and (length(claim_line_number) > length(p_l) or (length(claim_line_number) = length(p_l) and claim_line_number > p_l)))`;
for (let k=0;k<2;k++){
await t('streaming lag', `select count(*) as n, count(*) filter (where p_id is not null and not coalesce(${inc}, false)) as bad from (select claim_id, claim_line_number, lag(claim_id) over () as p_id, lag(claim_line_number) over () as p_l from read_parquet('${f}'))`);
await t('first rows', `select claim_id, claim_line_number from read_parquet('${f}') limit 3`);
}
await t('explain', `explain select count(*) from (select claim_id, lag(claim_id) over () as p_id from read_parquet('${f}'))`);
const r = await c.runAndReadAll(`explain select count(*) from (select claim_id, lag(claim_id) over () as p_id from read_parquet('${f}'))`);
console.log(r.getRowObjectsJson()[0].explain_value);
