/**
 * The words of the data: how names are compared, the header spellings analysts use for the
 * general columns, and the yes/no words. Every reader and the plan look-ups compare names the
 * same way, so they share this.
 */

/** Traditional forms of the characters in Zhengzhou's area names, so 鄭州 reads as 郑州. */
const traditionalToSimplified: Record<string, string> = {
  鄭: "郑", 區: "区", 縣: "县", 滎: "荥", 陽: "阳", 義: "义", 濟: "济", 東: "东", 開: "开", 經: "经",
  術: "术", 發: "发", 實: "实", 驗: "验", 業: "业", 產: "产", 門: "门", 興: "兴",
  華: "华", 園: "园", 團: "团", 際: "际", 體: "体", 機: "机", 場: "场", 號: "号", 綜: "综", 試: "试",
};

/** The key a name is matched on: NFKC (full-width to half-width), no spaces, lower case, simplified. */
export function nameKey(name: string): string {
  let key = name.normalize("NFKC").replace(/[\s\u3000]+/g, "").toLowerCase();
  key = [...key].map((char) => traditionalToSimplified[char] ?? char).join("");
  return key;
}

export type ObservationColumn = "indicator" | "area" | "period" | "value" | "unit" | "source" | "note" | "revision";

/** Header spellings of the general format, compared after nameKey; the raw kinds reuse the area ones. */
export const observationColumns: Record<ObservationColumn, readonly string[]> = {
  indicator: ["indicator", "指标", "指标名称", "指标代码", "indicator_id", "indicatorid"],
  area: ["area", "区县", "地区", "区域", "行政区", "区县(市)", "区县市", "district", "area_code", "地区代码", "区划代码"],
  period: ["period", "时间", "期间", "月份", "年份", "日期", "统计期", "date", "month", "year"],
  value: ["value", "数值", "值", "数据", "监测值"],
  unit: ["unit", "单位", "计量单位"],
  source: ["source", "来源", "数据来源"],
  note: ["note", "备注", "notes", "remark", "说明"],
  // A re-sent month carries the date it was sent (or a revision number): the later one wins.
  revision: ["revision", "报送日期", "上报日期", "填报日期", "报送时间", "上报时间", "修订日期", "修订版本", "版本", "submitted", "submission_date", "revised"],
};

/** Each spelling's nameKey to the column it names. */
export function spellingIndex<C extends string>(spellings: Record<C, readonly string[]>): Map<string, C> {
  const byKey = new Map<string, C>();
  for (const [column, names] of Object.entries(spellings) as [C, readonly string[]][]) {
    for (const name of names) byKey.set(nameKey(name), column);
  }
  return byKey;
}

/** Map each canonical column to the header name used in this file (the first, when several name it). */
export function matchColumns<C extends string>(headerNames: Iterable<string>, spellings: Record<C, readonly string[]>): Map<C, string> {
  const byKey = spellingIndex(spellings);
  const matched = new Map<C, string>();
  for (const header of headerNames) {
    const column = byKey.get(nameKey(header));
    if (column && !matched.has(column)) matched.set(column, header);
  }
  return matched;
}

/** Yes and no as analysts write them in a yes/no column, compared after nameKey. */
export const yesWords = ["是", "yes", "y", "true", "1", "√", "✓"] as const;
export const noWords = ["否", "no", "n", "false", "0", "×", "✗"] as const;

/** Yes and no as a milestone's value (完成, done), compared in lower case: 1 and 0. */
export const doneWords = ["done", "yes", "true", "完成", "已完成", "是", "已", "达标", "√", "✓"] as const;
export const notDoneWords = ["not done", "no", "false", "未完成", "否", "未", "×", "✗"] as const;

/**
 * A reader of one yes/no column: the common words plus the column's own (国控 and 省控 for a
 * national-station flag, 有 and 无 for a presence). Undefined for anything else.
 */
export function yesNoReader(own: { yes?: readonly string[]; no?: readonly string[] } = {}): (text: string) => boolean | undefined {
  const yes = new Set<string>([...yesWords, ...(own.yes ?? [])].map(nameKey));
  const no = new Set<string>([...noWords, ...(own.no ?? [])].map(nameKey));
  return (text) => {
    const key = nameKey(text);
    return yes.has(key) ? true : no.has(key) ? false : undefined;
  };
}

/**
 * The labels that open the sign-off lines under a government template's table (填报人：张三
 * 审核人：李四 联系电话：…) and its notes (备注：…, 注1：…). A row whose first non-blank cell opens
 * with one of them, followed by a colon or nothing, is not data.
 */
export const footerLabels = [
  "填报人", "填表人", "制表人", "审核人", "复核人", "审核", "负责人", "单位负责人", "分管领导", "统计负责人",
  "联系人", "联系电话", "电话", "填报日期", "填表日期", "制表日期", "报出日期", "备注", "注", "说明", "填表说明", "填报说明",
] as const;

const footerPattern = new RegExp(`^(${[...footerLabels].sort((a, b) => b.length - a.length).join("|")})\\s*(?:\\d+\\s*)?(?:[:：]|$)`);

/** The sign-off label a cell opens with (填报人：张三 -> 填报人), or undefined. */
export function footerLabel(text: string): string | undefined {
  return footerPattern.exec(text.normalize("NFKC").replace(/^[\s*※]+/, ""))?.[1];
}

/**
 * What monitoring exports write in place of a value that was not measured or not valid: the
 * station was under maintenance (维护), stopped (停运), the instrument failed, the river ran dry.
 * Such a cell has no value; it is not a wrong one. Compared after nameKey.
 */
const notMeasuredWords = [
  "维护", "维修", "停运", "停测", "无效", "无效数据", "仪器故障", "设备故障", "故障", "通讯故障", "断电", "校准", "标定", "离线",
  "缺测", "缺失", "未监测", "未测", "未采样", "未采", "未检测", "无数据", "暂无", "断流", "干涸", "结冰", "冰封", "施工",
  "-", "--", "---", "—", "——", "/", "//", "\\", "na", "n/a", "#n/a", "null", "nan", "无",
] as const;

const notMeasuredKeys = new Set<string>(notMeasuredWords.map(nameKey));

/** True when a cell's text says the value was not measured (维护, 停运, --, /). */
export function isNotMeasured(text: string): boolean {
  return notMeasuredKeys.has(nameKey(text).replace(/[*＊※]/g, ""));
}
