import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
await c.run(`create table r as select json_extract_string(line, '$.subject.reference') as ref from read_csv('bench/data/fhir-200000/Condition.ndjson', header=false, auto_detect=false, delim=chr(1)||chr(2), quote='', escape='', columns={'line':'VARCHAR'})`);
async function t(label, sql){ const s=performance.now(); const cpu=process.cpuUsage(); const r=await c.runAndReadAll(sql); const u=process.cpuUsage(cpu); console.log(label.padEnd(14), (performance.now()-s).toFixed(0),'ms cpu', ((u.user+u.system)/1000).toFixed(0), JSON.stringify(r.getRowObjectsJson()[0]).slice(-20)); }
const P="'Patient/'";
for (let k=0;k<2;k++) for (const [n,e] of [
 ['starts+len',`starts_with(ref, ${P}) and length(ref) > 8`],
 ['starts+strlen',`starts_with(ref, ${P}) and strlen(ref) > 8`],
 ['strpos substr',`strpos(substr(ref, 9), '/') = 0`],
 ['contains sub',`not contains(substr(ref, 9), '/')`],
 ['replace cnt',`strlen(ref) - strlen(replace(ref, '/', '')) = 1`],
 ['rtrim eq',`ref = rtrim(ref)`],
 ['full A',`(starts_with(ref, ${P}) and length(ref) > 8 and strpos(substr(ref, 9), '/') = 0 and ascii(right(ref, 1)) between 33 and 126)`],
 ['full G',`(starts_with(ref, ${P}) and strlen(ref) > 8 and strpos(substr(ref, 9), '/') = 0 and ascii(substr(ref, strlen(ref))) between 33 and 126)`],
]) {
  await t(n, `select count(*) filter (where ${e}) from r`);
}
