import pg from "pg";
import { SUITE_STAFF_DEPARTMENTS, type CitizenPlan, type CitizenResult } from "./citizen.js";
import type { FakeTelegram, OutMessage } from "./fake-telegram.js";

/**
 * Counts what happened, from the two places that cannot lie about it: the cases in Postgres and
 * every message the fake Bot API delivered to each chat.
 */
export type Counts = {
  citizens: number;
  /** Citizens who saw a receipt (or "already submitted") with a case number. */
  receipted: number;
  cases: number;
  /** Citizens whose complaint is not a case in Postgres. */
  lost: number;
  /** Cases beyond the first per citizen. */
  duplicateCases: number;
  /** Cases whose description or place is not what the citizen sent for it (an update applied twice or out of order). */
  wrongFields: number;
  receipts: number;
  routedNotices: number;
  cards: number;
  /** Cases whose routed notice or any expected staff card never arrived. */
  undelivered: number;
  /** Receipts, routed notices and cards a chat received more than once for the same case. */
  duplicateSends: number;
  /** Form prompts (steps 1–4, summary) a chat received more than once, beyond what the person's own resends explain. */
  repeatedPrompts: number;
  errorsSeen: number;
  unanswered: number;
  /** When the last expected message of any case arrived (ms epoch), or undefined if none. */
  lastDeliveryAt?: number;
  /** When each chat received each message (ms), for the time Telegram's per-chat pace needs. */
  chatTimes: Record<string, number[]>;
  /** The first few undelivered cases: number, status, department, and what is missing. */
  undeliveredDetail: string[];
};

type CaseRow = { number: string; text: string; location: string | null; departmentId: number | null; status: string; telegramId: string };
type StaffRow = { telegramId: string; departmentId: number | null; role: string };

/**
 * A handler and a supervisor in each subject department (Telegram ids 910001…), besides the demo
 * staff: the complaints are spread over the departments (`complaintPlan`), each with its own chats.
 */
export async function addSuiteStaff(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let id = 910_001;
    for (const code of SUITE_STAFF_DEPARTMENTS) {
      for (const role of ["HANDLER", "SUPERVISOR"]) {
        await client.query(
          `INSERT INTO "StaffMember" ("telegramId", "displayName", "role", "departmentId")
           SELECT $1, $2, $3::"StaffRole", d.id FROM "Department" d WHERE d.code = $4
           ON CONFLICT ("telegramId") DO NOTHING`,
          [id++, `${code} ${role.toLowerCase()}`, role, code],
        );
      }
    }
  } finally {
    await client.end();
  }
}

export async function readDatabase(url: string): Promise<{ cases: CaseRow[]; staff: StaffRow[] }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const cases = await client.query<CaseRow>(
      `SELECT c.number, c.text, c.location, c."departmentId", c.status::text AS status, ci."telegramId"::text AS "telegramId"
         FROM "Case" c JOIN "Citizen" ci ON ci.id = c."citizenId" WHERE c.kind = 'COMPLAINT'`,
    );
    const staff = await client.query<StaffRow>(
      `SELECT "telegramId"::text AS "telegramId", "departmentId", role::text AS role FROM "StaffMember" WHERE active AND role IN ('HANDLER', 'SUPERVISOR', 'DISPATCHER')`,
    );
    return { cases: cases.rows, staff: staff.rows };
  } finally {
    await client.end();
  }
}

const NUMBER = /MS-\d{4}-\d{6}/;
const PROMPTS = [/第 1 步/, /第 2 步/, /第 3 步/, /第 4 步/, /请核对/];

function kindOf(m: OutMessage): "receipt" | "routed" | "card" | undefined {
  if (m.bot === "citizen" && /已受理。事项编号/.test(m.text)) return "receipt";
  if (m.bot === "citizen" && /已交由「/.test(m.text)) return "routed";
  if (m.bot === "staff" && /^(⚑[^\n]*\n)?【/.test(m.text)) return "card";
  return undefined;
}

