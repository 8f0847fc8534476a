import type { StaffRole } from "../src/generated/prisma/enums.js";

/**
 * Demo departments: the seven subject fields of the district's historic case data, each answered
 * by a district bureau. `field` is the label those cases carry, so a model trained on them routes here.
 */
export const DEPARTMENTS = [
  {
    code: "housing",
    field: "城乡建设",
    nameZh: "区住房和城乡建设局",
    nameEn: "District Housing and Urban-Rural Development Bureau",
  },
  {
    code: "environment",
    field: "环境保护",
    nameZh: "区生态环境分局",
    nameEn: "District Ecology and Environment Bureau",
  },
  {
    code: "transport",
    field: "交通运输",
    nameZh: "区交通运输局",
    nameEn: "District Transport Bureau",
  },
  {
    code: "education",
    field: "教育文体",
    nameZh: "区教育和体育局",
    nameEn: "District Education and Sports Bureau",
  },
  {
    code: "labour",
    field: "劳动和社会保障",
    nameZh: "区人力资源和社会保障局",
    nameEn: "District Human Resources and Social Security Bureau",
  },
  {
    code: "commerce",
    field: "商贸旅游",
    nameZh: "区商务和文化旅游局",
    nameEn: "District Commerce, Culture and Tourism Bureau",
  },
  {
    code: "health",
    field: "卫生计生",
    nameZh: "区卫生健康委员会",
    nameEn: "District Health Commission",
  },
] as const;

/**
 * The reconsideration office (行政复议机构, 行政复议法 art. 4 ¶2): the department that does the
 * district government's reconsideration work. It has no subject field: the classifier never routes
 * complaints there; reconsideration applications go there directly.
 */
export const RECONSIDERATION_OFFICE = {
  code: "reconsideration",
  nameZh: "区司法局（区政府行政复议办公室）",
  nameEn: "District Justice Bureau (the district government's reconsideration office)",
} as const;

/**
 * Mediation bodies (人民调解法 arts. 7–8: 人民调解委员会; the 司法所 guides them): departments of their
 * own kind that mediations can be assigned or transferred to. No subject field: the classifier never
 * routes to them.
 */
export const MEDIATION_BODIES = [
  { code: "mediation_committee", nameZh: "街道人民调解委员会", nameEn: "Street People's Mediation Committee" },
  { code: "justice_office", nameZh: "街道司法所", nameEn: "Street Judicial Office" },
] as const;

/**
 * Demo staff for the local emulator only (their Telegram ids are made up; on real Telegram they
 * would belong to strangers, so they are never seeded when tokens are set).
 */
export const DEMO_STAFF: { telegramId: number; displayName: string; role: StaffRole; department?: string }[] = [
  { telegramId: 900001, displayName: "王建 (住建承办)", role: "HANDLER", department: "housing" },
  { telegramId: 900002, displayName: "李芳 (分拨)", role: "DISPATCHER" },
  { telegramId: 900003, displayName: "张伟 (住建负责人)", role: "SUPERVISOR", department: "housing" },
  { telegramId: 900004, displayName: "陈静 (环境承办)", role: "HANDLER", department: "environment" },
  // The reconsideration office: a head and three 行政复议人员 (a major case needs three, art. 50's hearing panel too).
  { telegramId: 900005, displayName: "刘洋 (复议办负责人)", role: "SUPERVISOR", department: "reconsideration" },
  { telegramId: 900006, displayName: "周敏 (复议人员)", role: "HANDLER", department: "reconsideration" },
  { telegramId: 900007, displayName: "吴刚 (复议人员)", role: "HANDLER", department: "reconsideration" },
  { telegramId: 900008, displayName: "郑丽 (复议人员)", role: "HANDLER", department: "reconsideration" },
  // A people's mediator of the mediation committee (人民调解员, 人民调解法 art. 13).
  { telegramId: 900021, displayName: "何平 (人民调解员)", role: "HANDLER", department: "mediation_committee" },
  // A 12345 hotline operator: files for callers without Telegram and calls them back (/call).
  { telegramId: 900031, displayName: "孙磊 (12345 热线话务员)", role: "OPERATOR" },
];
