/** The reports' public surface, for the run command. */
export { prepareReports, writeReports, type PreparedReports, type WriteReportsOptions } from './writeReports.js';
export { pseudonymizePersonIds, readPseudonymKey, pseudonymFor } from './pseudonymize.js';
export { writeArrowCopy, writeParquetCopy } from './writeResearchCopies.js';
export type { AttritionInput, ProcedureType, RunInfo } from './types.js';
