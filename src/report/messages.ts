import type { Method, Role, Status } from "../engine/types.js";
import type { ChangeKind } from "./json.js";
import type { Language } from "../vocabulary/language.js";

/**
 * Every word a report prints that is not data, in each language. The interface is the list of keys:
 * a language missing one does not compile, and tests/report/messages.test.ts checks that none is
 * empty or left in the other language.
 */
/** The columns of check --format csv, in the order written. */
export const csvColumns = ["task", "taskName", "target", "indicator", "indicatorId", "area", "areaCode", "role", "status", "value", "projected", "operator", "threshold", "unit", "gap", "deadline", "daysLeft", "period", "method", "lead", "reason"] as const;
export type CsvColumn = (typeof csvColumns)[number];

export interface Messages {
  status: Record<Status, string>;
  /** binding: the target binds the area; comparison (对照): shown for context only. */
  role: Record<Role, string>;
  /** check --format csv's header row. */
  csvColumn: Record<CsvColumn, string>;
  method: Record<Method, string>;
  /** Unit ids whose printed form differs from the plan's label in this language. */
  unit: Readonly<Record<string, string>>;
  done: { yes: string; no: string; by: (deadline: string) => string; any: string };
  gap: {
    change: (p: { increase: boolean; amount: string; unit: string; deadline?: string }) => string;
    noData: string;
    noReport: string;
    missed: string;
    notDoneYet: string;
  };
  daysLeft: (days: number) => string;
  summary: (p: { results: number; asOf: string; counts: string }) => string;
  count: (p: { status: string; count: number }) => string;
  /** A result shown for an area the target does not bind. */
  comparison: string;
  comparisonsNotCounted: (count: number) => string;
  list: string;
  /** Between a label and what it labels. */
  colon: string;
  semicolon: string;
  heading: {
    scorecard: string;
    scorecardByTask: string;
    problems: string;
    results: string;
    matrix: string;
    summary: string;
    charts: string;
    otherResults: string;
    comparisons: string;
    districtDetail: string;
    basically: string;
    inputs: string;
    rejected: string;
    warnings: string;
    reasons: string;
    conflicts: string;
    stale: string;
  };
  conflict: (p: { periods: number; rows: number; rule: string }) => string;
  column: {
    area: string;
    task: string;
    target: string;
    indicator: string;
    status: string;
    value: string;
    threshold: string;
    gap: string;
    deadline: string;
    daysLeft: string;
    lead: string;
    worst: string;
    file: string;
    kind: string;
    encoding: string;
    read: string;
    used: string;
    rejected: string;
    skipped: string;
    reason: string;
    period: string;
    method: string;
    why: string;
    all: string;
    month: string;
    path: string;
    code: string;
    message: string;
  };
  title: (plan: string) => string;
  asOfLine: (p: { asOf: string; ruleset: string; document?: string }) => string;
  shown: (p: { shown: number; total: number }) => string;
  moreWith: (flag: string) => string;
  noProblems: string;
  noResults: string;
  matrixLegend: { blank: string; goals: string; overall: (status: string) => string };
  tasksLegend: string;
  basicallyRead: string;
  basicallyNone: string;
  none: string;
  brief: {
    /** Whether the city has a failed result, then how many of the districts judged have one. */
    areasWithFail: (p: { cityFails: boolean; areas: number; of: number; names: string }) => string;
    atRisk: (count: number) => string;
    dueSoon: (p: { count: number; days: number; until: string }) => string;
    noneDue: (days: number) => string;
    worstFirst: string;
  };
  chart: {
    monthly: (indicator: string) => string;
    districts: (indicator: string) => string;
    pathNote: (p: { from: string; to: string }) => string;
    cityTarget: string;
    value: string;
    /** What the rest of the deadline year must deliver, month by month (year to date). */
    required: string;
    /** The projection's range: the 10th to 90th percentile of the draws. */
    band: string;
    /** The chart of the deadline year to date and what its remaining months must deliver. */
    outlook: (p: { indicator: string; year: string }) => string;
    outlookNote: (p: { band: boolean }) => string;
  };
  diagnostics: {
    summary: (p: { errors: number; warnings: number }) => string;
    byCode: string;
    moreWith: (hidden: number) => string;
    warning: string;
    hint: string;
  };
  validate: {
    file: (p: { file: string; read: number; used: number; rejected: number; skipped: number; format: string; encoding: string }) => string;
    total: (p: { observations: number; errors: number; warnings: number }) => string;
  };
  targetsTable: {
    target: string;
    indicator: string;
    threshold: string;
    deadline: string;
    areas: string;
    lead: string;
    /** Before a threshold that is a change against a baseline year. */
    change: (period: string) => string;
    from: (date: string) => string;
    standing: string;
    total: (p: { targets: number; tasks: number; plan: string }) => string;
  };
  errorsTable: { code: string; meaning: string; example: string; total: (codes: number) => string };
  explain: {
    heading: (p: { target: string; area: string; code: string; status: string }) => string;
    comparison: string;
    target: string;
    method: string;
    reason: string;
    /** The engine's own (English) sentence, shown under a translated reason. */
    original: string;
    decided: string;
    values: string;
    by: (deadline: string) => string;
    standing: string;
    basically: (p: { value: number; note: string }) => string;
    decidedBy: (location: string) => string;
    none: string;
    computed: string;
    noResult: string;
  };
  progress: (p: { file: string; done: string; total: string; rows: string; rate: string; seconds: string }) => string;
  /** zz-plan diff and check --baseline. */
  changes: {
    heading: string;
    title: (p: { previous: string; current: string }) => string;
    since: (previous: string) => string;
    comparisons: (count: number) => string;
    kind: Record<ChangeKind, string>;
    count: (p: { kind: string; count: number }) => string;
    rejected: (p: { added: number; removed: number }) => string;
    nothing: string;
    change: string;
    before: string;
    after: string;
    valueOnly: (count: number) => string;
    rejectedAdded: string;
    rejectedRemoved: string;
    notShown: (p: { hidden: number; flag: string }) => string;
  };
  /** zz-plan backtest: how good each projection method has been. */
  backtest: {
    title: (plan: string) => string;
    how: (p: { draws: number; historyYears: number }) => string;
    nothing: string;
    /** Month ends were replayed, but at none of them did every method apply. */
    nothingScored: (monthEnds: number) => string;
    indicator: (p: { name: string; unit: string; cases: number; first: number; last: number; monthEnds: number; skipped: number }) => string;
    method: string;
    error: string;
    matched: string;
    onTrackWrong: string;
    atRiskWrong: string;
    byMonth: string;
    monthEnd: string;
    /** One month's cell: the mean absolute error, and on-track calls that turned out wrong of all on-track calls. */
    monthCell: (p: { error: string; wrong: number; onTrack: number }) => string;
    best: (method: string) => string;
    /** "22.5% 9/40". */
    share: (p: { part: number; whole: number; percent: string }) => string;
    month: (month: number) => string;
  };
  /** What the rest of the deadline year must deliver, and how likely the target is (#12). */
  outlook: {
    /** The resampled probability of meeting the target, beside the status. */
    chance: (percent: string) => string;
    tooLittleHistory: (years: number) => string;
    /** Months of a year as a reader says them: 10-12月, Oct-Dec; parts joined by the list separator. */
    months: (p: { first: number; last: number }) => string;
    mean: (p: { months: string; operator: string; value: string; unit: string; lastYear?: string }) => string;
    sum: (p: { months: string; operator: string; value: string; unit: string; lastYear?: string }) => string;
    /** Days that count (good days): at least count of the remaining days. */
    atLeastDays: (p: { days: number; count: number; what: string; share: string; lastYear?: string }) => string;
    /** Days that count against (heavily polluted days): at most count. */
    atMostDays: (p: { days: number; count: number; what: string; lastYear?: string }) => string;
    /** The days a share counts, by indicator; others are "counted". */
    dayWords: { good: string; heavy: string; counted: string };
    /** "all 92 good", "none of the 92 heavily polluted" as the extreme rest of the year. */
    allDays: (p: { days: number; what: string }) => string;
    noDays: (p: { days: number; what: string }) => string;
    /** The plausible extreme of a mean or sum, for the bounds. */
    extremeMean: (p: { months: string; value: string }) => string;
    impossible: (p: { extreme: string; year: string }) => string;
    secured: (p: { extreme: string; year: string }) => string;
  };
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const en: Messages = {
  status: { pass: "pass", "on-track": "on-track", "no-data": "no-data", "at-risk": "at-risk", fail: "fail" },
  role: { binding: "binding", comparison: "comparison (对照)" },
  csvColumn: {
    task: "task",
    taskName: "task name",
    target: "target",
    indicator: "indicator",
    indicatorId: "indicator id",
    area: "area",
    areaCode: "area code",
    role: "role",
    status: "status",
    value: "value",
    projected: "projected",
    operator: "operator",
    threshold: "target value",
    unit: "unit",
    gap: "gap",
    deadline: "deadline",
    daysLeft: "days left",
    period: "period",
    method: "method",
    lead: "lead",
    reason: "reason",
  },
  method: {
    "annual-value": "annual value",
    "same-period": "same-period projection",
    "linear-path": "straight path",
    trend: "trend",
    "latest-value": "latest value",
    standing: "standing requirement",
    milestone: "milestone",
    "no-projection": "no projection",
    resampling: "resampling",
    none: "none",
  },
  unit: { "percentage-points": "percentage points" },
  done: { yes: "done", no: "not done", by: (deadline) => `done by ${deadline}`, any: "done" },
  gap: {
    change: ({ increase, amount, unit, deadline }) => `needs ${increase ? "+" : "-"}${amount} ${unit}${deadline ? ` by ${deadline}` : ""}`,
    noData: "no data",
    noReport: "no report",
    missed: "missed",
    notDoneYet: "not done yet",
  },
  daysLeft: (days) => (days >= 0 ? `${days} days left` : `${-days} days overdue`),
  summary: ({ results, asOf, counts }) => `${results} results as of ${asOf}: ${counts}`,
  count: ({ status, count }) => `${count} ${status}`,
  comparison: "对照, comparison",
  comparisonsNotCounted: (count) => ` (and ${count} 对照 comparison results, not counted)`,
  list: ", ",
  colon: ": ",
  semicolon: "; ",
  heading: {
    scorecard: "District scorecard",
    scorecardByTask: "Task scorecard",
    problems: "To act on",
    results: "Results",
    matrix: "District x task",
    summary: "Summary",
    charts: "Charts",
    otherResults: "On-track and no-data results",
    comparisons: "对照 (comparison): areas shown against targets that do not bind them, not counted",
    districtDetail: "Each district in detail",
    basically: "How 基本 (basically) is read",
    inputs: "Data inputs",
    rejected: "Rejected rows and file problems",
    warnings: "Warnings",
    reasons: "Reasons",
    conflicts: "Results whose inputs had conflicting rows (有冲突)",
    stale: "Results whose latest data is older than the as-of date (zz-plan completeness shows every gap)",
  },
  conflict: ({ periods, rows, rule }) => `${periods} period(s), ${rows} row(s) not used, settled by --on-conflict ${rule}`,
  column: {
    area: "area",
    task: "task",
    target: "target",
    indicator: "indicator",
    status: "status",
    value: "value",
    threshold: "target",
    gap: "gap",
    deadline: "deadline",
    daysLeft: "days left",
    lead: "lead",
    worst: "worst item",
    file: "file",
    kind: "kind",
    encoding: "encoding",
    read: "read",
    used: "used",
    rejected: "rejected",
    skipped: "skipped",
    reason: "reason",
    period: "period",
    method: "method",
    why: "why",
    all: "all",
    month: "month",
    path: "path to target",
    code: "code",
    message: "message",
  },
  title: (plan) => `Gap report: ${plan}`,
  asOfLine: ({ asOf, ruleset, document }) => `As of ${asOf}${document ? `, ${document}` : ""}, air rule set ${ruleset}.`,
  shown: ({ shown, total }) => (shown < total ? `the ${shown} most urgent of ${total}` : `${total} in all`),
  moreWith: (flag) => `more with ${flag}`,
  noProblems: "Nothing failed and nothing is at risk.",
  noResults: "No result matches.",
  matrixLegend: { blank: "blank = does not apply", goals: "G = main goals", overall: (status) => `overall ${status}` },
  tasksLegend: "Tasks",
  basicallyRead: "The plan gives no number for 基本; these readings are the plan file's (override with --basically).",
  basicallyNone: "No target in this report uses a 基本 reading.",
  none: "None.",
  brief: {
    areasWithFail: ({ cityFails, areas, of, names }) =>
      [cityFails ? "The city has a failed target." : "", of === 0 ? "" : areas === 0 ? `None of the ${of} districts has a failed target.` : `${areas} of ${of} districts ${areas === 1 ? "has" : "have"} a failed target (${names}).`].filter(Boolean).join(" "),
    atRisk: (count) => `${count} results are at risk.`,
    dueSoon: ({ count, days, until }) => `${count} open results fall due in the next ${days} days (by ${until}).`,
    noneDue: (days) => `Nothing open falls due in the next ${days} days.`,
    worstFirst: "Worst first: by failed, then at-risk, then no-data results.",
  },
  chart: {
    monthly: (indicator) => `${indicator}, city, month by month`,
    districts: (indicator) => `${indicator} by area against the city target`,
    pathNote: ({ from, to }) => `The first line is the monthly value; the second, straight one is the path from ${from} to the target ${to}.`,
    cityTarget: "target",
    value: "value",
    required: "required path (year to date)",
    band: "projection range (10th to 90th percentile)",
    outlook: ({ indicator, year }) => `${indicator}, ${year} year to date and the rest of the year`,
    outlookNote: ({ band }) => `The first line is the required path (the year-to-date value at each month end if the rest of the year delivers exactly what the target needs)${band ? "; the next two are the projection's range (10th and 90th percentile of the resampled years)" : ""}; the last is the target. The path and the range start from the latest year-to-date value.`,
  },
  diagnostics: {
    summary: ({ errors, warnings }) => `${errors} data problem(s), ${warnings} warning(s)`,
    byCode: "by code",
    moreWith: (hidden) => `${hidden} more: --verbose lists them all`,
    warning: "warning",
    hint: "hint",
  },
  validate: {
    file: ({ file, read, used, rejected, skipped, format, encoding }) => `${file}: ${read} rows read, ${used} used, ${rejected} rejected, ${skipped} skipped (${format}, ${encoding})`,
    total: ({ observations, errors, warnings }) => `${observations} observations; ${errors} problem(s), ${warnings} warning(s)`,
  },
  targetsTable: {
    target: "target",
    indicator: "indicator",
    threshold: "threshold",
    deadline: "deadline",
    areas: "areas",
    lead: "lead",
    change: (period) => `Δ vs ${period} `,
    from: (date) => `from ${date}`,
    standing: "standing",
    total: ({ targets, tasks, plan }) => `${targets} targets in ${tasks} tasks of ${plan}`,
  },
  errorsTable: { code: "code", meaning: "meaning", example: "valid example / fix", total: (codes) => `${codes} codes` },
  explain: {
    heading: ({ target, area, code, status }) => `${target} for ${area} (${code}): ${status}`,
    comparison: " — 对照 (comparison): the target does not bind this area",
    target: "target",
    method: "method",
    reason: "reason",
    original: "engine",
    decided: "decided",
    values: "values",
    by: (deadline) => ` by ${deadline}`,
    standing: " (standing)",
    basically: ({ value, note }) => ` — 基本 read as ${value}: ${note}`,
    decidedBy: (location) => `by the value at ${location}`,
    none: "none",
    computed: "computed: ",
    noResult: "no result: the target does not apply to the areas asked for",
  },
  progress: ({ file, done, total, rows, rate, seconds }) => `reading ${file}: ${done} of ${total}, ${rows} rows, ${rate}, ${seconds} s`,
  changes: {
    heading: "Since the last report",
    title: ({ previous, current }) => `Changes from the report as of ${previous} to the report as of ${current}`,
    since: (previous) => `Compared with the report as of ${previous}`,
    comparisons: (count) => `对照 (comparison) results that changed, not counted (${count})`,
    kind: {
      "newly-failing": "newly failing",
      "newly-at-risk": "newly at risk",
      "now-no-data": "no data now",
      worse: "worse",
      added: "new result",
      recovered: "recovered",
      better: "better",
      removed: "no longer in the report",
      value: "value changed",
    },
    count: ({ kind, count }) => `${count} ${kind}`,
    rejected: ({ added, removed }) => `${added} row(s) newly rejected, ${removed} no longer rejected`,
    nothing: "No target changed status.",
    change: "change",
    before: "before",
    after: "now",
    valueOnly: (count) => `Same status, another value (${count})`,
    rejectedAdded: "Newly rejected rows and file problems",
    rejectedRemoved: "No longer rejected",
    notShown: ({ hidden, flag }) => `${hidden} more: ${flag} lists them`,
  },
  backtest: {
    title: (plan) => `Backtest: ${plan}`,
    how: ({ draws, historyYears }) =>
      `Each complete year is replayed as of every month end (Jan-Nov), as if it were the deadline year: how far each method's projection of the year was from the year's value, and whether its status held (on-track or pass for a year that met the target, at-risk for one that missed). Only month ends at which all four methods apply are counted. Resampling: ${draws} draws from the same weeks (where there are daily values, else months) of the ${historyYears} years before.`,
    nothing: "No complete year with monthly values to replay: a backtest needs earlier full years of monthly rows for an annual target.",
    nothingScored: (monthEnds) =>
      `Nothing to score: ${monthEnds} month ends were replayed, but at none of them did all four methods apply (same-period needs the same months of the year before, trend two full years before, resampling three earlier years covering the rest of the year).`,
    indicator: ({ name, unit, cases, first, last, monthEnds, skipped }) => `${name} (${unit}): ${cases} area-years ${first === last ? first : `${first}-${last}`}, ${monthEnds} month ends${skipped > 0 ? ` (${skipped} more left out: not every method applied)` : ""}`,
    method: "method",
    error: "mean abs. error",
    matched: "status held",
    onTrackWrong: "on-track, then missed",
    atRiskWrong: "at-risk, then met",
    byMonth: "By month end: mean abs. error · on-track calls that missed / all on-track calls",
    monthEnd: "as of",
    monthCell: ({ error, wrong, onTrack }) => `${error} · ${wrong}/${onTrack}`,
    best: (method) => `Status held most often: ${method}.`,
    share: ({ part, whole, percent }) => `${percent} ${part}/${whole}`,
    month: (month) => `end ${monthNames[month - 1]}`,
  },
  outlook: {
    chance: (percent) => `${percent} chance to meet`,
    tooLittleHistory: (years) => `chance: too little history (needs ${years} years)`,
    months: ({ first, last }) => (first === last ? monthNames[first - 1]! : `${monthNames[first - 1]}-${monthNames[last - 1]}`),
    mean: ({ months, operator, value, unit, lastYear }) => `${months} must average ${operator} ${value} ${unit}${lastYear ? ` (same months last year ${lastYear})` : ""}`,
    sum: ({ months, operator, value, unit, lastYear }) => `${months} must add ${operator} ${value} ${unit}${lastYear ? ` (same months last year ${lastYear})` : ""}`,
    atLeastDays: ({ days, count, what, share, lastYear }) => `at least ${count} ${what} days of the remaining ${days} (${share}%${lastYear ? `; same months last year ${lastYear}%` : ""})`,
    atMostDays: ({ days, count, what, lastYear }) => `at most ${count} ${what} day(s) in the remaining ${days}${lastYear ? ` (same months last year ${lastYear}%)` : ""}`,
    dayWords: { good: "good", heavy: "heavily polluted", counted: "counted" },
    allDays: ({ days, what }) => `all ${days} remaining days ${what}`,
    noDays: ({ days, what }) => `none of the remaining ${days} days ${what}`,
    extremeMean: ({ months, value }) => `${value} over ${months}`,
    impossible: ({ extreme, year }) => `out of reach: even ${extreme} puts the year at ${year}`,
    secured: ({ extreme, year }) => `already secured: even ${extreme} puts the year at ${year}`,
  },
};

const zh: Messages = {
  status: { pass: "达标", "on-track": "进度正常", "no-data": "无数据", "at-risk": "有风险", fail: "未达标" },
  role: { binding: "考核", comparison: "对照" },
  csvColumn: {
    task: "任务编号",
    taskName: "任务",
    target: "目标代码",
    indicator: "指标",
    indicatorId: "指标代码",
    area: "区县",
    areaCode: "区县代码",
    role: "角色",
    status: "状态",
    value: "现值",
    projected: "预测值",
    operator: "比较",
    threshold: "目标值",
    unit: "单位",
    gap: "差距",
    deadline: "期限",
    daysLeft: "剩余天数",
    period: "期间",
    method: "方法",
    lead: "牵头单位",
    reason: "理由",
  },
  method: {
    "annual-value": "年度值",
    "same-period": "同比预测",
    "linear-path": "直线路径",
    trend: "趋势外推",
    "latest-value": "最新值",
    standing: "常态要求",
    milestone: "节点任务",
    "no-projection": "无预测方法",
    resampling: "重抽样预测",
    none: "无",
  },
  unit: {
    "ug/m3": "微克/立方米",
    "mg/m3": "毫克/立方米",
    "mg/L": "毫克/升",
    "percentage-points": "个百分点",
    kW: "千瓦",
    MW: "兆瓦",
    vehicles: "辆",
    m2: "平方米",
    "t/(km2·month)": "吨/(平方公里·月)",
    yuan: "元",
    count: "个",
    rank: "名",
    class: "类",
  },
  done: { yes: "已完成", no: "未完成", by: (deadline) => `${deadline} 前完成`, any: "完成" },
  gap: {
    change: ({ increase, amount, unit, deadline }) => `需${increase ? "提高" : "降低"} ${amount} ${unit}${deadline ? `（截至 ${deadline}）` : ""}`,
    noData: "无数据",
    noReport: "未报送",
    missed: "已逾期",
    notDoneYet: "尚未完成",
  },
  daysLeft: (days) => (days >= 0 ? `剩 ${days} 天` : `逾期 ${-days} 天`),
  summary: ({ results, asOf, counts }) => `截至 ${asOf} 共 ${results} 项结果：${counts}`,
  count: ({ status, count }) => `${status} ${count}`,
  comparison: "对照",
  comparisonsNotCounted: (count) => `（另有对照结果 ${count} 项，不计入）`,
  list: "，",
  colon: "：",
  semicolon: "；",
  heading: {
    scorecard: "区县记分卡",
    scorecardByTask: "任务记分卡",
    problems: "需优先处理",
    results: "结果",
    matrix: "区县 × 任务",
    summary: "摘要",
    charts: "图表",
    otherResults: "进度正常与无数据的结果",
    comparisons: "对照：不受该目标约束、仅作对比的区县（不计入）",
    districtDetail: "各区县明细",
    basically: "“基本”的取值",
    inputs: "输入数据",
    rejected: "被拒绝的行与文件问题",
    warnings: "警告",
    reasons: "判定理由",
    conflicts: "输入有冲突的结果",
    stale: "数据滞后的结果（最新数据早于评估日期；zz-plan completeness 列出全部缺报）",
  },
  conflict: ({ periods, rows, rule }) => `${periods} 个期间有冲突，${rows} 行未使用，按 --on-conflict ${rule} 处理`,
  column: {
    area: "区县",
    task: "任务",
    target: "目标",
    indicator: "指标",
    status: "状态",
    value: "现值",
    threshold: "目标值",
    gap: "差距",
    deadline: "期限",
    daysLeft: "剩余天数",
    lead: "牵头单位",
    worst: "最差项",
    file: "文件",
    kind: "类型",
    encoding: "编码",
    read: "读取",
    used: "使用",
    rejected: "拒绝",
    skipped: "跳过",
    reason: "理由",
    period: "期间",
    method: "方法",
    why: "依据",
    all: "总体",
    month: "月份",
    path: "目标路径",
    code: "代码",
    message: "说明",
  },
  title: (plan) => `差距报告：${plan}`,
  asOfLine: ({ asOf, ruleset, document }) => `评估日期 ${asOf}${document ? `，${document}` : ""}，空气质量评价规则 ${ruleset} 版。`,
  shown: ({ shown, total }) => (shown < total ? `共 ${total} 项中最紧迫的 ${shown} 项` : `共 ${total} 项`),
  moreWith: (flag) => `${flag} 查看更多`,
  noProblems: "没有未达标或有风险的结果。",
  noResults: "没有符合条件的结果。",
  matrixLegend: { blank: "空白 = 不适用", goals: "G = 主要目标", overall: (status) => `全市总体：${status}` },
  tasksLegend: "任务",
  basicallyRead: "计划对“基本”未给出数值；以下取值来自计划文件（可用 --basically 覆盖）。",
  basicallyNone: "本报告中没有目标使用“基本”的取值。",
  none: "无。",
  brief: {
    areasWithFail: ({ cityFails, areas, of, names }) => `${cityFails ? "全市有未达标项。" : ""}${of === 0 ? "" : areas === 0 ? `${of} 个区县均无未达标项。` : `${of} 个区县中有 ${areas} 个存在未达标项（${names}）。`}`,
    atRisk: (count) => `${count} 项结果有风险。`,
    dueSoon: ({ count, days, until }) => `未来 ${days} 天内（${until} 前）到期且未达标的有 ${count} 项。`,
    noneDue: (days) => `未来 ${days} 天内没有到期未完成的项。`,
    worstFirst: "排序：未达标最多者在前，其次为有风险、无数据。",
  },
  chart: {
    monthly: (indicator) => `全市${indicator}逐月变化`,
    districts: (indicator) => `各区县${indicator}与全市目标`,
    pathNote: ({ from, to }) => `第一条线为逐月值；第二条直线为目标路径：从 ${from} 到目标 ${to}。`,
    cityTarget: "目标",
    value: "数值",
    required: "达标所需路径（年初至今）",
    band: "预测区间（10%–90% 分位）",
    outlook: ({ indicator, year }) => `全市${indicator}：${year}年累计值与剩余月份要求`,
    outlookNote: ({ band }) => `第一条线为达标所需路径（剩余月份恰好达到要求时各月末的年累计值）${band ? "；其后两条为预测区间（重抽样年份的 10% 与 90% 分位）" : ""}；最后一条为目标。路径与区间均从最新的年累计值起。`,
  },
  diagnostics: {
    summary: ({ errors, warnings }) => `数据问题 ${errors} 个，警告 ${warnings} 条`,
    byCode: "按代码",
    moreWith: (hidden) => `另有 ${hidden} 条：用 --verbose 查看全部`,
    warning: "警告",
    hint: "提示",
  },
  validate: {
    file: ({ file, read, used, rejected, skipped, format, encoding }) => `${file}：读取 ${read} 行，使用 ${used}，拒绝 ${rejected}，跳过 ${skipped}（${format}，${encoding}）`,
    total: ({ observations, errors, warnings }) => `观测值 ${observations} 条；数据问题 ${errors} 个，警告 ${warnings} 条`,
  },
  targetsTable: {
    target: "目标代码",
    indicator: "指标",
    threshold: "目标值",
    deadline: "期限",
    areas: "区县",
    lead: "牵头单位",
    change: (period) => `较 ${period} 年变化 `,
    from: (date) => `${date} 起`,
    standing: "常态要求",
    total: ({ targets, tasks, plan }) => `${plan}：${tasks} 项任务，${targets} 个目标`,
  },
  errorsTable: { code: "代码", meaning: "含义", example: "正确写法 / 修正（英文）", total: (codes) => `共 ${codes} 个代码` },
  explain: {
    heading: ({ target, area, code, status }) => `${target}（${area}，${code}）：${status}`,
    comparison: "——对照：该目标不约束此区县",
    target: "目标",
    method: "方法",
    reason: "理由",
    original: "原文",
    decided: "依据",
    values: "数据",
    by: (deadline) => `，期限 ${deadline}`,
    standing: "（常态要求）",
    basically: ({ value, note }) => `——“基本”取 ${value}：${note}`,
    decidedBy: (location) => `${location} 的值`,
    none: "无",
    computed: "计算：",
    noResult: "没有结果：该目标不适用于所指定的区县",
  },
  progress: ({ file, done, total, rows, rate, seconds }) => `读取 ${file}：${done} / ${total}，${rows} 行，${rate}，${seconds} 秒`,
  changes: {
    heading: "自上次报告以来",
    title: ({ previous, current }) => `变化：从 ${previous} 的报告到 ${current} 的报告`,
    since: (previous) => `与 ${previous} 的报告相比`,
    comparisons: (count) => `对照结果的变化，不计入（${count} 项）`,
    kind: {
      "newly-failing": "新增未达标",
      "newly-at-risk": "新增有风险",
      "now-no-data": "变为无数据",
      worse: "变差",
      added: "新增结果",
      recovered: "已恢复",
      better: "好转",
      removed: "不再出现",
      value: "数值变化",
    },
    count: ({ kind, count }) => `${kind} ${count} 项`,
    rejected: ({ added, removed }) => `新被拒绝的行 ${added} 个，不再被拒绝 ${removed} 个`,
    nothing: "没有目标的状态发生变化。",
    change: "变化",
    before: "上次",
    after: "本次",
    valueOnly: (count) => `状态不变、数值变化的结果（${count} 项）`,
    rejectedAdded: "新被拒绝的行与文件问题",
    rejectedRemoved: "不再被拒绝",
    notShown: ({ hidden, flag }) => `另有 ${hidden} 项：用 ${flag} 查看`,
  },
  backtest: {
    title: (plan) => `回测：${plan}`,
    how: ({ draws, historyYears }) =>
      `每个完整年份按月末（1-11月）重演，视为目标年：各方法对全年值的预测与实际全年值相差多少，当时给出的状态是否应验（全年达标时为“可达标”或“达标”，未达标时为“有风险”）。只统计四种方法均可用的月末。重抽样：从前 ${historyYears} 年同期按周（有逐日数据时，否则按月）抽取 ${draws} 次。`,
    nothing: "没有可重演的完整年份：回测需要年度目标此前若干完整年份的月度数据。",
    nothingScored: (monthEnds) => `无可评分的月末：重演了 ${monthEnds} 个月末，但没有一个月末四种方法都可用（同比预测需要上年同期各月，趋势外推需要此前两个完整年份，重抽样需要此前三年覆盖剩余月份的数据）。`,
    indicator: ({ name, unit, cases, first, last, monthEnds, skipped }) => `${name}（${unit}）：${cases} 个区县年份（${first === last ? first : `${first}-${last}年`}），${monthEnds} 个月末${skipped > 0 ? `（另有 ${skipped} 个月末因部分方法不可用未计）` : ""}`,
    method: "方法",
    error: "平均绝对误差",
    matched: "状态应验",
    onTrackWrong: "误判可达标",
    atRiskWrong: "误判有风险",
    byMonth: "按月末：平均绝对误差 · 误判可达标（判可达标、全年未达标）/ 判可达标总数",
    monthEnd: "截至",
    monthCell: ({ error, wrong, onTrack }) => `${error} · ${wrong}/${onTrack}`,
    best: (method) => `状态应验最多：${method}。`,
    share: ({ part, whole, percent }) => `${percent} ${part}/${whole}`,
    month: (month) => `${month}月末`,
  },
  outlook: {
    chance: (percent) => `达标概率 ${percent}`,
    tooLittleHistory: (years) => `历史数据不足（需${years}年）`,
    months: ({ first, last }) => (first === last ? `${first}月` : `${first}-${last}月`),
    mean: ({ months, operator, value, unit, lastYear }) => `${months}均值需 ${operator} ${value} ${unit}${lastYear ? `（去年同期 ${lastYear}）` : ""}`,
    sum: ({ months, operator, value, unit, lastYear }) => `${months}合计需 ${operator} ${value} ${unit}${lastYear ? `（去年同期 ${lastYear}）` : ""}`,
    atLeastDays: ({ days, count, what, share, lastYear }) => `剩余 ${days} 天中需至少 ${count} 天${what}（${share}%${lastYear ? `；去年同期 ${lastYear}%` : ""}）`,
    atMostDays: ({ days, count, what, lastYear }) => `剩余 ${days} 天中${what}天不得超过 ${count} 天${lastYear ? `（去年同期 ${lastYear}%）` : ""}`,
    dayWords: { good: "优良", heavy: "重污染", counted: "计入" },
    allDays: ({ days, what }) => `剩余 ${days} 天全部${what}`,
    noDays: ({ days, what }) => `剩余 ${days} 天无一天${what}`,
    extremeMean: ({ months, value }) => `${months}均为 ${value}`,
    impossible: ({ extreme, year }) => `已无法达标：即使${extreme}，全年也只有 ${year}`,
    secured: ({ extreme, year }) => `已确保达标：即使${extreme}，全年仍为 ${year}`,
  },
};

export const catalogues: Readonly<Record<Language, Messages>> = { zh, en };

export function messagesFor(language: Language): Messages {
  return catalogues[language];
}
