import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '2GB' });
const c = await inst.connect();
const S = `'{"resourceType":"VARCHAR","id":"VARCHAR","subject":{"reference":"VARCHAR"},"code":{"coding":[{"system":"VARCHAR","code":"VARCHAR"}]}}'`;
for (const file of ['Procedure', 'Coverage'])
for (const opts of ['max_line_size = 67108864, buffer_size = 134217728', 'max_line_size = 2097152, buffer_size=8388608', '']) {
  for (let r = 0; r < 2; r++) {
  const t = performance.now(); const cpu = process.cpuUsage();
  await c.run(`create or replace table x as select line, json_transform(line, ${S}) as resource from read_csv('/tmp/fhirh/p50k/${file}.ndjson', header = false, auto_detect = false, delim = chr(1) || chr(2) || chr(3) || chr(4), quote = '', escape = '', columns = {'line': 'VARCHAR'}${opts ? ', ' + opts : ''})`);
  const u = process.cpuUsage(cpu);
  console.log(file, JSON.stringify(opts), Math.round(performance.now() - t), 'ms cpu', Math.round((u.user + u.system) / 1000));
  }
}
