const FMT = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** A moment as read in Beijing time, "2026-11-20 10:00", whatever the server's TZ. */
export function shanghaiTime(at: Date | null | undefined): string {
  return at ? FMT.format(at) : "—";
}
