import { languages, type Language } from "../vocabulary/language.js";

/**
 * The report language: --lang when given; else Chinese when the locale is Chinese (LC_ALL, then
 * LC_MESSAGES, then LANG, the first one set, as POSIX reads them) or the plan declares Chinese;
 * else English. The locale is read here only; the report gets the answer.
 */
export function chooseLanguage(flag: Language | undefined, env: Readonly<Record<string, string | undefined>>, planLanguage: Language | undefined): Language {
  if (flag) return flag;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== "");
  if (locale && /^zh([_.@-]|$)/i.test(locale)) return "zh";
  return planLanguage === "zh" ? "zh" : "en";
}

export { languages };
