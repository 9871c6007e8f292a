// Notifications end to end on both databases: a real SMTP server (smtp-server) and a webhook
// receiver (node:http) in this process, on loopback, and engines on a virtual clock.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { claimNotification, recordAttempt } from "@/lib/server/alerts/delivery";
import type { NotificationConfig } from "@/lib/server/alerts/notification-config";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { VirtualClock } from "@/lib/server/engine/clock";
import { instantMover } from "@/lib/server/engine/data-mover";
import { createEngine, type Engine } from "@/lib/server/engine/engine";
import { newLease } from "@/lib/server/engine/runner";
import {
  addSuppressionWindow,
  addWebhook,
  getNotificationSettings,
  listDeliveries,
  removeWebhook,
  updateNotificationSettings,
} from "@/lib/server/services/notification-settings";
import { backupNow, configureBackup } from "@/lib/server/services/protection";
import { createVault } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";

const ACTOR = systemActor("admin@contoso.com");
const OPTIONS = { onTimeMs: 90_000, graceMs: 60 * 60_000, concurrency: 2 };
const PORTAL = "http://portal.test";
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
let sequence = 0;

// The mail server: every message it accepts, parsed.
type Inbox = { url: string; mails: ParsedMail[]; close: () => Promise<void> };
async function startSmtp(): Promise<Inbox> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// The webhook receiver: every request, and per path the statuses to answer (200 when none is left).
type Received = { path: string; headers: IncomingHttpHeaders; body: string; answered: number };
type Receiver = {
  url: string;
  requests: Received[];
  answers: Map<string, number[]>;
  /** Paths whose requests are held unanswered until the test closes the receiver. */
  holding: Set<string>;
  close: () => Promise<void>;
};
async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  const answers = new Map<string, number[]>();
  const holding = new Set<string>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      if (holding.has(path)) {
        requests.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString(), answered: 0 });
        return;
      }
      const status = answers.get(path)?.shift() ?? 200;
      requests.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString(), answered: status });
      response.writeHead(status, { "content-type": "text/plain" });
      response.end(status === 200 ? "ok" : `receiver error ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answers,
    holding,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function verifySignature(request: Received, secret: string): boolean {
  const timestamp = String(request.headers["x-vaultportal-timestamp"]);
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${request.body}`).digest("hex")}`;
  const given = String(request.headers["x-vaultportal-signature"]);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

let inbox: Inbox;
let receiver: Receiver;
beforeAll(async () => {
  [inbox, receiver] = await Promise.all([startSmtp(), startReceiver()]);
});
afterAll(async () => {
  await Promise.all([inbox?.close(), receiver?.close()]);
});

const mailsTo = (address: string) => inbox.mails.filter((mail) => mail.to && JSON.stringify(mail.to).includes(address));
const requestsTo = (path: string) => receiver.requests.filter((request) => request.path === path);

describeOnDatabases("notifications", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  function engineAt(clock: VirtualClock, config: Partial<NotificationConfig> = {}, leaseMs = 120_000): Engine {
    return createEngine({
      db,
      clock,
      mover: instantMover,
      options: OPTIONS,
      lease: newLease(leaseMs),
      notifications: {
        portalUrl: PORTAL,
        smtpUrl: inbox.url,
        mailFrom: "Vault Portal <portal@contoso.test>",
        ...config,
      },
    });
  }

  /** A vault with `vms` protected VMs that were deleted without stopping protection: their backups fail. */
  async function failingEstate(now: Date, vms = 1) {
    const tag = ++sequence;
    const vault = await createVault(
      db,
      {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-notify",
        name: `vault-notify-${tag}`,
        location: "westeurope",
      },
      ACTOR,
    );
    if (!vault.ok) throw new Error(vault.message);
    const vaultId = vault.data.id;
    const policy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId, backupManagementType: "AzureIaasVM" } });
    const items: Array<{ itemId: string; vmName: string }> = [];
    for (let index = 0; index < vms; index++) {
      const vm = await db.virtualMachine.create({
        data: {
          subscriptionId: "11111111-2222-4333-8444-555555555555",
          resourceGroup: "rg-notify",
          name: `legacy-app-${tag}-${index}`,
          location: "westeurope",
          osType: "Linux",
          sizeGb: 32,
          dailyChangeRatePercent: 2,
        },
      });
      const configured = await configureBackup(
        db,
        { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: policy.id },
        ACTOR,
        now,
      );
      if (!configured.ok) throw new Error(configured.message);
      await db.virtualMachine.update({ where: { id: vm.id }, data: { deletedAt: now } });
      items.push({ itemId: configured.data.itemIds[0]!, vmName: vm.name });
    }
    return { tag, vaultId, vaultName: vault.data.name, items };
  }

  async function fail(vaultId: string, itemId: string, now: Date) {
    const queued = await backupNow(
      db,
      { vaultId, itemId, retainUntil: new Date(now.getTime() + 30 * 86_400_000) },
      ACTOR,
      now,
    );
    if (!queued.ok) throw new Error(queued.message);
    return queued.data.jobId;
  }

  async function settle(engine: Engine) {
    const tick = await engine.tick();
    await tick.runs;
    return tick.notified;
  }

  it("a failed VM backup reaches the inbox and the webhook within the tick it failed in, once, with the error and a link to the job", async () => {
    const clock = new VirtualClock(new Date("2026-03-02T09:00:00Z"));
    const { tag, vaultId, vaultName, items } = await failingEstate(clock.now());
    const address = `ops-${tag}@contoso.com`;
    const saved = await updateNotificationSettings(
      db,
      { vaultId, emailRecipients: [address], frequency: "PerAlert", severities: ["Sev0", "Sev1"], dailySummary: false },
      ACTOR,
    );
    expect(saved.ok).toBe(true);
    const hook = await addWebhook(db, { vaultId, url: `${receiver.url}/hook/${tag}` }, ACTOR);
    if (!hook.ok) throw new Error(hook.message);
    expect(hook.data.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    // The secret is shown once: reading the settings gives the URL, never the secret.
    const settings = await getNotificationSettings(db, vaultId, ACTOR);
    expect(JSON.stringify(settings)).not.toContain(hook.data.secret);

    const engine = engineAt(clock);
    const jobId = await fail(vaultId, items[0]!.itemId, clock.now());
    await settle(engine);
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
      status: "Failed",
      errorCode: "UserErrorVmNotFoundV2",
    });

    const mails = mailsTo(address);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(`[Vault Portal] Sev1 Backup failure: ${items[0]!.vmName} in vault ${vaultName}`);
    expect(mail.from?.text).toContain("portal@contoso.test");
    expect(mail.text).toContain(`Vault: ${vaultName}`);
    expect(mail.text).toContain(`Item: ${items[0]!.vmName}`);
    expect(mail.text).toContain("Error code: UserErrorVmNotFoundV2");
    expect(mail.text).toContain(`${PORTAL}/vaults/${vaultId}/jobs/${jobId}`);
    const alert = await db.alert.findFirstOrThrow({ where: { vaultId } });
    expect(mail.text).toContain(`${PORTAL}/vaults/${vaultId}/alerts/${alert.id}`);

    const posts = requestsTo(`/hook/${tag}`);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers["content-type"]).toBe("application/json");
    expect(verifySignature(posts[0]!, hook.data.secret)).toBe(true);
    expect(verifySignature(posts[0]!, "whsec_wrong")).toBe(false);
    const payload = JSON.parse(posts[0]!.body);
    expect(payload).toMatchObject({
      schemaId: "azureMonitorCommonAlertSchema",
      data: {
        essentials: {
          severity: "Sev1",
          monitorCondition: "Fired",
          monitoringService: "Azure Backup",
          signalType: "Log",
        },
        alertContext: {
          item: items[0]!.vmName,
          errorCode: "UserErrorVmNotFoundV2",
          links: { job: `${PORTAL}/vaults/${vaultId}/jobs/${jobId}` },
        },
      },
    });
    const notifications = await db.notification.findMany({ where: { vaultId }, include: { attemptLog: true } });
    expect(notifications.map((n) => [n.channel, n.status, n.attempts, n.attemptLog.length]).sort()).toEqual([
      ["Email", "Delivered", 1, 1],
      ["Webhook", "Delivered", 1, 1],
    ]);
    expect(posts[0]!.headers["x-vaultportal-delivery"]).toBe(notifications.find((n) => n.channel === "Webhook")!.id);
    const log = await listDeliveries(db, vaultId, ACTOR);
    if (!log.ok) throw new Error(log.message);
    expect(log.data.find((entry) => entry.channel === "Webhook")!.attemptLog[0]).toMatchObject({
      succeeded: true,
      statusCode: 200,
      response: "ok",
    });
    expect(log.data.find((entry) => entry.channel === "Email")!.attemptLog[0]!.response).toMatch(/^250/);

    // The next failures count on the open alert: no new notification.
    clock.advance(10 * MINUTE);
    await fail(vaultId, items[0]!.itemId, clock.now());
    await settle(engine);
    clock.advance(MINUTE);
    await settle(engine);
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ occurrences: 2 });
    expect(mailsTo(address)).toHaveLength(1);
    expect(requestsTo(`/hook/${tag}`)).toHaveLength(1);
  });

  it("a vault without notification settings: its alerts are marked notified, nothing is sent", async () => {
    const clock = new VirtualClock(new Date("2026-03-03T09:00:00Z"));
    const { vaultId, items } = await failingEstate(clock.now());
    await fail(vaultId, items[0]!.itemId, clock.now());
    await settle(engineAt(clock));
    const alert = await db.alert.findFirstOrThrow({ where: { vaultId } });
    expect(alert.notifiedAt).toEqual(clock.now());
    expect(await db.notification.count({ where: { vaultId } })).toBe(0);
  });

  it("a 500 is retried with backoff; an engine that dies holding the claim mid-retry neither loses nor duplicates the delivery", async () => {
    const clock = new VirtualClock(new Date("2026-03-04T09:00:00Z"));
    const { tag, vaultId, items } = await failingEstate(clock.now());
    await updateNotificationSettings(
      db,
      { vaultId, emailRecipients: [], frequency: "PerAlert", severities: ["Sev1"], dailySummary: false },
      ACTOR,
    );
    const path = `/hook/${tag}`;
    const hook = await addWebhook(db, { vaultId, url: `${receiver.url}${path}` }, ACTOR);
    if (!hook.ok) throw new Error(hook.message);
    receiver.answers.set(path, [500]);

    const first = engineAt(clock);
    await fail(vaultId, items[0]!.itemId, clock.now());
    await settle(first);
    const failedOnce = await db.notification.findFirstOrThrow({ where: { vaultId } });
    expect(failedOnce).toMatchObject({
      status: "Pending",
      attempts: 1,
      claimedBy: null,
      lastError: "receiver error 500",
    });
    expect(failedOnce.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 30 * SECOND));

    // Not before its time.
    clock.advance(20 * SECOND);
    await settle(first);
    expect(requestsTo(path)).toHaveLength(1);

    // Due: the first engine claims it and dies before sending (its claim held for its lease).
    clock.advance(15 * SECOND);
    const claimed = await claimNotification(db, failedOnce.id, clock, { engineId: "engine-killed", leaseMs: 120_000 });
    expect(claimed?.id).toBe(failedOnce.id);
    const restarted = engineAt(clock);
    await settle(restarted);
    expect(requestsTo(path)).toHaveLength(1);
    // Its lease runs out: the new engine takes it over and delivers it.
    clock.advance(121 * SECOND);
    await settle(restarted);
    const posts = requestsTo(path);
    expect(posts.map((post) => post.answered)).toEqual([500, 200]);
    expect(new Set(posts.map((post) => post.headers["x-vaultportal-delivery"]))).toEqual(new Set([failedOnce.id]));
    expect(posts.every((post) => verifySignature(post, hook.data.secret))).toBe(true);
    // The dead engine's late answer is not written: the claim is no longer its own.
    expect(
      await recordAttempt(
        db,
        claimed!,
        { engineId: "engine-killed", leaseMs: 120_000 },
        { succeeded: true, statusCode: 200, response: "late" },
        clock.now(),
        5,
      ),
    ).toBe("claimLost");
    const delivered = await db.notification.findUniqueOrThrow({
      where: { id: failedOnce.id },
      include: { attemptLog: { orderBy: { at: "asc" } } },
    });
    expect(delivered).toMatchObject({ status: "Delivered", attempts: 2, claimedBy: null, deliveredAt: clock.now() });
    expect(delivered.attemptLog.map((attempt) => [attempt.succeeded, attempt.statusCode])).toEqual([
      [false, 500],
      [true, 200],
    ]);
    clock.advance(HOUR);
    await settle(restarted);
    expect(requestsTo(path)).toHaveLength(2);
  });

  it("a receiver that keeps failing is given up 24 hours after the notification was planned", async () => {
    const clock = new VirtualClock(new Date("2026-03-05T09:00:00Z"));
    const { tag, vaultId, items } = await failingEstate(clock.now());
    await updateNotificationSettings(
      db,
      {
        vaultId,
        emailRecipients: [`nobody-${tag}@contoso.com`],
        frequency: "PerAlert",
        severities: ["Sev1"],
        dailySummary: false,
      },
      ACTOR,
    );
    const path = `/hook/${tag}`;
    await addWebhook(db, { vaultId, url: `${receiver.url}${path}` }, ACTOR);
    receiver.answers.set(
      path,
      Array.from({ length: 100 }, () => 503),
    );
    // No SMTP server configured: the e-mail's attempts say so.
    const engine = engineAt(clock, { smtpUrl: null });
    await fail(vaultId, items[0]!.itemId, clock.now());
    await settle(engine);
    const email = await db.notification.findFirstOrThrow({ where: { vaultId, channel: "Email" } });
    const created = email.createdAt;
    expect(email.lastError).toMatch(/^SMTP_URL is not set/);
    // Each attempt at its time, until none is left.
    for (let rounds = 0; rounds < 100; rounds++) {
      const next = await db.notification.findFirst({
        where: { vaultId, status: "Pending" },
        orderBy: { nextAttemptAt: "asc" },
      });
      if (!next) break;
      clock.set(next.nextAttemptAt);
      await engine.notify();
    }
    const gaveUp = await db.notification.findMany({
      where: { vaultId },
      include: { _count: { select: { attemptLog: true } } },
    });
    expect(gaveUp.map((n) => n.status)).toEqual(["Failed", "Failed"]);
    for (const notification of gaveUp) {
      // Backoff from 30 s doubling up to an hour, the last at 24 h after it was planned.
      expect(notification._count.attemptLog).toBe(31);
      expect(notification.nextAttemptAt).toEqual(new Date(created.getTime() + 24 * HOUR));
    }
    expect(mailsTo(`nobody-${tag}@contoso.com`)).toHaveLength(0);
  });

  it("two engines ticking at once send each notification once", async () => {
    const clock = new VirtualClock(new Date("2026-03-06T09:00:00Z"));
    const { tag, vaultId, items } = await failingEstate(clock.now(), 5);
    const address = `twice-${tag}@contoso.com`;
    await updateNotificationSettings(
      db,
      { vaultId, emailRecipients: [address], frequency: "PerAlert", severities: ["Sev1"], dailySummary: false },
      ACTOR,
    );
    const path = `/hook/${tag}`;
    await addWebhook(db, { vaultId, url: `${receiver.url}${path}` }, ACTOR);
    const engines = [engineAt(clock), engineAt(clock), engineAt(clock)];
    for (const { itemId } of items) await fail(vaultId, itemId, clock.now());
    await Promise.all(engines.map(settle));
    clock.advance(MINUTE);
    await Promise.all([...engines.map(settle), ...engines.map((engine) => engine.notify())]);
    expect(await db.alert.count({ where: { vaultId } })).toBe(5);
    const mails = mailsTo(address);
    expect(mails).toHaveLength(5);
    expect(new Set(mails.map((mail) => mail.subject)).size).toBe(5);
    const posts = requestsTo(path);
    expect(posts).toHaveLength(5);
    expect(new Set(posts.map((post) => post.headers["x-vaultportal-delivery"])).size).toBe(5);
    expect(await db.notification.count({ where: { vaultId, status: "Delivered" } })).toBe(10);
  });

  it("alerts fired in a suppression window are logged as Suppressed and not sent", async () => {
    const clock = new VirtualClock(new Date("2026-03-07T09:00:00Z"));
    const { tag, vaultId, items } = await failingEstate(clock.now());
    const address = `quiet-${tag}@contoso.com`;
    await updateNotificationSettings(
      db,
      {
        vaultId,
        emailRecipients: [address],
        frequency: "PerAlert",
        severities: ["Sev0", "Sev1", "Sev2"],
        dailySummary: false,
      },
      ACTOR,
    );
    const path = `/hook/${tag}`;
    await addWebhook(db, { vaultId, url: `${receiver.url}${path}` }, ACTOR);
    const window = await addSuppressionWindow(
      db,
      {
        vaultId,
        name: "Patch Tuesday",
        startsAt: new Date(clock.now().getTime() - HOUR),
        endsAt: new Date(clock.now().getTime() + HOUR),
      },
      ACTOR,
      clock.now(),
    );
    expect(window.ok).toBe(true);
    const engine = engineAt(clock);
    await fail(vaultId, items[0]!.itemId, clock.now());
    await settle(engine);
    clock.advance(2 * HOUR);
    await settle(engine);
    const rows = await db.notification.findMany({ where: { vaultId } });
    expect(rows.map((row) => [row.channel, row.status]).sort()).toEqual([
      ["Email", "Suppressed"],
      ["Webhook", "Suppressed"],
    ]);
    expect(rows[0]!.lastError).toContain("Patch Tuesday");
    expect(mailsTo(address)).toHaveLength(0);
    expect(requestsTo(path)).toHaveLength(0);
    // The alert itself still fired.
    expect(await db.alert.count({ where: { vaultId, condition: "Fired" } })).toBe(1);
  });

  it("an hourly digest batches the hour's alerts into one message per recipient", async () => {
    const clock = new VirtualClock(new Date("2026-03-08T10:05:00Z"));
    const { tag, vaultId, vaultName, items } = await failingEstate(clock.now(), 3);
    const addresses = [`digest-a-${tag}@contoso.com`, `digest-b-${tag}@contoso.com`];
    await updateNotificationSettings(
      db,
      {
        vaultId,
        emailRecipients: addresses,
        frequency: "HourlyDigest",
        severities: ["Sev0", "Sev1"],
        dailySummary: false,
      },
      ACTOR,
    );
    const path = `/hook/${tag}`;
    await addWebhook(db, { vaultId, url: `${receiver.url}${path}` }, ACTOR);
    const engine = engineAt(clock);
    for (const { itemId } of items) await fail(vaultId, itemId, clock.now());
    await settle(engine);
    clock.advance(20 * MINUTE);
    await settle(engine);
    expect(await db.alert.count({ where: { vaultId } })).toBe(3);
    expect(mailsTo(addresses[0]!)).toHaveLength(0);

    clock.set(new Date("2026-03-08T11:00:30Z"));
    await Promise.all([settle(engine), settle(engineAt(clock))]);
    for (const address of addresses) {
      const mails = mailsTo(address);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe(
        `[Vault Portal] 3 alerts in vault ${vaultName} before 3/8/2026, 11:00 AM UTC (worst Sev1)`,
      );
      for (const { vmName } of items) expect(mails[0]!.text).toContain(`Item: ${vmName}`);
    }
    const posts = requestsTo(path);
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!.body)).toMatchObject({ schemaId: "vaultPortalDigest", data: { count: 3 } });
    clock.advance(10 * MINUTE);
    await settle(engine);
    expect(mailsTo(addresses[0]!)).toHaveLength(1);
  });

  it("the daily summary is off by default; on, it goes once a day with the previous day's Backup jobs", async () => {
    const clock = new VirtualClock(new Date("2026-03-10T09:00:00Z"));
    const { tag, vaultId, vaultName, items } = await failingEstate(clock.now());
    const address = `daily-${tag}@contoso.com`;
    const settings = { vaultId, emailRecipients: [address], frequency: "PerAlert" as const, severities: [] };
    await updateNotificationSettings(db, { ...settings, dailySummary: false }, ACTOR);
    const engine = engineAt(clock);
    await fail(vaultId, items[0]!.itemId, clock.now());
    await settle(engine);
    clock.set(new Date("2026-03-11T00:01:00Z"));
    await settle(engine);
    expect(await db.notification.count({ where: { vaultId, kind: "DailySummary" } })).toBe(0);

    expect((await updateNotificationSettings(db, { ...settings, dailySummary: true }, ACTOR)).ok).toBe(true);
    // An engine looks for summaries due at its first pass of each hour.
    clock.set(new Date("2026-03-11T00:05:00Z"));
    await settle(engine);
    expect(await db.notification.count({ where: { vaultId, kind: "DailySummary" } })).toBe(0);
    clock.set(new Date("2026-03-11T01:00:30Z"));
    await Promise.all([settle(engine), settle(engineAt(clock))]);
    clock.set(new Date("2026-03-11T13:00:00Z"));
    await settle(engine);
    const failed = await db.job.count({
      where: {
        vaultId,
        operation: "Backup",
        status: "Failed",
        startTime: { gte: new Date("2026-03-10T00:00:00Z"), lt: new Date("2026-03-11T00:00:00Z") },
      },
    });
    expect(failed).toBeGreaterThan(0);
    let mails = mailsTo(address);
    expect(mails.map((mail) => mail.subject)).toEqual([
      `[Vault Portal] Daily backup summary for vault ${vaultName}, 2026-03-10: 0 completed, 0 with warnings, ${failed} failed`,
    ]);
    clock.set(new Date("2026-03-12T00:02:00Z"));
    await settle(engine);
    mails = mailsTo(address);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toContain(", 2026-03-11: ");
    // Severities chosen: none, so no per-alert message went meanwhile.
    expect(await db.notification.count({ where: { vaultId, kind: "Alert" } })).toBe(0);
  });

  it("settings: invalid input gets field errors and changes nothing; Readers and Operators are refused with their role", async () => {
    const clock = new VirtualClock(new Date("2026-03-13T09:00:00Z"));
    const { tag, vaultId } = await failingEstate(clock.now());
    const valid = {
      vaultId,
      emailRecipients: [`ok-${tag}@contoso.com`],
      frequency: "PerAlert" as const,
      severities: ["Sev1" as const],
      dailySummary: false,
    };
    expect((await updateNotificationSettings(db, valid, ACTOR)).ok).toBe(true);
    const hook = await addWebhook(db, { vaultId, url: "https://hooks.example.com/services/T000/B000/XXXX" }, ACTOR);
    expect(hook.ok).toBe(true);
    const state = async () => ({
      settings: await db.notificationSettings.findUnique({ where: { vaultId } }),
      webhooks: await db.webhook.findMany({ where: { vaultId }, orderBy: { id: "asc" } }),
      windows: await db.suppressionWindow.findMany({ where: { vaultId } }),
    });
    const before = await state();

    const badEmails = await updateNotificationSettings(
      db,
      { ...valid, emailRecipients: ["ok@contoso.com", "not-an-address"], frequency: "Weekly" as never },
      ACTOR,
    );
    expect(badEmails).toMatchObject({
      ok: false,
      code: "BadRequest",
      fieldErrors: { "emailRecipients.1": [expect.stringMatching(/valid e-mail/)], frequency: [expect.any(String)] },
    });
    const tooMany = await updateNotificationSettings(
      db,
      { ...valid, emailRecipients: Array.from({ length: 21 }, (_, index) => `r${index}@contoso.com`) },
      ACTOR,
    );
    expect(tooMany).toMatchObject({ ok: false, fieldErrors: { emailRecipients: ["At most 20 e-mail recipients."] } });
    expect(await addWebhook(db, { vaultId, url: "ftp://files.example.com/x" }, ACTOR)).toMatchObject({
      ok: false,
      fieldErrors: { url: ["Enter an http:// or https:// URL."] },
    });
    const now = clock.now().getTime();
    expect(
      await addSuppressionWindow(
        db,
        { vaultId, name: "backwards", startsAt: new Date(now + HOUR), endsAt: new Date(now) },
        ACTOR,
        clock.now(),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { endsAt: ["The window ends after it starts."] } });
    expect(
      await addSuppressionWindow(
        db,
        { vaultId, name: "forever", startsAt: new Date(now), endsAt: new Date(now + 91 * 24 * HOUR) },
        ACTOR,
        clock.now(),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { endsAt: ["A window lasts at most 90 days."] } });
    expect(await state()).toEqual(before);

    const actors: Record<string, Actor> = {};
    for (const role of ["Reader", "Operator"] as const) {
      const user = await db.user.create({
        data: { id: `notify-${role}-${tag}`, name: role, email: `${role.toLowerCase()}-${tag}@rbac.test` },
      });
      await db.vaultRoleAssignment.create({ data: { userId: user.id, vaultId, role } });
      actors[role] = { userId: user.id, email: user.email, name: user.name, isOwner: false };
    }
    for (const [role, actor] of Object.entries(actors)) {
      const reason = `You have the Backup ${role} role: it takes Backup Contributor or higher to change who is notified of alerts.`;
      const refusals = [
        await updateNotificationSettings(db, { ...valid, emailRecipients: [] }, actor),
        await addWebhook(db, { vaultId, url: "https://evil.example.com/" }, actor),
        await removeWebhook(db, { vaultId, webhookId: hook.ok ? hook.data.id : "" }, actor),
        await addSuppressionWindow(
          db,
          { vaultId, name: "quiet", startsAt: new Date(now), endsAt: new Date(now + HOUR) },
          actor,
          clock.now(),
        ),
      ];
      for (const refused of refusals)
        expect(refused).toEqual({ ok: false, code: "AuthorizationFailed", message: reason });
      // They may read the settings, without the webhook's full URL (it often carries a token).
      const read = await getNotificationSettings(db, vaultId, actor);
      expect(read).toMatchObject({
        ok: true,
        data: { emailRecipients: [`ok-${tag}@contoso.com`], webhooks: [{ url: "https://hooks.example.com/…" }] },
      });
    }
    expect(await state()).toEqual(before);
    expect(
      await db.activityLogEntry.count({
        where: { vaultId, result: "Denied", operation: { in: ["Change notification settings", "Add webhook"] } },
      }),
    ).toBe(4);
    expect(
      await db.activityLogEntry.count({
        where: { vaultId, result: "Succeeded", operation: "Change notification settings" },
      }),
    ).toBe(1);
    // Someone without a role on the vault can't even read them.
    const stranger = { userId: "nobody", email: "nobody@rbac.test", name: "nobody", isOwner: false };
    expect(await getNotificationSettings(db, vaultId, stranger)).toMatchObject({
      ok: false,
      code: "AuthorizationFailed",
    });
    expect(await listDeliveries(db, vaultId, stranger)).toMatchObject({ ok: false, code: "AuthorizationFailed" });
  });
});
