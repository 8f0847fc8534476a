/**
 * Prints how the emergency detector does on the labelled table of citizens' messages
 * (tests/fixtures/emergency-table.ts, scored by emergency-score.ts): precision and recall of "emergency", and every row it gets wrong.
 */
import { scoreEmergencyTable } from "../tests/fixtures/emergency-score.js";

const s = scoreEmergencyTable();
console.log(`messages        ${s.rows} (${s.emergencies} emergencies)`);
console.log(`recall          ${s.recall.toFixed(3)}  (target 1.000; missed ${s.falseNegatives})`);
console.log(`precision       ${s.precision.toFixed(3)}  (target ≥ 0.900; false alarms ${s.falsePositives})`);
console.log(`numbers         ${s.numbersCovered}/${s.emergencies} emergencies told every number they need`);
for (const w of s.wrong) console.log(`  ${w.label.padEnd(9)} ${w.text}  →  ${w.detected}`);
process.exitCode = s.recall === 1 && s.precision >= 0.9 ? 0 : 1;
