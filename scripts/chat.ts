import { createInterface } from "node:readline";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadConfigOrExit } from "../src/config.js";
import { EmulatorUser, type BotMessage } from "../src/telegram/emulator-client.js";

/**
 * `npm run chat`: talk to the bots running under `npm start` (emulator mode) from a terminal.
 *   npm run chat                                   citizen 10001
 *   npm run chat -- --as staff --user 900001       demo handler of the housing bureau
 * Type text to send it; #N presses button N of the last message with buttons; :photo [path] sends
 * a photo (a generated one without a path); :file <path> [caption] sends a file as a document;
 * :quit leaves. Photos and documents the bot sends are saved and shown by name and path.
 */
const { values } = parseArgs({
  options: { as: { type: "string", default: "citizen" }, user: { type: "string" }, name: { type: "string" } },
});
const config = loadConfigOrExit();
if (!config.emulator) {
  console.error("npm run chat talks to the local emulator; with bot tokens set, use Telegram itself.");
  process.exit(2);
}
if (values.as !== "citizen" && values.as !== "staff") {
  console.error('--as must be "citizen" or "staff"');
  process.exit(2);
}
const userId = Number(values.user ?? (values.as === "staff" ? 900001 : 10001));
if (!Number.isSafeInteger(userId) || userId <= 0) {
  console.error("--user must be a positive number (a Telegram user id in the emulator)");
  process.exit(2);
}
const token = values.as === "staff" ? config.staffToken : config.citizenToken;
const user = new EmulatorUser(config.apiRoot, token, userId, values.name ?? `User${userId}`);
let lastWithButtons: BotMessage | undefined;
/** Where the bot's photos and documents are saved, so they can be opened. */
const downloads = join(tmpdir(), "minsheng-chat", String(userId));

// What each message showed when last printed: staff cards are edited in place, and are printed again when they change.
const shown = new Map<number, string>();

async function show(m: BotMessage, edited = false): Promise<void> {
  shown.set(m.messageId, JSON.stringify([m.text, m.buttons]));
  const mark = edited ? "✏️  (edited)" : "🤖";
  if (m.media) {
    const name = basename(m.media.fileName ?? `photo-${m.messageId}.jpg`);
    let where: string;
    try {
      mkdirSync(downloads, { recursive: true });
      where = join(downloads, `${m.messageId}-${name}`);
      writeFileSync(where, await user.download(m.media));
    } catch (err) {
      where = `(not downloaded: ${(err as Error).message})`;
    }
    console.log(`\n${mark} ${m.media.kind === "photo" ? "🖼" : "📎"} ${name} (${(m.media.size / 1024).toFixed(1)} KB) → ${where}${m.text ? `\n   ${m.text}` : ""}`);
  } else {
    console.log(`\n${mark} ${m.text}`);
  }
  const buttons = m.buttons.flat();
  if (buttons.length) {
    lastWithButtons = m;
    console.log(buttons.map((b, i) => `  [#${i + 1}] ${b.text}`).join(""));
  }
}

async function pollForever(): Promise<void> {
  for (;;) {
    try {
      for (const m of await user.poll()) await show(m);
      for (const m of await user.chat()) {
        const before = shown.get(m.messageId);
        if (before !== undefined && before !== JSON.stringify([m.text, m.buttons])) await show(m, true);
      }
    } catch {
      console.error(`(cannot reach the emulator at ${config.apiRoot}: is npm start running?)`);
      await new Promise((r) => setTimeout(r, 3000));
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

console.log(`Chatting with the ${values.as} bot as user ${userId} via ${config.apiRoot}.`);
console.log(values.as === "citizen" ? "Try /start, then /new." : "Cards arrive here; press their buttons with #1, #2 …");
const rl = createInterface({ input: process.stdin, output: process.stdout });
rl.on("line", async (line) => {
  const text = line.trim();
  try {
    if (!text) return;
    if (text === ":quit") process.exit(0);
    const media = /^:(photo|file)(?:\s+(\S+))?(?:\s+(.+))?$/.exec(text);
    if (media) {
      const [, kind, path, caption] = media;
      if (kind === "photo") {
        await user.sendPhoto(path ? readFileSync(resolve(path)) : `photo-${Date.now()}`, caption);
        return console.log(`(photo sent${path ? `: ${path}` : ""})`);
      }
      if (!path) return console.log("(usage: :file <path> [caption])");
      await user.sendDocument(readFileSync(resolve(path)), basename(path), caption);
      return console.log(`(file sent: ${basename(path)})`);
    }
    const press = /^#(\d+)$/.exec(text);
    if (press) {
      const button = lastWithButtons?.buttons.flat()[Number(press[1]) - 1];
      if (!lastWithButtons || !button) return console.log("(no such button on the last message with buttons)");
      return await user.pressData(lastWithButtons.messageId, button.data);
    }
    await user.send(text);
  } catch (err) {
    console.error(`(not sent: ${(err as Error).message})`);
  }
});
void pollForever();
