import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
await c.run(`create table r as select json_extract_string(line, '$.subject.reference') as ref from read_csv('bench/data/fhir-200000/Condition.ndjson', header=false, auto_detect=false, delim=chr(1)||chr(2), quote='', escape='', columns={'line':'VARCHAR'})`);
async function t(label, sql){ const s=performance.now(); const cpu=process.cpuUsage(); const r=await c.runAndReadAll(sql); const u=process.cpuUsage(cpu); console.log(label.padEnd(12), (performance.now()-s).toFixed(0),'ms cpu', ((u.user+u.system)/1000).toFixed(0), JSON.stringify(r.getRowObjectsJson()[0]).slice(-30)); }
for (let k=0;k<2;k++) for (const [n,e] of [['right',`ascii(right(ref,1))`],['substr strlen',`ascii(substr(ref, strlen(ref)))`],['reverse',`ascii(reverse(ref))`],['slice',`ascii(ref[-1:])`],['none','1']]) {
  await t(n, `select count(*) filter (where ${e} between 33 and 126) from r`);
}
const r = await c.runAndReadAll(`select ascii('') a, ascii(substr('Patient/é', strlen('Patient/é'))) b, substr('Patient/é', strlen('Patient/é')) c, ('abc')[-1:] d, ('abé')[-1:] e, ascii(('ab ')[-1:]) f`);
console.log(r.getRowObjectsJson());
