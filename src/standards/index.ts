export { ceilDiv, roundHalfEven, stripBinaryNoise } from "./rounding.js";
export {
  aqiBreakpoints,
  aqiCategories,
  aqiCategory,
  aqiPollutants,
  airRulesets,
  dailyAirPollutants,
  dailyAqi,
  iaqi,
  iaqiLevels,
  roundConcentrationForAqi,
  ruleset2026FirstDay,
  rulesetForDate,
} from "./aqi.js";
export type { AirRuleset, AqiCategory, AqiPollutant, DailyAirPollutant, DailyAirValues, DailyAqi } from "./aqi.js";
export {
  airValidityMinimums,
  annualMeanValidity,
  dailyMeanFromHours,
  goodDayRatio,
  heavyPollutionRatio,
  o3EightHourMeans,
  o3Max8h,
  percentile,
} from "./air-statistics.js";
export type { AnnualMeanValidity, DayShare, MonthShortfall } from "./air-statistics.js";
export {
  assessedWaterParameters,
  findWaterParameter,
  meetsTarget,
  parameterClass,
  phRange,
  referenceWaterParameters,
  sectionClass,
  waterClassLabel,
  waterClassLabels,
  waterClassLimits,
  waterParameterNames,
  waterParameters,
  waterQualityGrade,
} from "./water.js";
export type { AssessedWaterParameter, MainPollutant, SectionClass, WaterBody, WaterClass, WaterParameter } from "./water.js";
export {
  blackOdorousIndicators,
  blackOdorousThresholds,
  classifyBlackOdorousPoint,
  classifyBlackOdorousSample,
} from "./black-odorous.js";
export type {
  BlackOdorousGrades,
  BlackOdorousIndicator,
  BlackOdorousLevel,
  BlackOdorousPoint,
  BlackOdorousSample,
  IndicatorShares,
} from "./black-odorous.js";
