// Prints the closing line of `make test` from vitest's JSON report, whether the run passed or not:
//   tests: 412 passed, 0 failed[, 3 skipped][, 1 file failed to load]
// A file that fails before its tests run (a bad import, a throwing beforeAll) counts no failed test,
// so the failed files are named too. Exits 0: the Makefile keeps vitest's own exit status.
import { existsSync, readFileSync } from 'node:fs';

const path = process.argv[2] ?? '.tmp/vitest-results.json';
if (!existsSync(path)) {
  console.log(`tests: no results (vitest stopped before writing ${path})`);
} else {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const parts = [`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed`];
  if (report.numPendingTests || report.numTodoTests) parts.push(`${report.numPendingTests + (report.numTodoTests ?? 0)} skipped`);
  const brokenFiles = (report.testResults ?? []).filter((file) => file.status === 'failed' && file.assertionResults.every((test) => test.status !== 'failed'));
  if (brokenFiles.length > 0) parts.push(`${brokenFiles.length} file${brokenFiles.length === 1 ? '' : 's'} failed to load`);
  console.log(parts.join(', '));
}