export function count(
  db: { cases: CaseRow[]; staff: StaffRow[] },
  fake: FakeTelegram,
  plans: CitizenPlan[],
  results: CitizenResult[],
): Counts {
  const byCitizen = new Map<string, CaseRow[]>();
  for (const c of db.cases) byCitizen.set(c.telegramId, [...(byCitizen.get(c.telegramId) ?? []), c]);

  // First arrival and number of arrivals of each (kind, chat, case).
  const first = new Map<string, number>();
  const times = new Map<string, number>();
  let receipts = 0;
  let routedNotices = 0;
  let cards = 0;
  for (const m of fake.messages) {
    const kind = kindOf(m);
    const number = NUMBER.exec(m.text)?.[0];
    if (!kind || !number) continue;
    if (kind === "receipt") receipts++;
    else if (kind === "routed") routedNotices++;
    else cards++;
    const key = `${kind}|${m.chatId}|${number}`;
    times.set(key, (times.get(key) ?? 0) + 1);
    if (!first.has(key)) first.set(key, m.at);
  }
  const duplicateSends = [...times.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);

  let lost = 0;
  let duplicateCases = 0;
  let wrongFields = 0;
  for (const p of plans) {
    const mine = byCitizen.get(String(p.userId)) ?? [];
    if (mine.length === 0) lost++;
    duplicateCases += Math.max(0, mine.length - 1);
    for (const c of mine) if (c.text.trim() !== p.text || (c.location ?? "").trim() !== p.location) wrongFields++;
  }

  let undelivered = 0;
  const undeliveredDetail: string[] = [];
  let lastDeliveryAt: number | undefined;
  for (const c of db.cases) {
    // Routed: a notice to the citizen and a card to each handler and supervisor of the department.
    // Left to a dispatcher (the classifier unsure): a card to each dispatcher.
    const needed = c.departmentId === null ? [] : [`routed|${c.telegramId}|${c.number}`];
    for (const s of db.staff) {
      const routedHere = c.departmentId !== null && s.role !== "DISPATCHER" && s.departmentId === c.departmentId;
      const dispatching = c.departmentId === null && s.role === "DISPATCHER";
      if (routedHere || dispatching) needed.push(`card|${s.telegramId}|${c.number}`);
    }
    // A case nobody can see (routed where nobody works) is undelivered too.
    if (needed.filter((k) => k.startsWith("card|")).length === 0 || needed.some((k) => !first.has(k))) {
      undelivered++;
      if (undeliveredDetail.length < 5) {
        const missing = needed.filter((k) => !first.has(k)).map((k) => k.split("|").slice(0, 2).join(" "));
        const said = fake.messages.filter((m) => m.text.includes(c.number)).map((m) => `${m.bot}: ${m.text.slice(0, 30).replace(/\n/g, " ")}`);
        undeliveredDetail.push(`${c.number} ${c.status} dept ${c.departmentId ?? "-"}; missing ${missing.join(", ") || "any card (nobody to see it)"}; sent: ${said.join(" | ") || "nothing"}`);
      }
      continue;
    }
    const at = Math.max(...needed.map((k) => first.get(k)!));
    lastDeliveryAt = Math.max(lastDeliveryAt ?? 0, at);
  }

  // A prompt repeated in a chat counts only when the person did not send anything that asks for it again.
  let repeatedPrompts = 0;
  const resends = new Map(results.map((r) => [r.userId, r.unanswered + r.errorsSeen]));
  for (const p of plans) {
    let extra = 0;
    for (const re of PROMPTS) {
      const n = fake.messages.filter((m) => m.bot === "citizen" && m.chatId === p.userId && re.test(m.text)).length;
      extra += Math.max(0, n - 1);
    }
    repeatedPrompts += Math.max(0, extra - (resends.get(p.userId) ?? 0));
  }

  return {
    citizens: plans.length,
    receipted: results.filter((r) => r.number).length,
    cases: db.cases.length,
    lost,
    duplicateCases,
    wrongFields,
    receipts,
    routedNotices,
    cards,
    undelivered,
    duplicateSends,
    repeatedPrompts,
    errorsSeen: results.reduce((s, r) => s + r.errorsSeen, 0),
    unanswered: results.reduce((s, r) => s + r.unanswered, 0),
    lastDeliveryAt,
    chatTimes: chatTimesOf(fake.messages),
    undeliveredDetail,
  };
}

function chatTimesOf(messages: OutMessage[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const m of messages) (out[`${m.bot}:${m.chatId}`] ??= []).push(m.at);
  return out;
}

/** Telegram lets a chat take a burst of about 3 messages, then about one a second (src/telegram/pace.ts). */
const CHAT_BURST = 3;
const CHAT_INTERVAL_S = 1;

/**
 * The least time after `ref` that Telegram's per-chat pace allows for what the busiest chat
 * received from then on: a backlog of N messages for one chat cannot arrive sooner than N − 3 s.
 */
export function paceFloorSeconds(c: Counts, ref: number): number {
  let floor = 0;
  for (const times of Object.values(c.chatTimes)) {
    const after = times.filter((t) => t >= ref).length;
    floor = Math.max(floor, Math.max(0, after - CHAT_BURST) * CHAT_INTERVAL_S);
  }
  return floor;
}

/** Updates that got no answer at all before the person's next update (or by now): silently lost. */
export function unansweredUpdates(fake: FakeTelegram, ids: Set<number>): number {
  let lostCount = 0;
  for (const u of fake.updates) {
    if (u.bot !== "citizen" || !ids.has(u.updateId)) continue;
    // Saying the same again while waiting is still waiting: the answer may come after the repeat.
    const next = fake.updates.find((v) => v.bot === "citizen" && v.chatId === u.chatId && v.at > u.at && v.updateId > u.updateId && v.input !== u.input);
    const until = next?.at ?? Infinity;
    const answered = fake.messages.some((m) => m.bot === "citizen" && m.chatId === u.chatId && m.at >= u.at && m.at <= until);
    if (!answered) lostCount++;
  }
  return lostCount;
}
