import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
const f='bench/data/claims-200000-share0.01/parquet/medical_claim.parquet';
async function t(label, sql){ const s=performance.now(); const r=await c.runAndReadAll(sql); console.log(label, (performance.now()-s).toFixed(0),'ms', JSON.stringify(r.getRowObjectsJson()[0]??'').slice(0,80)); }
await c.run(`create view src as select *, row_number() over () as __line from read_parquet('${f}')`);
await c.run(`create view src2 as select * from read_parquet('${f}', file_row_number=true)`);
for (let k=0;k<2;k++){
await t('window', `select count(*) from (select distinct __hash from (select __hash, lag(__hash) over (order by __hash) as p from (select hash(claim_id, claim_line_number) as __hash from read_parquet('${f}'))) where __hash=p)`);
await t('groupby', `select count(*) from (select hash(claim_id, claim_line_number) h from read_parquet('${f}') group by h having count(*)>1)`);
await t('read only', `select count(*), max(hash(claim_id, claim_line_number)) from read_parquet('${f}')`);
await t('read+store', `create or replace temp table hh as select hash(claim_id, claim_line_number) h from read_parquet('${f}')`);
await t('sort stored', `select count(*) from (select distinct h from (select h, lag(h) over (order by h) p from hh) where h=p)`);
await t('gb stored', `select count(*) from (select h from hh group by h having count(*)>1)`);
}
