import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
await c.run(`create table pg as select * from read_parquet('/work/ref/p200k-42pct/patient_gaps.parquet')`);
await c.run(`create table ep as select * from read_parquet('/work/ref/p200k-42pct/episodes.parquet')`);
async function t(label, sql){ const s=performance.now(); const cpu=process.cpuUsage(); await c.run(sql); const u=process.cpuUsage(cpu); console.log(label, (performance.now()-s).toFixed(0),'ms cpu', ((u.user+u.system)/1000).toFixed(0)); }
for (let k=0;k<2;k++){
await t('pg csv dateformat', `copy (select * from pg) to '/tmp/pg1.csv' (header, dateformat '%Y-%m-%d')`);
await t('pg csv plain', `copy (select * from pg) to '/tmp/pg2.csv' (header)`);
await t('pg parquet', `copy (select * from pg) to '/tmp/pg1.parquet' (format parquet)`);
await t('ep csv dateformat', `copy (select * from ep) to '/tmp/ep1.csv' (header, dateformat '%Y-%m-%d')`);
await t('ep csv plain', `copy (select * from ep) to '/tmp/ep2.csv' (header)`);
await t('ep parquet zstd', `copy (select * from ep) to '/tmp/ep1.parquet' (format parquet, compression zstd)`);
await t('ep parquet snappy', `copy (select * from ep) to '/tmp/ep2.parquet' (format parquet)`);
}
