import type { BotMessage, EmulatorUser } from "../../src/telegram/emulator-client.js";

/** /start and consent, as a new citizen does. */
export async function consent(citizen: EmulatorUser): Promise<void> {
  await citizen.send("/start");
  await citizen.press(await citizen.expect(/隐私说明/), "同意并继续");
  await citizen.expect(/已记录您的同意/);
}

export type IntakeAnswers = { text: string; location: string; named?: { name: string; phone: string }; photos?: string[] };

/** Walks the complaint intake (/new) up to the summary and returns it. */
export async function fileUntilSummary(citizen: EmulatorUser, a: IntakeAnswers): Promise<BotMessage> {
  await citizen.send("/new");
  await citizen.expect(/第 1 步/);
  await citizen.send(a.text);
  await citizen.expect(/第 2 步/);
  await citizen.send(a.location);
  const photoStep = await citizen.expect(/第 3 步/);
  if (a.photos?.length) {
    let last = photoStep;
    for (const p of a.photos) {
      await citizen.sendPhoto(p);
      last = await citizen.expect(/已收到第 \d+ 张照片/);
    }
    await citizen.press(last, "完成");
  } else {
    await citizen.press(photoStep, "跳过");
  }
  const identity = await citizen.expect(/第 4 步/);
  if (a.named) {
    await citizen.press(identity, "实名");
    await citizen.expect(/请输入您的姓名/);
    await citizen.send(a.named.name);
    await citizen.expect(/手机号码/);
    await citizen.send(a.named.phone);
  } else {
    await citizen.press(identity, "匿名");
  }
  return citizen.expect(/请核对/);
}

/**
 * Walks a mediation application (/mediate, after consent) by 孙丽 against 楼上住户钱先生 up to the
 * question of how many people it involves, answering with the dispute type and facts given.
 */
export async function mediationUntilPeople(citizen: EmulatorUser, a: { type: string; facts: string }): Promise<void> {
  await citizen.send("/mediate");
  await citizen.expect(/调解遵循自愿原则/);
  await citizen.expect(/请输入您的姓名/);
  await citizen.send("孙丽");
  await citizen.expect(/手机号码/);
  await citizen.send("13700001111");
  await citizen.expect(/对方当事人的姓名/);
  await citizen.send("楼上住户钱先生");
  await citizen.expect(/怎样联系对方/);
  await citizen.send("13800002222");
  await citizen.press(await citizen.expect(/纠纷属于哪一类/), a.type);
  await citizen.expect(/事实经过/);
  await citizen.send(a.facts);
  await citizen.expect(/希望达成什么结果/);
  await citizen.send("赔偿维修费用 8000 元");
  await citizen.expect(/涉及多少人/);
}

/** Confirms the summary and returns the case number from the receipt. */
export async function submit(citizen: EmulatorUser, summary: BotMessage): Promise<string> {
  await citizen.press(summary, "确认提交");
  const receipt = await citizen.expect(/已受理。事项编号：MS-\d{4}-\d{6}/);
  return /MS-\d{4}-\d{6}/.exec(receipt.text)![0];
}
