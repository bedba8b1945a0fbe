import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:', {threads:'2', memory_limit:'2GB'}); const c = await i.connect();
const f='bench/data/claims-1000000-share0.01/parquet/medical_claim.parquet';
const codeDropped = `' .-' || chr(9) || chr(10) || chr(12) || chr(13)`;
await c.run(`create table m as select translate(diagnosis_code_1, ${codeDropped}, '') d1, translate(diagnosis_code_2, ${codeDropped}, '') d2, translate(diagnosis_code_3, ${codeDropped}, '') d3 from read_parquet('${f}')`);
async function t(label, sql){ const s=performance.now(); const cpu=process.cpuUsage(); const r=await c.runAndReadAll(sql); const u=process.cpuUsage(cpu); console.log(label.padEnd(14), (performance.now()-s).toFixed(0),'ms cpu', ((u.user+u.system)/1000).toFixed(0), JSON.stringify(r.getRowObjectsJson()[0]??'').slice(-12)); }
const codes=['C79','C90','K25','K26','K27','K28','M48','M80','M81','M84','N18','S22','S32','Z51','Z87','Z88','733','805','816'];
const str='|'+codes.join('|')+'|';
const A = (x)=>`coalesce(contains('${str}', '|' || left(upper(${x}), 3) || '|'), false)`;
const B = (x)=>`coalesce(list_contains([${codes.map(c=>`'${c}'`).join(',')}], left(upper(${x}), 3)), false)`;
const E = (x)=>`coalesce(list_contains([${codes.map(c=>`'${c}'`).join(',')}], upper(left(${x}, 3))), false)`;
const F = (x)=>`coalesce(list_contains([${codes.map(c=>`'${c}'`).join(',')}], left(${x}, 3)) or (not regexp_full_match(left(${x},3), '[A-Z0-9]*') and list_contains([${codes.map(c=>`'${c}'`).join(',')}], upper(left(${x}, 3)))), false)`;
for (let k=0;k<2;k++) for (const [n,fn] of [['A contains',A],['B list',B],['E list upleft',E]]) {
  await t(n, `select count(*) filter (where ${fn('d1')} or ${fn('d2')} or ${fn('d3')}) from m`);
}
