import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { kpiTargets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { fiscalYearOf, todayInJst } from "@/lib/format/fiscal-year";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { runAction } from "@/lib/authz/action";
import { savePdcaNote } from "@/lib/kpi/save-pdca-note";
import { handleKpiWorkbookRequest } from "./download";
import { getMeetingSummaryForActor } from "./summary";

describe.each(TEST_ENGINES)("meeting reports: the .xlsx KPI table and the one-page summary (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let people: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  const fy = fiscalYearOf(todayInJst());

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    ({ actors: people } = await seedNetwork(f));
    await t.db.insert(kpiTargets).values({ fiscalYear: fy, scopeKind: "block", scopeRef: "chubu", metric: "consultations", targetValue: 320, setByUserId: people.bureauManager.userId });
    const company = await f.company({ name: "株式会社能登製作所", prefecture: 17 });
    const kase = await f.case({ company, lead: people.ishikawaCoordinator, stage: "accompanying" });
    await f.activity(kase, people.ishikawaCoordinator);
    await f.activity(kase, people.ishikawaCoordinator);
    await runAction(
      savePdcaNote,
      { fiscalYear: fy, scopeKind: "block", scopeRef: "chubu", quarter: 1, baseRevision: 0, plan: "伴走先を増やす", do: "訪問", check: "", act: "" },
      { actorUserId: people.bureauManager.userId, db: t.db },
    );
  });
  afterAll(() => t.cleanup());

  const download = (actor: Actor | null, query: string, cookie = "") =>
    handleKpiWorkbookRequest(new Request(`http://localhost/api/v1/reports/kpi?${query}`, { headers: { cookie } }), {
      actorUserId: actor?.userId ?? null,
      db: t.db,
    });

  it("is an Excel workbook with the KPI table as numbers and the PDCA history", async () => {
    const response = await download(people.bureauManager, `fy=${fy}&scope=block&ref=chubu`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("kpi_中部ブロック_")}`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet("KPI")!;
    expect(sheet.getCell("A1").value).toContain("中部ブロック");
    const rows = sheet.getSheetValues().slice(5) as unknown[][];
    const consultations = rows.find((r) => r[1] === "相談件数（支援記録）")!;
    // [metric, unit, target, actual, progress %, status, previous, change, set by]
    expect(consultations.slice(1, 6)).toEqual(["相談件数（支援記録）", "件", 320, 2, 0.6]);
    expect(consultations[9]).toBe("中部局 室長");
    expect(rows).toHaveLength(9);
    const pdca = workbook.getWorksheet("PDCA")!;
    expect(pdca.getRow(2).values).toEqual(expect.arrayContaining(["第1四半期", 1, "伴走先を増やす", "訪問"]));
  });

  it("follows the language cookie", async () => {
    const response = await download(people.bureauManager, `fy=${fy}&scope=block&ref=chubu`, "NEXT_LOCALE=en");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.getWorksheet("KPI")!.getCell("A1").value).toContain("Chubu block");
  });

  it("answers 401 signed out, 404 for a scope the actor may not see, 400 for a malformed query", async () => {
    expect((await download(null, `fy=${fy}&scope=block&ref=chubu`)).status).toBe(401);
    const hidden = await download(people.bureauManager, `fy=${fy}&scope=block&ref=kinki`);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await download(people.ishikawaCoordinator, `fy=${fy}&scope=block&ref=chubu`)).status).toBe(404);
    expect((await download(people.admin, `fy=${fy}&scope=national`)).status).toBe(404);
    expect((await download(people.bureauManager, `fy=1900&scope=block&ref=chubu`)).status).toBe(400);
  });

  it("summarizes a scope for the meeting in counts, with the latest PDCA note", async () => {
    const summary = await getMeetingSummaryForActor(t.db, people.bureauManager, { kind: "block", ref: "chubu" }, fy);
    expect(summary!.casesByStage.find((s) => s.stage === "accompanying")!.count).toBe(1);
    expect(summary!.pdca).toMatchObject({ quarter: 1, revision: 1, plan: "伴走先を増やす" });
    expect(summary!.kpi.rows.find((r) => r.spec.key === "consultations")).toMatchObject({ actual: 2, target: { value: 320 } });
    expect(await getMeetingSummaryForActor(t.db, people.toyamaCoordinator, { kind: "block", ref: "chubu" }, fy)).toBeNull();
  });
});
