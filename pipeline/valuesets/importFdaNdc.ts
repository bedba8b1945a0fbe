import { join } from 'node:path';
import { classifyProduct, type LeftOutReason, type ProductClass } from './classifyProduct.js';
import { readFdaTextFile, type FdaRowProblem } from './fdaTextFile.js';
import { drugValueSets, type DrugValueSet, type ImportedRow } from './importedRow.js';
import { normaliseNdc } from './normaliseNdc.js';
import { isOncologyPackage } from './oncologyStrength.js';
import { readTherapyCoverDays, type IngredientCoverDays } from './therapyCoverDays.js';

/** Columns the import reads; NDC_EXCLUDE_FLAG is read when present (older files lack it). */
export const productColumns = [
  'PRODUCTID', 'PRODUCTNDC', 'PRODUCTTYPENAME', 'PROPRIETARYNAME', 'DOSAGEFORMNAME', 'ROUTENAME',
  'MARKETINGCATEGORYNAME', 'SUBSTANCENAME', 'ACTIVE_NUMERATOR_STRENGTH', 'ACTIVE_INGRED_UNIT',
] as const;
export const packageColumns = ['PRODUCTID', 'PRODUCTNDC', 'NDCPACKAGECODE', 'PACKAGEDESCRIPTION'] as const;

/** What an import read, wrote and left out. */
export interface ImportStats {
  productsRead: number;
  packagesRead: number;
  rowsByValueSet: Record<DrugValueSet, number>;
  /** Products left out, by reason. */
  productsLeftOut: Record<LeftOutReason, number>;
  /** Packages of included products left out: oncology strength, FDA's exclude flag, a package NDC seen before. */
  packagesLeftOut: { oncology_strength: number; excluded_by_fda: number; duplicate_ndc: number };
  /** Rows written without a strength (a unit that does not convert, or two ingredients of one value set). */
  rowsWithoutStrength: number;
}

/** The rows of an import, sorted by value set and code, with their source text and what happened. */
export interface ImportResult {
  rows: ImportedRow[];
  /** "FDA NDC Directory YYYY-MM-DD". */
  source: string;
  stats: ImportStats;
  /** Rows that could not be read or classified, with file, line and column. */
  problems: FdaRowProblem[];
}

/** Options of importFdaNdc. */
export interface ImportOptions {
  /** The folder holding FDA's product.txt and package.txt (ndctext.zip, unzipped). */
  fdaDir: string;
  /** YYYY-MM-DD of the FDA release; default: the later modification date (UTC) of the two files. */
  releaseDate?: string;
  /** Ingredient -> default cover days; default: read from the shipped osteoporosis_therapy value set. */
  therapy?: ReadonlyMap<string, IngredientCoverDays>;
}

/**
 * Builds value-set rows for the drug value sets from the FDA NDC Directory text files: one row per
 * package NDC (11 digits, 5-4-2) and value set its product belongs to (classifyProduct), oncology
 * packages left out (isOncologyPackage). Display is the proprietary name with its suffix and the
 * dosage form. Throws UsageError naming the file when a file or a required column is missing;
 * rows that cannot be read are returned in `problems`, never dropped silently. Pure apart from
 * reading the two files (and the shipped value set when `therapy` is not given).
 */
export function importFdaNdc(options: ImportOptions): ImportResult {
  const products = readFdaTextFile(join(options.fdaDir, 'product.txt'), productColumns);
  const packages = readFdaTextFile(join(options.fdaDir, 'package.txt'), packageColumns);
  const therapy = options.therapy ?? readTherapyCoverDays();
  const problems: FdaRowProblem[] = [...products.problems, ...packages.problems];
  const stats: ImportStats = {
    productsRead: products.rows.length + products.problems.length,
    packagesRead: packages.rows.length + packages.problems.length,
    rowsByValueSet: Object.fromEntries(drugValueSets.map((name) => [name, 0])) as Record<DrugValueSet, number>,
    productsLeftOut: { product_type: 0, excluded_by_fda: 0, homeopathic: 0, active_vitamin_d: 0, calcium_not_oral: 0, other_ingredients: 0 },
    packagesLeftOut: { oncology_strength: 0, excluded_by_fda: 0, duplicate_ndc: 0 },
    rowsWithoutStrength: 0,
  };

  const byProductId = new Map<string, { fields: Record<string, string>; productClass: ProductClass }>();
  for (const product of products.rows) {
    const productClass = classifyProduct(product.fields, therapy);
    if (productClass.kind === 'left_out') stats.productsLeftOut[productClass.reason] += 1;
    if (productClass.kind === 'problem') {
      problems.push({ file: products.path, line: product.line, column: productClass.column, problem: productClass.problem });
    }
    byProductId.set(product.fields.PRODUCTID!, { fields: product.fields, productClass });
  }

  const rows: ImportedRow[] = [];
  const seen = new Set<string>();
  for (const pack of packages.rows) {
    const product = byProductId.get(pack.fields.PRODUCTID!);
    if (!product) {
      problems.push({ file: packages.path, line: pack.line, column: 'PRODUCTID', problem: `no product in product.txt has PRODUCTID "${pack.fields.PRODUCTID}"` });
      continue;
    }
    const { productClass, fields } = product;
    if (productClass.kind !== 'included') continue;
    const excludeFlag = (pack.fields.NDC_EXCLUDE_FLAG ?? '').toUpperCase();
    if (excludeFlag !== '' && excludeFlag !== 'N') {
      stats.packagesLeftOut.excluded_by_fda += 1;
      continue;
    }
    const code = normaliseNdc(pack.fields.NDCPACKAGECODE!);
    if (code === null) {
      problems.push({ file: packages.path, line: pack.line, column: 'NDCPACKAGECODE', problem: `"${pack.fields.NDCPACKAGECODE}" is not a 10-digit NDC in 4-4-2, 5-3-2 or 5-4-1 form` });
      continue;
    }
    const description = pack.fields.PACKAGEDESCRIPTION ?? '';
    if (productClass.therapyStrengths.some(({ ingredient, strength }) => isOncologyPackage(ingredient, strength, description))) {
      stats.packagesLeftOut.oncology_strength += 1;
      continue;
    }
    if (seen.has(code)) {
      stats.packagesLeftOut.duplicate_ndc += 1;
      continue;
    }
    seen.add(code);
    const display = displayOf(fields);
    for (const row of productClass.rows) {
      rows.push({ ...row, code, display });
      stats.rowsByValueSet[row.valueSet] += 1;
      if (row.strength === null) stats.rowsWithoutStrength += 1;
    }
  }

  rows.sort((a, b) => compare(a.valueSet, b.valueSet) || compare(a.code, b.code));
  problems.sort((a, b) => compare(a.file, b.file) || a.line - b.line);
  const releaseDate = options.releaseDate ?? latestDate(products.modifiedAt, packages.modifiedAt);
  return { rows, source: `FDA NDC Directory ${releaseDate}`, stats, problems };
}

/** Proprietary name (with its suffix) and dosage form: "Fosamax Plus D (tablet)". */
function displayOf(fields: Record<string, string>): string {
  const name = [fields.PROPRIETARYNAME || fields.NONPROPRIETARYNAME || '', fields.PROPRIETARYNAMESUFFIX ?? ''].filter((part) => part !== '').join(' ');
  const form = (fields.DOSAGEFORMNAME ?? '').toLowerCase();
  return form === '' ? name : `${name} (${form})`;
}

function latestDate(first: Date, second: Date): string {
  return new Date(Math.max(first.getTime(), second.getTime())).toISOString().slice(0, 10);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
