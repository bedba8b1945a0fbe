import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../pipeline/db.js';
import { DEFAULT_AUGMENTATION_TYPES, readAugmentationTypes } from './aggregates/augmentationTypes.js';
import { readRawAggregates } from './aggregates/readRawAggregates.js';
import { renderCharts } from './charts/renderCharts.js';
import { readCourseAggregates } from './course/readCourseAggregates.js';
import { buildReportModel } from './model/buildReportModel.js';
import type { ReportModel } from './model/reportModel.js';
import { renderReportHtml } from './renderers/reportHtml.js';
import { renderSummaryJson } from './renderers/summaryJson.js';
import { renderSummaryMarkdown } from './renderers/summaryMarkdown.js';
import type { AttritionInput, ProcedureType, RunInfo } from './types.js';

/** Options of writeReports; the run maps its CLI flags onto them. */
export interface WriteReportsOptions {
  /** Folder to write into (the run's temporary output folder). */
  outDir: string;
  run: RunInfo;
  /** --min-cell (docs/rules.md §7, default 11); 0 turns suppression off and every report says so. */
  minCell: number;
  /** --worklist: worklist.csv is written beside the reports (report.html points to it; it never lists patients). */
  worklist: boolean;
  /** --worklist-by-site: worklists/<site>.csv are written too (report.html points to them). */
  worklistBySite?: boolean;
  attrition: AttritionInput;
  /** False when the inputs cannot show over-the-counter supplements (claims only): rule B caveat. */
  supplementsVisible: boolean;
  /** True when the run called pseudonymizePersonIds first (--pseudonymize-key): the reports say so. */
  pseudonymized?: boolean;
  /** Normalised augmentation code -> procedure type; default: value_set.procedure_type, else the built-in list. */
  augmentationTypes?: Readonly<Record<string, ProcedureType>>;
  /** Write patient_gaps.arrow (default true). */
  arrowCopy?: boolean;
  /** Run warnings to print next to the rules they concern (drug codes that cannot be trusted: rules A and B). */
  ruleWarnings?: ReadonlyArray<{ message: string; rules: readonly string[] }>;
}

/** Reports whose aggregates are read and whose charts are being rendered; `write` puts them on disk. */
export interface PreparedReports {
  model: ReportModel;
  /** Waits for the charts and writes the files of writeReports into `outDir`. */
  write: (outDir: string) => Promise<ReportModel>;
}

/**
 * writeReports in two steps, so a run can write its other outputs in between: the aggregates are
 * read from DuckDB now and the charts (pure JavaScript, milliseconds) start rendering; DuckDB is
 * free for other statements while they do. Same files, same bytes as writeReports. Nothing may
 * change patient_gaps or episode_course between the two steps except pseudonymising person ids,
 * which the reports never show.
 */
export async function prepareReports(db: Db, options: Omit<WriteReportsOptions, 'outDir'>): Promise<PreparedReports> {
  const augmentationTypes = options.augmentationTypes ?? (await readAugmentationTypes(db)) ?? DEFAULT_AUGMENTATION_TYPES;
  const rules = await readRawAggregates(db, augmentationTypes, options.run.asOf);
  const course = await readCourseAggregates(db);
  const model = buildReportModel({
    run: options.run,
    attrition: options.attrition,
    rules,
    minCell: options.minCell,
    supplementsVisible: options.supplementsVisible,
    pseudonymized: options.pseudonymized ?? false,
    ruleWarnings: options.ruleWarnings ?? [],
    worklistFiles: { csv: options.worklist, bySite: options.worklistBySite ?? false },
    ...(course ? { course } : {}),
  });
  const rendering = renderCharts(model);
  rendering.catch(() => undefined); // awaited in write; a run that fails before then must not report it twice
  const write = async (outDir: string): Promise<ReportModel> => {
    const charts = await rendering;
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'summary.json'), renderSummaryJson(model));
    await writeFile(join(outDir, 'summary.md'), renderSummaryMarkdown(model));
    await writeFile(join(outDir, 'report.html'), renderReportHtml(model, charts));
    if (options.arrowCopy !== false) {
      // Loaded only when asked for: apache-arrow takes a noticeable share of start-up.
      const { writeArrowCopy } = await import('./writeResearchCopies.js');
      await writeArrowCopy(db, join(outDir, 'patient_gaps.arrow'));
    }
    return model;
  };
  return { model, write };
}

/**
 * Writes summary.json, summary.md, report.html and patient_gaps.arrow into `outDir` from the
 * patient_gaps table. Suppression (docs/rules.md §7) is applied once, to the model every format
 * prints. Deterministic: same table and options, same bytes (no clock unless run.generatedAt).
 * Call pseudonymizePersonIds before this (and before the run writes its CSV/Parquet) to have keyed
 * hashes everywhere. Returns the model, for callers that want to log a line from it.
 */
export async function writeReports(db: Db, options: WriteReportsOptions): Promise<ReportModel> {
  const prepared = await prepareReports(db, options);
  return prepared.write(options.outDir);
}
