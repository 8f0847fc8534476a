import type { StaffRole } from "../src/generated/prisma/enums.js";

/**
 * Demo departments: the seven subject fields of the district's historic case data, each answered
 * by a district bureau. Keywords feed the rule classifier until a trained model is installed.
 */
export const DEPARTMENTS = [
  {
    code: "housing",
    field: "城乡建设",
    nameZh: "区住房和城乡建设局",
    nameEn: "District Housing and Urban-Rural Development Bureau",
    keywords: ["物业", "小区", "房屋", "楼盘", "开发商", "施工", "拆迁", "违建", "违章建筑", "路灯", "下水道", "供水", "停水", "燃气", "电梯", "装修", "房产证", "公租房", "棚改", "housing", "building"],
  },
  {
    code: "environment",
    field: "环境保护",
    nameZh: "区生态环境分局",
    nameEn: "District Ecology and Environment Bureau",
    keywords: ["污染", "噪音", "噪声", "排放", "废气", "废水", "污水", "异味", "臭味", "扬尘", "垃圾焚烧", "油烟", "环保", "河道", "黑臭", "pollution", "noise", "smell"],
  },
  {
    code: "transport",
    field: "交通运输",
    nameZh: "区交通运输局",
    nameEn: "District Transport Bureau",
    keywords: ["公交", "出租车", "网约车", "地铁", "道路", "红绿灯", "停车", "车站", "客运", "货车", "驾校", "交通", "线路", "bus", "taxi", "traffic", "road"],
  },
  {
    code: "education",
    field: "教育文体",
    nameZh: "区教育和体育局",
    nameEn: "District Education and Sports Bureau",
    keywords: ["学校", "老师", "教师", "学生", "幼儿园", "学费", "补课", "招生", "入学", "学位", "培训机构", "体育", "图书馆", "school", "teacher", "kindergarten"],
  },
  {
    code: "labour",
    field: "劳动和社会保障",
    nameZh: "区人力资源和社会保障局",
    nameEn: "District Human Resources and Social Security Bureau",
    keywords: ["工资", "欠薪", "拖欠", "社保", "养老金", "养老保险", "医保", "劳动合同", "辞退", "加班", "工伤", "失业", "公积金", "退休", "wage", "salary", "pension"],
  },
  {
    code: "commerce",
    field: "商贸旅游",
    nameZh: "区商务和文化旅游局",
    nameEn: "District Commerce, Culture and Tourism Bureau",
    keywords: ["商家", "商场", "超市", "消费", "退款", "假货", "价格", "景区", "旅游", "导游", "酒店", "餐馆", "市场", "网购", "shop", "refund", "tourist"],
  },
  {
    code: "health",
    field: "卫生计生",
    nameZh: "区卫生健康委员会",
    nameEn: "District Health Commission",
    keywords: ["医院", "医生", "诊所", "看病", "药店", "疫苗", "卫生", "护士", "生育", "计生", "独生子女", "体检", "hospital", "doctor", "clinic", "vaccine"],
  },
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
];
