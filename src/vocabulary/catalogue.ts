import type { Issue, Location, Severity } from "./issues.js";

/**
 * Every issue code zz-plan emits, explained in Chinese and English, with an example of a valid
 * value or of the fix. tests/data/error-catalogue.test.ts reads the source tree for emitted codes
 * and fails when one is missing here, or when an entry here is no longer emitted.
 */
export interface CatalogueEntry {
  /** Stable kebab-case code, as printed in `file:line:column  code  message`. */
  code: string;
  zh: string;
  en: string;
  /** A valid value, or what the fix looks like. */
  example: string;
  /**
   * An error stops a row, a file or the run from being used; a warning says what was done with
   * something that is used (or left out) as the rules say. Every issue of the code has it.
   */
  severity: Severity;
  /**
   * For a problem the file readers find: it stands for one data row, read and rejected; "outside
   * the header" when only a data row's problem does (the same problem in the header row, or
   * before it, is about the file).
   */
  rejectsRow?: "always" | "outside the header";
}

export const errorCatalogue = [
  // Command line and files
  { code: "bad-output", severity: "error", zh: "--output 指向的文件夹不存在、指向的是文件夹或特殊文件,或无法写入;未写入任何内容。", en: "The --output is in a folder that does not exist, names a folder or a special file, or cannot be written; nothing was written.", example: "-f json -o reports/2025-06.json (the reports folder exists)" },
  { code: "bad-argument", severity: "error", zh: "命令行参数无效。", en: "A command-line option has a value zz-plan cannot use.", example: "--as-of 2025-06-30  --encoding gb18030  --task t05" },
  { code: "file-not-found", severity: "error", zh: "找不到指定的文件或文件夹。", en: "The named file or folder does not exist.", example: "zz-plan check data/2025-06.csv (check the path and its spelling)" },
  { code: "file-unreadable", severity: "error", zh: "文件或文件夹无法读取(权限不足或读取出错)。", en: "The file or folder cannot be read (no permission, or a read error).", example: "chmod u+r data/2025-06.csv" },
  { code: "file-given-twice", severity: "warning", zh: "同一文件被指定了两次,只读取一次。", en: "The same file is named twice; it is read once.", example: "zz-plan check a.csv b.csv (each file once)" },
  { code: "no-data-files", severity: "error", zh: "文件夹中没有 .csv、.json 或电子表格文件。", en: "The folder holds no .csv, .json or spreadsheet files.", example: "data/2025-06.csv inside the folder" },
  { code: "zz-plan-report", severity: "warning", zh: "该文件是 zz-plan 自己输出的报告(JSON 或 CSV),不是数据,不读取。", en: "The file is a report zz-plan wrote (JSON or CSV), not data; it is not read.", example: "zz-plan check drop/ -f json -o reports/2025-06.json (reports outside the data folder)" },
  { code: "symlink-outside", severity: "warning", zh: "文件夹中的符号链接指向所查文件夹之外,不跟随、不读取。", en: "A symbolic link in a searched folder leads outside that folder; it is not followed or read.", example: "zz-plan check drop/ /other/place/2025-06.csv (name the outside file itself)" },
  { code: "file-too-large", severity: "error", zh: "文件超过单个文件可读取的上限(数据文件 1 GiB),未读取(或只读取了上限之前的行)。", en: "The file is larger than the most zz-plan reads from one file (1 GiB for a data file); it is not read, or only up to the limit.", example: "split it by year or by station: air-2024.csv air-2025.csv" },
  { code: "symlink-loop", severity: "error", zh: "符号链接无法解析或形成循环。", en: "A symbolic link leads nowhere or round in a loop.", example: "point the link at a real file or folder" },
  { code: "folder-too-deep", severity: "warning", zh: "文件夹嵌套过深,更深的层级不再搜索。", en: "Folders nested this deep are not searched.", example: "data/2025/06/readings.csv" },
  { code: "bad-baseline", severity: "error", zh: "基准报告(--baseline 或 diff 的参数)不是 zz-plan check 的 JSON 报告,或其格式版本无法比较。", en: "The report to compare with (--baseline, or an argument of diff) is not a JSON report of zz-plan check, or of an envelope version this zz-plan cannot compare.", example: "zz-plan check drops/2025-09/ -f json -o report-2025-09.json" },
  { code: "plan-too-large", severity: "error", zh: "计划文件超过 5 MB,不予读取。", en: "The plan file is larger than 5 MB; it is not read.", example: "--plan plan/zhengzhou-2023-2025.yaml (96 kB)" },
  { code: "plan-unreadable", severity: "error", zh: "计划文件不存在或无法读取。", en: "The plan file does not exist or cannot be read.", example: "--plan plan/zhengzhou-2023-2025.yaml" },
  { code: "unsupported-spreadsheet", severity: "error", zh: "这是 zz-plan 不能直接读取的电子表格(.xls、.et、.wps、.ods、.numbers 等)。请另存为 .xlsx 或 CSV 后再检查:Excel 中依次点 文件 > 另存为 > 保存类型选“Excel 工作簿(*.xlsx)”或“CSV UTF-8(逗号分隔)(*.csv)”;WPS 中依次点 文件 > 另存为 > 文件类型选“Microsoft Excel 文件(*.xlsx)”或“CSV(逗号分隔)(*.csv)”。", en: "This is a spreadsheet zz-plan does not read (.xls, .et, .wps, .ods, .numbers). Save it as .xlsx or CSV and check that file: in Excel, File > Save As > \"Excel Workbook (*.xlsx)\" or \"CSV UTF-8 (Comma delimited) (*.csv)\"; in WPS, 文件 > 另存为 > \"Microsoft Excel 文件 (*.xlsx)\" or \"CSV (逗号分隔) (*.csv)\".", example: "巩义市2025年10月.xlsx (saved from the .xls)" },
  { code: "xlsx-too-large", severity: "error", zh: "工作簿过大(文件大小、解压后大小或单元格数超过上限),未读取。", en: "The workbook is larger than zz-plan reads (file size, unpacked size or number of cells).", example: "--sheet 数据 (read one sheet), or save that sheet as CSV" },
  { code: "xlsx-unreadable", severity: "error", zh: "无法读取该工作簿(不是有效的 .xlsx 文件或文件已损坏)。", en: "The workbook cannot be read: it is not a valid .xlsx file, or it is damaged.", example: "open it in Excel or WPS and save it again as .xlsx" },
  { code: "xlsx-no-such-sheet", severity: "error", zh: "工作簿中没有 --sheet 指定的工作表。", en: "The workbook has no sheet of the name or number --sheet gives.", example: "--sheet 数据  or  --sheet 2" },
  { code: "value-not-measured", severity: "warning", zh: "该值未测得(维护、停运、仪器故障、--、/ 或未检出且未给检出限),该值不计入,同一样品的其他值照常使用。", en: "The cell says the value was not measured (维护, 停运, an instrument fault, --, /, or ND without a detection limit); that value is left out and the sample's other values are used.", example: "0.04L or <0.04 for a value below the detection limit of 0.04" },
  { code: "county-section", severity: "warning", zh: "县控断面:已读取并评价类别,但国省市控断面达标率和劣V类断面数只统计国控、省控、市控断面。", en: "A county-controlled (县控) section: read and classed, but the 国省市控 compliance rate and the 劣V count take national, provincial and municipal sections only.", example: "控制级别: 县控" },
  { code: "station-registry-invalid", severity: "error", zh: "计划引用的空气站点名录(stations)格式不正确或与计划的城市不符。", en: "The station registry the plan names (stations) is malformed, or is for another city.", example: "stations: stations/zhengzhou-cnemc.yaml (code: 1316A, name: 烟厂, cityValue: true)" },
  { code: "other-cities-stations", severity: "warning", zh: "CNEMC 全国站点文件中不属于本市站点名录的站点列(其他城市)未读取。", en: "Station columns of CNEMC's national file that are not in the plan's station registry (other cities) are not read.", example: "date,hour,type,1316A,1317A,… (Zhengzhou's columns are read)" },
  { code: "unsupported-file-type", severity: "error", zh: "不支持的文件类型;数据文件应为 .csv、.json 或 .xlsx。", en: "This kind of file is not read; data files are .csv, .json or .xlsx.", example: "data/2025-06.csv" },
  { code: "binary-file", severity: "error", zh: "这不是文本文件(含二进制数据)。", en: "This is not a text file; it holds binary data.", example: "a CSV or JSON text file" },

  // Encodings
  { code: "bad-encoding", severity: "error", zh: "文件内容不符合所用的字符编码。", en: "The file's bytes are not valid in the encoding used to read it.", example: "--encoding gb18030 (GBK files from Chinese Excel) or save as UTF-8" },
  { code: "undecodable-characters", severity: "warning", zh: "部分字符无法按所用编码解码,已显示为 �。", en: "Some characters could not be decoded and were replaced with �.", example: "--encoding utf-8, or save the file as UTF-8" },

  // CSV structure
  { code: "csv-empty-file", severity: "error", zh: "CSV 文件为空,没有表头也没有数据。", en: "The CSV file is empty: no header row and no data.", example: "indicator,area,period,value" },
  { code: "csv-empty-header", severity: "warning", zh: "表头中某列没有名称,该列数据不读取。", en: "A column has no name in the header row; its values are not read.", example: "indicator,area,period,value,note" },
  { code: "csv-duplicate-header", severity: "error", zh: "表头中有重复的列名,只读取第一列。", en: "A column name appears twice in the header row; only the first is read.", example: "indicator,area,period,value (each name once)" },
  { code: "csv-ragged-row", severity: "error", zh: "该行字段数与表头列数不一致;含逗号的值须加引号。", en: "The row has more or fewer fields than the header; a value holding the delimiter must be quoted.", example: "pm25-annual-mean,中原区,2025,\"1,234.5\"", rejectsRow: "always" },
  { code: "csv-too-many-fields", severity: "error", zh: "一行中的字段过多,超出读取上限。", en: "A row has more fields than any data file needs.", example: "indicator,area,period,value,unit,note", rejectsRow: "outside the header" },
  { code: "csv-unclosed-quote", severity: "error", zh: "引号未闭合,文件其余部分无法读取。", en: "A quoted field is never closed; the rest of the file cannot be read.", example: "\"中原区\" (close the quote; write a quote inside as \"\")", rejectsRow: "outside the header" },
  { code: "csv-bad-quote", severity: "error", zh: "字段中的引号未成对书写,文件其余部分不再读取。", en: "A quote inside a field is not doubled; the rest of the file is not read.", example: "\"a \"\"b\"\" c\"", rejectsRow: "outside the header" },
  { code: "csv-record-too-long", severity: "error", zh: "一行过长,超出读取上限,文件其余部分不再读取。", en: "A row is longer than any data row can be; the rest of the file is not read.", example: "pm25-annual-mean,中原区,2025,38.5", rejectsRow: "outside the header" },
  { code: "header-not-first", severity: "warning", zh: "表头不在第一行:表头上方的标题、填报单位或说明行不是数据,未读取。", en: "The header row is not the first line; the title, 填报单位 or note lines above it are not data and are not read.", example: "--header-row 3 (when another line was taken for the header)" },
  { code: "footer-lines", severity: "warning", zh: "表格下方的填报人、审核人、联系电话、备注等落款行不是数据,未读取。", en: "Sign-off lines under the table (填报人, 审核人, 联系电话, 备注) are not data and are not read.", example: "填报人：张三  审核人：李四 (below the data rows)" },
  { code: "cell-outside-header", severity: "warning", zh: "表头以外的列中有值,该值未读取。", en: "A value stands in a column the header row does not name; it is not read.", example: "give the column a header, or move the note into the 备注 column" },
  { code: "csv-syntax", severity: "error", zh: "CSV 格式错误,文件其余部分不再读取。", en: "The CSV cannot be parsed at this point; the rest of the file is not read.", example: "indicator,area,period,value", rejectsRow: "outside the header" },

  // JSON structure
  { code: "json-empty", severity: "error", zh: "JSON 文件为空。", en: "The JSON file is empty.", example: "[{\"indicator\": \"pm25-annual-mean\", \"area\": \"中原区\", \"period\": \"2025\", \"value\": 38}]" },
  { code: "json-syntax", severity: "error", zh: "JSON 语法错误(含 NaN、Infinity 等非法值)。", en: "The JSON is malformed at this line and column (NaN and Infinity included).", example: "{\"value\": 38.5} (or null for no value)" },
  { code: "json-shape", severity: "error", zh: "JSON 结构不对:应为记录数组,或含 observations 数组的对象。", en: "The JSON is not an array of records or an object with an observations array.", example: "{\"observations\": [{...}, {...}]}" },
  { code: "json-not-an-object", severity: "error", zh: "记录数组中的元素不是对象,已跳过。", en: "An element of the records array is not an object; it is skipped.", example: "{\"indicator\": \"dust-fall\", \"area\": \"中原区\", \"period\": \"2025-06\", \"value\": 5.2}", rejectsRow: "always" },
  { code: "json-duplicate-key", severity: "warning", zh: "同一对象中键重复,保留第一个值。", en: "A key appears twice in one object; the first value is kept.", example: "{\"value\": 38.5} (each key once)" },
  { code: "json-too-deep", severity: "error", zh: "JSON 嵌套层级过深。", en: "Arrays and objects are nested too deeply; records are flat objects.", example: "[{\"indicator\": \"pm25-annual-mean\", \"value\": 38}]" },
  { code: "json-too-many-fields", severity: "error", zh: "一条 JSON 记录的键过多,超出读取上限,该记录被跳过。", en: "A JSON record has more keys than any data record needs; it is skipped.", example: "{\"indicator\": \"pm25-annual-mean\", \"area\": \"中原区\", \"period\": \"2025\", \"value\": 38.5}", rejectsRow: "always" },
  { code: "json-too-long", severity: "error", zh: "JSON 中的字符串或数字过长。", en: "A string or number in the JSON is longer than the limit.", example: "\"note\": \"a short note\"" },

  // Rows
  { code: "no-data-rows", severity: "warning", zh: "文件中没有数据行(只有表头或空数组)。", en: "The file holds no data rows (a header only, or an empty array).", example: "pm25-annual-mean,中原区,2025,38.5 under the header" },
  { code: "missing-column", severity: "error", zh: "缺少必需的列(指标、区县、时间、数值)。", en: "A required column (indicator, area, period, value) is missing.", example: "indicator,area,period,value  or  指标,区县,时间,数值" },
  { code: "duplicate-column", severity: "warning", zh: "多个列表示同一内容(如 value 与 数值),只读取第一列。", en: "Two columns give the same thing (such as value and 数值); only the first is read.", example: "keep one of value / 数值" },
  { code: "missing-indicator", severity: "error", zh: "该行未填写指标。", en: "The row names no indicator.", example: "pm25-annual-mean  or  细颗粒物(PM2.5)年均浓度" },
  { code: "unknown-indicator", severity: "error", zh: "计划中没有该指标。", en: "The plan has no such indicator.", example: "pm25-annual-mean (zz-plan targets lists every id)" },
  { code: "missing-area", severity: "error", zh: "该行未填写区县。", en: "The row names no area.", example: "中原区  or  410102  or  Zhongyuan  or  全市" },
  { code: "unknown-area", severity: "error", zh: "计划中没有该区县(名称可能拼错或乱码)。", en: "The plan has no such area (misspelt, or garbled by a wrong encoding).", example: "中原区, 410102, Zhongyuan; 全市 for the whole city" },
  { code: "missing-period", severity: "error", zh: "该行未填写时间。", en: "The row gives no period.", example: "2025, 2025-Q2, 2025-06, 2025年6月" },
  { code: "bad-period", severity: "error", zh: "无法识别的时间写法。", en: "The period cannot be read.", example: "2025, 2025-Q2, 2025-06, 2025-06-30, 2025年第二季度" },
  { code: "before-baseline", severity: "warning", zh: "时间早于任何目标所需的基准年,该行不使用。", en: "The period is before the earliest year any target looks at; the row is not used.", example: "2017 or later" },
  { code: "missing-value", severity: "error", zh: "该行没有数值(空白、NA、-、无 等)。", en: "The row has no value (blank, NA, -, 无 and the like).", example: "38.5 (or leave the row out)" },
  { code: "not-a-number", severity: "error", zh: "数值无法识别为数字。", en: "The value is not a number.", example: "38.5, 1,234.5, 66.5%" },
  { code: "unit-mismatch", severity: "error", zh: "单位与指标的单位不一致,无法换算。", en: "The unit does not fit the indicator's unit.", example: "ug/m3 for pm25-annual-mean, % for good-day-ratio" },
  { code: "unknown-unit", severity: "error", zh: "无法识别的单位。", en: "The unit is not one zz-plan knows.", example: "ug/m3, mg/m3, %, 万千瓦, 吨/月·平方公里" },
  { code: "implausible-value", severity: "error", zh: "数值超出该指标的合理范围(如 PM2.5 年均 4000)。", en: "The value is outside the indicator's plausible range (a PM2.5 annual mean of 4000).", example: "38.5 for pm25-annual-mean (0..500 ug/m3)" },
  { code: "ratio-read-as-percent", severity: "warning", zh: "该值按比例读取并换算为百分数(0.665 记为 66.5%)。", en: "The value was read as a ratio and turned into a percentage (0.665 as 66.5 %).", example: "66.5%" },
  { code: "duplicate-row", severity: "warning", zh: "同一指标、区县、时间的数值重复出现,只计一次。", en: "The same indicator, area and period appear again with the same value; counted once.", example: "one row per indicator, area and period" },
  { code: "conflicting-rows", severity: "error", zh: "同一指标、区县、时间出现不同数值;按 --on-conflict reject,两个值都不使用。", en: "The same indicator, area and period have different values; under --on-conflict reject neither is used.", example: "keep the one correct row, or drop --on-conflict reject so the later revision wins" },
  { code: "gap-in-series", severity: "warning", zh: "某区县某指标的月度序列缺少若干月份(截至评估日期);方法只按已有月份计算。", en: "An area's monthly series of an indicator lacks some months up to the as-of date; the methods judge only the months present.", example: "巩义市 细颗粒物: 缺 2025-04, 2025-07, 2025-08 (send those months)" },
  { code: "revised-value", severity: "warning", zh: "同一指标、区县、时间出现不同数值(修订重报);按报送日期(无则按命令行中靠后的文件)采用较新的值,另一行不使用。", en: "The same indicator, area and period have different values (a revision); the later 报送日期, or else the later file on the command line, wins and the other row is not used.", example: "a 报送日期 column (2025-11-05), or --on-conflict earlier|reject" },
  { code: "bad-revision", severity: "error", zh: "报送日期(修订版本)列的值既不是日期也不是版本号。", en: "The 报送日期 (revision) cell is neither a date nor a revision number.", example: "2025-11-05 or 2" },
  { code: "after-as-of", severity: "warning", zh: "这些行的时间晚于评估日期,不使用。", en: "These rows cover periods after the as-of date; they are not used.", example: "--as-of 2025-12-31" },

  // Raw monitoring files: surface-water sections and black-odorous water bodies
  { code: "missing-section", severity: "error", zh: "该行未填写监测断面。", en: "The row names no monitoring section.", example: "花园口" },
  { code: "bad-date", severity: "error", zh: "无法识别的采样日期。", en: "The sampling date cannot be read.", example: "2025-06-15 or 2025-06" },
  { code: "bad-water-body", severity: "error", zh: "水体类型不是河流或湖库。", en: "The water body type is neither a river nor a lake or reservoir.", example: "河流, 湖库, 湖泊, 水库" },
  { code: "bad-target-class", severity: "error", zh: "水质目标不是 GB 3838 的 I-V 类。", en: "The target class is not a GB 3838 class I-V.", example: "II, Ⅲ, III类, 3" },
  { code: "bad-section-role", severity: "error", zh: "无法识别的断面类型。", en: "The section's role cannot be read.", example: "国控, 省控, 市控, 饮用水源地, 南水北调" },
  { code: "bad-concentration", severity: "error", zh: "浓度值无法识别。", en: "A concentration cannot be read.", example: "0.52 (mg/L), 0.01L or <0.01 below the detection limit" },
  { code: "no-values", severity: "error", zh: "该行没有任何监测项目的数值。", en: "The row has no parameter value at all.", example: "a value under at least one parameter column" },
  { code: "section-mismatch", severity: "error", zh: "同一断面在不同行中的区县、水体、目标或类型不一致。", en: "A section has different area, water body, target or role in different rows.", example: "the same area, water body, target class and role in every row of a section" },
  { code: "repeat-sample", severity: "warning", zh: "同一断面同一日期有不同数值的重复采样,均计入均值。", en: "A section was sampled twice on one date with different values; both enter the mean.", example: "one row per section and sampling date" },
  { code: "water-body-assumed", severity: "warning", zh: "断面未填写水体类型,按河流评价。", en: "The section has no water body type; it is assessed as a river.", example: "河流 or 湖库 in the water body column" },
  { code: "missing-target-class", severity: "warning", zh: "断面未填写水质目标,不计入达标率。", en: "The section has no target class, so it is left out of the compliance rate.", example: "III" },
  { code: "few-annual-samples", severity: "warning", zh: "断面全年采样次数偏少。", en: "A section has fewer samples in a year than an annual assessment wants.", example: "monthly samples, 12 a year" },
  { code: "no-assessed-parameter", severity: "warning", zh: "断面在该期间没有参与评价的监测项目。", en: "A section has no assessed parameter in the period.", example: "COD, NH3-N or TP values" },
  { code: "missing-point", severity: "error", zh: "该行未填写水体或采样点位。", en: "The row names no water body or sampling point.", example: "水体名称 and 点位 columns" },
  { code: "bad-measurement", severity: "error", zh: "黑臭水体测量值无法识别。", en: "A black-odorous measurement cannot be read.", example: "transparency 25 (cm), DO 1.5 (mg/L), ORP 50 (mV), NH3-N 8 (mg/L)" },
  { code: "few-black-odorous-samples", severity: "warning", zh: "点位采样次数少于导则要求的 3 次。", en: "A point has fewer samples than the guideline's three.", example: "at least 3 samples per point" },
  { code: "black-odorous-water-body", severity: "warning", zh: "按点位判定,该水体为黑臭水体。", en: "By its points' grades the water body is black-odorous.", example: "(a finding, not a fault in the file)" },

  // Raw monitoring files: air-quality stations and readings
  { code: "missing-station", severity: "error", zh: "该行未填写监测站点。", en: "The row names no station.", example: "站点: 市监测站" },
  { code: "unknown-station", severity: "error", zh: "站点无法归属到任何区县,其数据行不使用。", en: "A station cannot be placed in an area; its rows are rejected.", example: "list the station with its area (410102) in a station file" },
  { code: "conflicting-station", severity: "error", zh: "同一站点的信息在不同行中互相矛盾,两行都不使用。", en: "Two rows describe the same station differently; neither is used.", example: "one row per station, with one area" },
  { code: "station-area-mismatch", severity: "warning", zh: "同一站点在不同文件中属于不同区县,使用第一次出现的区县。", en: "A station is in one area in one file and another area elsewhere; the first is used.", example: "the same area for a station in every file" },
  { code: "bad-national-flag", severity: "error", zh: "无法识别是否国控站点。", en: "Whether a station is a national (国控) station cannot be read.", example: "是 / 否, yes / no, 1 / 0, 国控 / 省控" },
  { code: "bad-time", severity: "error", zh: "无法识别的监测时间或小时。", en: "The reading's time or hour cannot be read.", example: "2025-06-15 13:00, or hour 13" },
  { code: "invalid-reading", severity: "warning", zh: "部分监测值为负数或不是数字,按无效小时处理。", en: "Some readings are negative or not numbers; those hours count as missing.", example: "35 (ug/m3)" },
  { code: "implausible-reading", severity: "warning", zh: "监测值为仪器错误码或远超该污染物可能的浓度(如 -99、9999),按无效小时处理。", en: "A reading is an instrument error or flag code, or far beyond what the pollutant can reach (-99, 9999); that hour counts as invalid.", example: "35 (ug/m3); leave an hour the instrument missed blank" },
  { code: "daily-and-hourly", severity: "error", zh: "同一站点同一天既有小时值又有日均值,日均值不使用。", en: "A station has hourly readings and a daily row for one day; the daily row is not used.", example: "hourly readings or a daily mean for a day, not both" },
  { code: "invalid-days", severity: "warning", zh: "有效小时数不足,这些天没有有效日均值。", en: "Days without enough valid hours have no valid daily mean.", example: "at least 20 valid hours a day" },
  { code: "annual-value-invalid", severity: "warning", zh: "有效天数不足,无法计算年度统计值。", en: "Too few valid days to compute an annual statistic.", example: "at least 324 valid days a year" },
  { code: "monthly-value-invalid", severity: "warning", zh: "有效天数不足,无法计算月度统计值。", en: "Too few valid days to compute a monthly statistic.", example: "at least 27 valid days a month (25 in February)" },
  { code: "aqi-pollutants-missing", severity: "warning", zh: "缺少部分污染物,无法计算日 AQI 及优良天数比例。", en: "The daily AQI needs all six pollutants; some are missing.", example: "PM2.5, PM10, SO2, NO2, CO and O3 columns" },
  { code: "too-many-files", severity: "error", zh: "一次检查中的空气监测数据文件过多,超出部分不读取。", en: "More files of air readings than one run can hold; the rest are not read.", example: "one readings file per month or year" },
  { code: "air-column-ignored", severity: "warning", zh: "该列不参与计算,已忽略。", en: "A column that takes no part in the computation is ignored.", example: "(remove the column, or leave it: nothing is lost)" },
  { code: "bad-flag", severity: "error", zh: "无法识别的是/否标记。", en: "A yes/no flag cannot be read.", example: "是 / 否, yes / no, 1 / 0" },

  // Raw monitoring files: wastewater plants
  { code: "missing-plant", severity: "error", zh: "该行未填写污水处理厂。", en: "The row names no treatment plant.", example: "王新庄污水处理厂" },
  { code: "plant-mismatch", severity: "error", zh: "同一污水处理厂在不同行中属于不同区县。", en: "A plant is in different areas in different rows.", example: "the same area for a plant in every row" },
  { code: "mixed-granularity", severity: "error", zh: "同一处理厂同一月份既有日数据又有月数据。", en: "A plant has both daily and monthly records for one month.", example: "daily records or one monthly record per month" },
  { code: "bad-flow", severity: "error", zh: "处理水量无法识别。", en: "The flow cannot be read.", example: "85000 (m3/d) or 8.5 (万m3/d)" },
  { code: "flow-unit-assumed", severity: "warning", zh: "水量列未注明单位,按 m3/d 读取。", en: "The flow column names no unit; flows are read as m3/d.", example: "日均处理量(万m3/d)" },
  { code: "flow-unit-unknown", severity: "warning", zh: "水量列的单位不是日处理量单位,水量不使用。", en: "The flow column's unit is not a daily flow; flows are not used.", example: "m3/d, 万m3/d, t/d" },
  { code: "missing-bod", severity: "error", zh: "缺少进水 BOD5。", en: "The record has no influent BOD5.", example: "128 (mg/L)" },
  { code: "bad-bod", severity: "error", zh: "进水 BOD5 无法识别。", en: "The influent BOD5 cannot be read.", example: "128 (mg/L)" },
  { code: "missing-population", severity: "warning", zh: "缺少服务人口,无法计算污水集中收集率。", en: "No served population, so the collection rate cannot be computed.", example: "服务人口 1250000 (or 125 万人)" },
  { code: "bad-population", severity: "error", zh: "服务人口为空、无法识别或为 0,该行不使用。", en: "The served population is blank, cannot be read, or is 0; the row is not used.", example: "1250000 (persons) or 125 (万人)" },
  { code: "bad-per-capita", severity: "error", zh: "人均 BOD5 负荷无法识别或超出 10-150。", en: "The per-capita BOD5 load cannot be read or is outside 10-150.", example: "45 (g/(person·day))" },
  { code: "collection-rate-over-100", severity: "warning", zh: "计算出的收集率超过 100%,请检查水量、人口单位及人均负荷。", en: "The computed collection rate is above 100 %; check the flow and population units.", example: "flow in m3/d, population in persons" },

  // Raw monitoring files: vehicle registers and summaries
  { code: "missing-category", severity: "error", zh: "该行未填写车辆类别。", en: "The row names no vehicle category.", example: "公交车, 巡游出租车, 渣土车" },
  { code: "unknown-category", severity: "error", zh: "无法识别的车辆类别。", en: "The vehicle category is not recognised.", example: "公交车, 巡游出租车, 网约车, 渣土车, 环卫车" },
  { code: "missing-fuel", severity: "error", zh: "该行未填写燃料类型。", en: "The row gives no fuel type.", example: "纯电动, 插电混动, 燃料电池, 柴油" },
  { code: "unknown-fuel", severity: "error", zh: "无法识别的燃料类型。", en: "The fuel type is not recognised.", example: "纯电动, 插电混动, 燃料电池, 汽油, 柴油, 天然气" },
  { code: "unknown-emission-standard", severity: "error", zh: "无法识别的排放标准。", en: "The emission standard is not recognised.", example: "国六 / China VI, 国五; blank for an NEV" },
  { code: "unknown-status", severity: "error", zh: "无法识别的车辆状态。", en: "The vehicle status is neither in service nor retired.", example: "在用, 注销, 报废" },
  { code: "status-conflict", severity: "error", zh: "车辆状态为在用,却填写了注销日期。", en: "The status says in service, but a retirement date is given.", example: "在用 with no retirement date, or 注销 with one" },
  { code: "retired-before-registered", severity: "error", zh: "注销日期早于登记日期。", en: "The retirement date is before the registration date.", example: "登记 2021-03-01, 注销 2024-05-18" },
  { code: "retired-without-date", severity: "warning", zh: "标记为注销的车辆没有注销日期。", en: "Vehicles marked retired have no retirement date.", example: "注销日期 2024-05-18" },
  { code: "missing-date", severity: "error", zh: "缺少登记或购置日期。", en: "The row has no registration or purchase date.", example: "登记日期 2024-05-18" },
  { code: "duplicate-vehicle", severity: "error", zh: "同一车辆在登记表中出现多次且信息不同,只计一次。", en: "A vehicle appears again with other details; it is counted once.", example: "one row per vehicle" },
  { code: "bad-count", severity: "error", zh: "车辆数无法识别。", en: "A vehicle count cannot be read.", example: "1,234" },
  { code: "missing-count", severity: "error", zh: "缺少总数或新能源车数量。", en: "A total or its NEV count is missing.", example: "总数 1200, 新能源 1150" },
  { code: "count-exceeds-total", severity: "error", zh: "新能源车数量大于总数。", en: "The NEV count is larger than the total.", example: "总数 1200, 新能源 1150" },
  { code: "identical-vehicles", severity: "warning", zh: "登记表中有完全相同的行;没有车牌或 VIN 列,无法区分,均计入。", en: "Rows repeat an earlier row exactly; with no plate or VIN column they are counted as distinct vehicles.", example: "a 车牌号 or 车辆识别代号 column" },
  { code: "summary-differs", severity: "warning", zh: "汇总表与登记表计算结果不一致,使用登记表的值。", en: "A summary differs from the register; the register's value is used.", example: "the same share in both" },
  { code: "no-planned-indicator", severity: "warning", zh: "该类原始数据可计算的指标,计划中没有任何目标使用,读取的数据不参与评判。", en: "The plan has no target on any indicator this kind of raw data gives; the file is read, but nothing from it is judged.", example: "a target on pm25-annual-mean in the plan, for hourly air readings" },
  { code: "computed-differs", severity: "warning", zh: "报送值与由原始数据计算的值不一致,使用报送值。", en: "A submitted value differs from the value computed from the raw data; the submitted value is used.", example: "the same value in the submitted file and from the raw data" },

  // Plan
  { code: "plan-yaml-syntax", severity: "error", zh: "计划文件 YAML 语法错误(如用 Tab 缩进)。", en: "The plan's YAML is malformed (tabs for indentation, for example).", example: "indent with spaces:  period:\\n  start: 2023-01-01" },
  { code: "plan-yaml-aliases", severity: "error", zh: "YAML 锚点/别名展开过多(可能是“十亿笑声”攻击)。", en: "Anchors and aliases expand too much (a \"billion laughs\" document).", example: "write the repeated parts out" },
  { code: "plan-implausible-threshold", severity: "error", zh: "目标阈值超出该指标可能的取值范围(如 PM2.5 目标 4000、百分比 250、负的数量),多为录入错误。", en: "A target's threshold lies outside what its indicator can be (PM2.5 at 4000, a share of 250 %, a negative count): a typing error.", example: "value: 40, unit: ug/m3" },
  { code: "plan-too-many-targets", severity: "error", zh: "计划中的目标超过 10000 个,不予读取。", en: "The plan holds more than 10,000 targets; it is not read.", example: "the bundled plan holds 80 targets" },
  { code: "plan-too-deep", severity: "error", zh: "计划文件嵌套层级过深。", en: "The plan is nested far deeper than a plan needs.", example: "tasks > targets > baseline is as deep as a plan goes" },
  { code: "plan-duplicate-key", severity: "error", zh: "同一映射中键重复。", en: "A key appears twice in one mapping.", example: "title: … (once)" },
  { code: "plan-unknown-key", severity: "error", zh: "计划中出现未知的键(可能拼错)。", en: "The plan has a key the schema does not know (misspelt?).", example: "title, period, areas, indicators, tasks" },
  { code: "plan-invalid", severity: "error", zh: "计划中的值类型或格式不对(如日期不是 YYYY-MM-DD)。", en: "A value in the plan has the wrong type or form (a date not written YYYY-MM-DD).", example: "deadline: 2025-12-31" },
  { code: "plan-duplicate-id", severity: "error", zh: "同一 id 被声明了两次。", en: "An id is declared twice.", example: "each indicator, task, target and area code once" },
  { code: "plan-ambiguous-alias", severity: "error", zh: "同一名称被两个区县（或两个指标）使用。", en: "An area or indicator name or alias is used by two areas or two indicators.", example: "each alias names one area or one indicator" },
  { code: "plan-unknown-area", severity: "error", zh: "引用了未声明的区县代码。", en: "An area code is used but not declared.", example: "410102 declared under areas" },
  { code: "plan-unknown-unit", severity: "error", zh: "无法识别的单位。", en: "The unit is not one zz-plan knows.", example: "ug/m3, %, 10k-kW, done" },
  { code: "plan-unknown-indicator", severity: "error", zh: "目标引用了未声明的指标。", en: "A target refers to an indicator that is not declared.", example: "indicator: pm25-annual-mean" },
  { code: "plan-unit-mismatch", severity: "error", zh: "目标的单位与指标的单位不一致。", en: "A target's unit does not fit its indicator's unit.", example: "unit: ug/m3 for pm25-annual-mean" },
  { code: "plan-deadline-outside-period", severity: "error", zh: "目标期限不在计划期内。", en: "A target's deadline lies outside the plan period.", example: "deadline: 2025-12-31 for a 2023-2025 plan" },
] as const satisfies readonly CatalogueEntry[];

/** Every code zz-plan emits: an issue's code is one of the catalogue's. */
export type IssueCode = (typeof errorCatalogue)[number]["code"];

const entries: ReadonlyMap<string, CatalogueEntry> = new Map(errorCatalogue.map((entry) => [entry.code, entry]));

/** The catalogue entry of a code. */
export function catalogueEntry(code: IssueCode): CatalogueEntry {
  return entries.get(code)!;
}

/** An issue of a code, with the severity the catalogue gives that code. */
export function issue(code: IssueCode, message: string, details: { location?: Location | undefined; hint?: string | undefined } = {}): Issue {
  const made: Issue = { code, severity: entries.get(code)!.severity, message };
  if (details.location) made.location = details.location;
  if (details.hint) made.hint = details.hint;
  return made;
}
