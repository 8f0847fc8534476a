import type { FakeTelegram, OutMessage } from "./fake-telegram.js";

/**
 * A simulated citizen filing one complaint in the citizen bot, as a person does: they read the
 * bot's last message and answer what it asks. When nothing comes back they wait, then send their
 * last message again; when the bot says something went wrong they try again a little later.
 */
export type CitizenPlan = { userId: number; text: string; location: string };
export type CitizenOptions = {
  /** How long a person waits for an answer before sending again. */
  answerTimeoutMs: number;
  /** When the person gives up altogether. */
  deadline: number;
  /** Send the description and the place in one go, without waiting for step 2 (ordering test). */
  burst?: boolean;
  /** Deliver this citizen's description update twice (a repeated update). */
  repeatText?: boolean;
};
export type CitizenResult = {
  userId: number;
  number?: string;
  confirmedAt?: number;
  receiptAt?: number;
  unanswered: number;
  errorsSeen: number;
  actions: number;
  stuckAt?: string;
};

export function createCitizen(fake: FakeTelegram, plan: CitizenPlan, opts: CitizenOptions) {
  const inbox: OutMessage[] = [];
  let wake: (() => void) | undefined;
  const onMessage = (m: OutMessage) => {
    if (m.bot !== "citizen" || m.chatId !== plan.userId) return;
    inbox.push(m);
    wake?.();
  };
  const person = {
    from: { id: plan.userId, is_bot: false, first_name: `市民${plan.userId}`, username: `c${plan.userId}`, language_code: "zh-hans" },
    chat: { id: plan.userId, first_name: `市民${plan.userId}`, username: `c${plan.userId}`, type: "private" },
  };

  function sendText(text: string, twice = false): void {
    const entities = text.startsWith("/") ? [{ offset: 0, length: text.split(/\s/)[0].length, type: "bot_command" }] : undefined;
    const message = { message_id: fake.nextMessageIdFor("citizen", plan.userId), date: Math.floor(Date.now() / 1000), ...person, text, ...(entities ? { entities } : {}) };
    fake.deliver("citizen", { message }, plan.userId, { twice });
  }

  function press(m: OutMessage, label: string): boolean {
    const button = m.buttons.flat().find((b) => b.text === label);
    if (!button) return false;
    fake.deliver(
      "citizen",
      {
        callback_query: {
          id: `${plan.userId}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
          from: person.from,
          chat_instance: String(plan.userId),
          message: { message_id: m.messageId, date: Math.floor(m.at / 1000), chat: person.chat, text: m.text },
          data: button.data,
        },
      },
      plan.userId,
    );
    return true;
  }

  async function next(timeoutMs: number): Promise<OutMessage | undefined> {
    if (inbox.length) return inbox.shift();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, Math.min(timeoutMs, opts.deadline - Date.now())));
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wake = undefined;
    return inbox.shift();
  }

  const result: CitizenResult = { userId: plan.userId, unanswered: 0, errorsSeen: 0, actions: 0 };
  let lastSeen = "";
  let done = false;

  async function run(): Promise<CitizenResult> {
    fake.events.on("message", onMessage);
    let last: () => void = () => sendText("/start");
    let skipWhere = false;
    let lastPrompt = "start";
    const act = (fn: () => void) => {
      last = fn;
      result.actions++;
      fn();
    };
    try {
      act(last);
      while (Date.now() < opts.deadline && result.actions < 60) {
        const m = await next(opts.answerTimeoutMs);
        if (!m) {
          if (Date.now() >= opts.deadline) break;
          result.unanswered++;
          act(last);
          continue;
        }
        const t = m.text;
        lastSeen = t.slice(0, 14).replace(/\n/g, " ");
        const receipt = /已受理。事项编号：(MS-\d{4}-\d{6})/.exec(t) ?? /这份事项已经提交过了，编号 (MS-\d{4}-\d{6})/.exec(t);
        if (receipt) {
          result.number = receipt[1];
          result.receiptAt = m.at;
          return result;
        }
        if (/系统出了点问题/.test(t)) {
          result.errorsSeen++;
          // "请稍后再试": people try again later, and wait longer each time.
          await new Promise((r) => setTimeout(r, Math.min(30_000, 2000 * 2 ** (result.errorsSeen - 1))));
          act(last);
          continue;
        }
        if (/隐私说明/.test(t)) act(() => press(m, "同意并继续"));
        else if (/已记录您的同意/.test(t)) act(() => sendText("/new"));
        else if (/请先阅读上面的隐私说明/.test(t)) act(() => sendText("/start"));
        else if (/第 1 步|太短了/.test(t)) {
          if (opts.burst) {
            act(() => {
              sendText(plan.text);
              sendText(plan.location);
            });
            skipWhere = true;
          } else act(() => sendText(plan.text, opts.repeatText));
        } else if (/第 2 步/.test(t)) {
          if (skipWhere) skipWhere = false;
          else act(() => sendText(plan.location));
        } else if (/第 3 步/.test(t)) act(() => press(m, "跳过"));
        else if (/第 4 步/.test(t)) act(() => press(m, "匿名"));
        else if (/请核对/.test(t)) {
          act(() => press(m, "确认提交"));
          result.confirmedAt ??= Date.now();
        } else if (/我收到了您的消息|听起来您想投诉|已取消/.test(t)) act(() => sendText("/new"));
        else continue; // anything else (a hint, an edit of an earlier step) needs no answer
        lastPrompt = t.slice(0, 12);
      }
      result.stuckAt = lastPrompt;
      return result;
    } finally {
      done = true;
      fake.events.off("message", onMessage);
    }
  }

  /** Where this person is, for the suite's progress line. */
  const status = () => ({ done, lastSeen, actions: result.actions });
  return { run, status };
}

/**
 * Distinct complaints for the seven subject departments (the suite gives each a handler and a
 * supervisor, `SUITE_STAFF`): spread as a district's are, no staff chat receives more cards than
 * Telegram lets one chat take (about one message a second).
 */
const SUBJECTS = [
  ["小区物业收了物业费却不管事，楼道灯坏了很久没人修，电梯经常停运", "幸福路"],
  ["开发商逾期交房一年多，一拖再拖至今没有交付，也不给任何说法", "锦绣花园"],
  ["一楼住户私自扩建阳光房占用小区公共绿地，物业制止无效", "和平街"],
  ["楼下饭店的油烟直排到居民楼里，窗户都不敢开，味道很呛", "光明路"],
  ["附近工地晚上十二点以后还在打桩施工，噪音吵得人睡不着觉", "东风路"],
  ["河道里有人偷排黑色污水，散发恶臭，鱼都死了", "滨河路"],
  ["路口的红绿灯坏了好几天，早晚高峰车辆乱成一团，很危险", "建设路"],
  ["公交车经常不按时刻表发车，等了四十分钟一辆都没来", "人民路"],
  ["学校周边有校外培训机构违规招生收费，还在上课时间开课", "育才路"],
  ["孩子上小学划片入学不合理，离家近的学校不让上", "文昌街"],
  ["公司拖欠工资三个月不发，老板一直找借口推脱", "工业园"],
  ["单位不给我们缴纳社保，也不签劳动合同", "开发区"],
  ["超市卖过期食品，标签被重新贴过，投诉没人理", "中山路"],
  ["商场预付卡办了以后店铺关门跑路，钱退不回来", "解放路"],
  ["社区诊所无证行医，还给老人打吊针，很不安全", "长安街"],
  ["医院挂号排队太乱，号贩子在门口公开倒卖专家号", "健康路"],
] as const;

/** The staff the suite adds to every subject department (ids 910001…), so each has its own chats. */
export const SUITE_STAFF_DEPARTMENTS = ["housing", "environment", "transport", "education", "labour", "commerce", "health"] as const;

const DIGITS = "零一二三四五六七八九";
/** 1–9999 in Chinese numerals: a serial that stays in the text the 并单 check compares (it drops digits). */
function chineseNumber(n: number): string {
  const units = ["", "十", "百", "千"];
  const parts = String(n).split("").reverse().map((d, i) => (d === "0" ? "零" : DIGITS[Number(d)] + units[i]));
  return parts.reverse().join("").replace(/零+/g, "零").replace(/零$/, "").replace(/^一十/, "十");
}

export function complaintPlan(i: number, userBase: number): CitizenPlan {
  const [text, street] = SUBJECTS[i % SUBJECTS.length];
  // A serial in words keeps every complaint distinct (none is linked to another as 并单).
  return { userId: userBase + i, text: `${text}，请尽快处理。（第${chineseNumber(i + 1)}号反映）`, location: `${street} ${i + 1} 号${i % 7 + 1} 栋` };
}
