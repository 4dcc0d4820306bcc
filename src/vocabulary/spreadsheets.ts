/**
 * Spreadsheet files analysts drop beside their CSV files, and how to turn each into a file zz-plan
 * reads. The folder walker lists them so that none is skipped in silence, and the reader explains
 * each with the menu steps of the program that made it.
 */

/** Workbooks zz-plan reads itself (Office Open XML). */
export const readableWorkbookExtensions = ["xlsx", "xlsm"] as const;

interface SpreadsheetFormat {
  /** What the file is, for a message: "an Excel 97-2003 workbook (.xls)". */
  what: string;
  /** The menu steps that save it as a file zz-plan reads, in English. */
  steps: string;
}

const excelAndWps =
  'in Excel: File > Save As > "Excel Workbook (*.xlsx)" or "CSV UTF-8 (Comma delimited) (*.csv)"; in WPS: 文件 (File) > 另存为 (Save As) > "Microsoft Excel 文件 (*.xlsx)" or "CSV (逗号分隔) (*.csv)"';

/** Spreadsheets zz-plan does not read, by extension (lower case, no dot). */
export const unreadableSpreadsheets: Readonly<Record<string, SpreadsheetFormat>> = {
  xls: { what: "an Excel 97-2003 workbook (.xls)", steps: excelAndWps },
  xlsb: { what: "an Excel binary workbook (.xlsb)", steps: excelAndWps },
  et: { what: "a WPS spreadsheet (.et)", steps: excelAndWps },
  ett: { what: "a WPS spreadsheet template (.ett)", steps: excelAndWps },
  wps: { what: "a WPS Office file (.wps)", steps: excelAndWps },
  ods: { what: "an OpenDocument spreadsheet (.ods)", steps: 'in LibreOffice or WPS: File > Save As > "Excel 2007-365 (.xlsx)" or "Text CSV (.csv)"' },
  numbers: { what: "an Apple Numbers spreadsheet (.numbers)", steps: "in Numbers: File > Export To > Excel… (or CSV…)" },
};

/** The message for an unread spreadsheet: what it is and how to save it as a file zz-plan reads. */
export function describeUnreadableSpreadsheet(format: SpreadsheetFormat): string {
  return `this is ${format.what}, which zz-plan does not read; save it as .xlsx or CSV and check that file (${format.steps})`;
}

/** The file names the folder walker lists: data files, workbooks, and the spreadsheets it explains. */
export const listedFileName = new RegExp(`\\.(csv|tsv|json|jsonl|${[...readableWorkbookExtensions, ...Object.keys(unreadableSpreadsheets)].join("|")})$`, "i");
