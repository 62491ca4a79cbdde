import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { agencies, notices, users } from "~/db/schema";
import { ZCreateNotice, type NoticeFormValues } from "~/schemas/notices";
import { createSession, endSession, loadViewer, type Viewer } from "~/server/auth/sessions";
import { linkNotices } from "~/server/services/notices/links";
import { releaseNotice, retractNotice } from "~/server/services/notices/steps";
import { createNotice } from "~/server/services/notices/write";

// Demo notices go through the notices service, exactly as a user's form does, so they are built,
// checked and audited like real ones. The service writes through the application's connection
// (db/index), hence these seeds use it too rather than a connection passed in.

/**
 * A fixed UUID for a seeded record (name-based, RFC 4122 version 5 layout): a re-run sends the
 * same idempotency key and the service answers with the notice the first run created.
 */
export function seedKey(name: string): string {
  const hash = createHash("sha1").update(`tianshan-seed:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Acts as a demo user through a real server-side session, loaded as a request would load it;
 * the session is ended afterwards, so seeding leaves no session behind.
 */
export async function asUser<T>(email: string, act: (viewer: Viewer) => Promise<T>): Promise<T> {
  const [user] = await db
    .select({ id: users.id, sessionVersion: users.sessionVersion })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  if (!user) throw new Error(`${email} is missing: seed the demo users first`);
  const sessionId = await createSession({ userId: user.id, sessionVersion: user.sessionVersion, ip: null, userAgent: "demo seed", mfaVerified: true });
  try {
    const viewer = await loadViewer(sessionId);
    if (!viewer) throw new Error(`${email} cannot sign in (inactive user or agency?)`);
    return await act(viewer);
  } finally {
    await endSession(sessionId);
  }
}

type Posted = { id: string; created: boolean };

/**
 * Creates a notice through the service under a fixed idempotency key, unless its author has one
 * under that key already. The seed's dates are relative to today, so a run on a later day sends
 * other content under the same key, which the service rightly refuses as not a retry: a notice
 * that exists is left as it is. `publishedAt` moves the publication of a notice created just now
 * to when it would have happened, so the feed orders seeded notices by their story rather than by
 * the second the seed ran.
 */
export async function postNotice(
  viewer: Viewer,
  key: string,
  notice: NoticeFormValues,
  options: { asDraft?: boolean; publishedAt?: Date } = {},
): Promise<Posted> {
  const [existing] = await db
    .select({ id: notices.id })
    .from(notices)
    .where(and(eq(notices.authorId, viewer.userId), eq(notices.idempotencyKey, seedKey(key))));
  if (existing) return { id: existing.id, created: false };
  const input = ZCreateNotice.parse({ idempotencyKey: seedKey(key), asDraft: options.asDraft ?? false, notice });
  const { id, status, created } = await createNotice({ viewer, input });
  if (created && status === "published" && options.publishedAt) await backdate(id, options.publishedAt);
  return { id, created };
}

async function backdate(id: string, publishedAt: Date) {
  await db.update(notices).set({ publishedAt }).where(eq(notices.id, id));
}

const DAY_MS = 86_400_000;

/** The UTC calendar date `days` before now. */
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
const inDays = (days: number) => daysAgo(-days);
/** Published some hours after the day it happened, never in the future. */
const publishedDaysAgo = (days: number) => new Date(Date.now() - Math.max(days - 0.6, 0.1) * DAY_MS);

const grading = (reliability: "A" | "B" | "C", credibility: 1 | 2 | 3) => ({ sourceReliability: reliability, infoCredibility: credibility });

/** The owner behind the series of front companies (as in the UNODC report): similar-company suggestions find him. */
const FRONT_OWNER = "Bakyt Osmonov (Бакыт Осмонов)";

type DemoNotice = {
  key: string;
  author: string;
  days: number;
  notice: (ctx: { recipients: Record<string, string> }) => NoticeFormValues;
  asDraft?: boolean;
  /** A chief of the author's agency releases it once posted. */
  releasedBy?: string;
  retract?: string;
};

const KG_ANALYST = "kg.analyst@example.org";
const KZ_OFFICER = "kz.officer@example.org";
const KZ_CHIEF = "kz.chief@example.org";
const CN_LIAISON = "cn.liaison@example.org";
export const COORDINATOR = "unodc.coordinator@example.org";

/**
 * Current notices between the demo agencies, of every kind and marking, so that each demo user
 * sees a different feed: GREEN and CLEAR for all, AMBER to a country or to agencies, AMBER+STRICT
 * to one agency, RED to one chief, one waiting for a chief's release, a draft and a retraction.
 */
const DEMO_NOTICES: DemoNotice[] = [
  {
    key: "torugart-seizure",
    author: KG_ANALYST,
    days: 9,
    notice: () => ({
      kind: "seizure",
      title: "2.4 t of acetic anhydride in barrels declared as paint thinner, Torugart",
      narrative:
        "A joint SBNON and customs inspection at Torugart found 11 steel barrels of a clear liquid with a sharp vinegar odour in a truck " +
        "declared as carrying **paint thinner** (HS 3814.00). The field test (Raman) was positive for acetic anhydride; laboratory " +
        "confirmation is pending.\n\nThe consignment left Kashgar and was declared for a trading company in Bishkek. Paint-thinner " +
        "labels had been glued over the original markings. The truck and trailer are held; the driver was detained.",
      occurredOn: daysAgo(9),
      occurredTime: "14:20",
      crossingId: "torugart",
      tags: ["acetic-anhydride", "misdeclaration", "barrels"],
      tlp: "green",
      ...grading("B", 2),
      handlingCode: "intelligence_only",
      items: [{ substanceId: "acetic-anhydride", description: "11 steel barrels of about 200 L", quantity: 2.4, unit: "t" }],
      concealment: "Paint-thinner labels glued over the original markings of the barrels",
      declaredAs: "paint thinner",
      declaredHsCode: "3814.00",
      conveyance: "truck",
      conveyanceIds: ["01KG482ABT", "01KG119AAP (trailer)"],
      originCountries: ["CN"],
      destinationCountries: ["KG"],
      seizingAgencyId: "kg-customs",
    }),
  },
  {
    key: "tian-shan-chemical",
    author: KG_ANALYST,
    days: 8,
    notice: () => ({
      kind: "company_alert",
      title: "Front company Tian Shan Chemical Trading LLC, consignee of misdeclared acetic anhydride",
      narrative:
        "Consignee named in the transport documents of the Torugart seizure. The registered address is a residential flat and the " +
        "director in the registry denies any involvement. Its owner registered two more trading companies within four months.",
      occurredOn: daysAgo(8),
      placeText: "Bishkek",
      countryCode: "KG",
      tags: ["front-company", "acetic-anhydride"],
      tlp: "amber",
      releaseCountryCodes: ["KZ"],
      ...grading("B", 2),
      handlingCode: "intelligence_only",
      names: [
        { script: "latin", name: "Tian Shan Chemical Trading LLC" },
        { script: "cyrillic", name: "ОсОО «Тянь-Шань Кемикал Трейдинг»" },
        { script: "chinese", name: "天山化工贸易有限责任公司" },
      ],
      registrationNumbers: ["214587-3301-OOO"],
      registrationCountryCode: "KG",
      addresses: ["Chui Avenue 219, office 14, Bishkek"],
      owners: [FRONT_OWNER],
      grounds: ["false_registration", "no_pre_export_notification", "linked_to_seizure"],
      groundsNote: "Shipments from China without any pre-export notification; registration data false.",
      recommendedAction:
        "Inspect every shipment consigned to or from this company and confirm the pre-export notification with the exporting country before release.",
      expiresOn: inDays(180 - 8),
    }),
  },
  {
    key: "ala-too-himprom",
    author: KG_ANALYST,
    days: 7,
    notice: () => ({
      kind: "company_alert",
      title: "Ala-Too Himprom LLC: chemical importer with false registration data",
      narrative: "Registered three months before Tian Shan Chemical Trading by the same owner, at an address that does not exist in Kara-Balta.",
      occurredOn: daysAgo(7),
      placeText: "Kara-Balta",
      countryCode: "KG",
      tags: ["front-company"],
      tlp: "green",
      ...grading("B", 3),
      handlingCode: "intelligence_only",
      names: [
        { script: "latin", name: "Ala-Too Himprom LLC" },
        { script: "cyrillic", name: "ОсОО «Ала-Тоо Химпром»" },
      ],
      registrationNumbers: ["198233-3300-OOO"],
      registrationCountryCode: "KG",
      addresses: ["Sovetskaya 57, Kara-Balta"],
      owners: [FRONT_OWNER],
      grounds: ["false_registration"],
      recommendedAction: "Check the end-user declaration of any chemical consignment to this company against the registry.",
      expiresOn: inDays(365 - 7),
    }),
  },
  {
    key: "torugart-arrest",
    author: KG_ANALYST,
    days: 8,
    notice: () => ({
      kind: "arrest",
      title: "Driver and organizer detained after the Torugart acetic anhydride seizure",
      narrative:
        "The driver was detained at the checkpoint on the day of the seizure. The organizer, owner of the consignee company, was " +
        "detained in Bishkek two days later when collecting the shipping documents. His telephone contacts include a freight forwarder " +
        "working through Khorgos: Kazakhstan customs is asked to check consignments of his companies through Dostyk and Khorgos.",
      occurredOn: daysAgo(8),
      crossingId: "torugart",
      tags: ["acetic-anhydride"],
      tlp: "amber_strict",
      releaseAgencyIds: ["kz-sgd-customs"],
      ...grading("A", 1),
      handlingCode: "no_further_dissemination",
      arrestingAgencyId: "kg-mvd-sbnon",
      arrestStatus: "detained",
      persons: [
        { names: { latin: "Nurbek Asanov", cyrillic: "Нурбек Асанов" }, nationalityCode: "KG", birthYear: 1986, role: "driver" },
        { names: { latin: "Bakyt Osmonov", cyrillic: "Бакыт Осмонов" }, nationalityCode: "KG", birthYear: 1971, role: "organizer" },
      ],
    }),
  },
  {
    key: "khorgos-source-report",
    author: KG_ANALYST,
    days: 4,
    notice: ({ recipients }) => ({
      kind: "company_alert",
      title: "Source reporting: transfer of acetic anhydride planned through the Khorgos free zone",
      narrative:
        "A human source reports that the company will receive a transshipment of acetic anhydride declared as acetic acid in the " +
        "Khorgos International Centre for Boundary Cooperation. Do not approach the company; contact the author before any action.",
      occurredOn: daysAgo(4),
      crossingId: "khorgos",
      tags: ["source-report"],
      tlp: "red",
      recipientIds: [recipients[KZ_CHIEF]!],
      ...grading("C", 3),
      handlingCode: "no_further_dissemination",
      names: [
        { script: "latin", name: "Zhetysu Logistic Service LLP" },
        { script: "cyrillic", name: "ТОО «Жетысу Логистик Сервис»" },
      ],
      registrationNumbers: ["180940012345"],
      registrationCountryCode: "KZ",
      owners: ["Yerlan Sadykov (Ерлан Садыков)"],
      grounds: ["other"],
      groundsNote: "Human source, not yet corroborated.",
      recommendedAction: "Do not act openly: flag consignments to this company at Khorgos and inform the author.",
      expiresOn: inDays(90 - 4),
    }),
  },
  {
    key: "dostyk-rail-seizure",
    author: KZ_OFFICER,
    days: 2,
    notice: () => ({
      kind: "seizure",
      title: "Достык: 860 л уксусного ангидрида в цистерне, задекларирован как уксусная кислота",
      narrative:
        "При досмотре железнодорожной цистерны на станции Достык обнаружено 860 л уксусного ангидрида, задекларированного как " +
        "ледяная уксусная кислота (ТН ВЭД 2915.21). Отправитель — торговая компания из Урумчи, получатель — предприятие в Ташкенте. " +
        "Пробы направлены в лабораторию.",
      occurredOn: daysAgo(2),
      occurredTime: "06:45",
      crossingId: "dostyk",
      tags: ["acetic-anhydride", "rail"],
      tlp: "amber",
      releaseAgencyIds: ["kg-mvd-sbnon"],
      releaseCountryCodes: ["TJ"],
      ...grading("B", 2),
      handlingCode: "intelligence_only",
      items: [{ substanceId: "acetic-anhydride", quantity: 860, unit: "L" }],
      declaredAs: "уксусная кислота ледяная",
      declaredHsCode: "2915.21",
      conveyance: "rail_wagon",
      conveyanceIds: ["57384021"],
      originCountries: ["CN"],
      transitCountries: ["KZ"],
      destinationCountries: ["UZ"],
      seizingAgencyId: "kz-sgd-customs",
    }),
  },
  {
    key: "khorgos-couriers",
    author: KZ_OFFICER,
    days: 20,
    releasedBy: KZ_CHIEF,
    notice: () => ({
      kind: "arrest",
      title: "Хоргос: задержаны два курьера с перманганатом калия",
      narrative:
        "Двое граждан задержаны на пункте пропуска Хоргос при попытке вывезти перманганат калия, полученный от водителя грузовика, " +
        "досмотренного на китайской стороне. Возбуждено уголовное дело.",
      occurredOn: daysAgo(20),
      crossingId: "khorgos",
      tags: ["potassium-permanganate"],
      tlp: "amber",
      releaseCountryCodes: ["KG"],
      ...grading("A", 2),
      handlingCode: "no_further_dissemination",
      arrestingAgencyId: "kz-sgd-customs",
      arrestStatus: "charged",
      chargeIds: ["kz-cc2014-286"],
      persons: [
        { names: { latin: "Wang Jun", cyrillic: "Ван Цзюнь", chinese: "王军" }, nationalityCode: "CN", birthYear: 1979, role: "courier" },
        { names: { latin: "Ruslan Kadyrov", cyrillic: "Руслан Кадыров" }, nationalityCode: "KZ", birthYear: 1990, role: "courier" },
      ],
    }),
  },
  {
    key: "khorgos-permanganate",
    author: CN_LIAISON,
    days: 22,
    notice: () => ({
      kind: "seizure",
      title: "霍尔果斯口岸查获伪报为“工业盐”的高锰酸钾1.5吨",
      narrative:
        "霍尔果斯海关在出境货运通道查验一辆哈萨克斯坦籍货车，发现申报为“工业盐”的60袋货物实为高锰酸钾，共计1.5吨。" +
        "货物由新疆某贸易公司发往阿拉木图，未办理出口前通知。相关情况已通报哈方。",
      occurredOn: daysAgo(22),
      occurredTime: "10:40",
      crossingId: "khorgos",
      tags: ["potassium-permanganate", "misdeclaration"],
      tlp: "green",
      ...grading("B", 2),
      handlingCode: "intelligence_only",
      items: [{ substanceId: "potassium-permanganate", description: "60袋", quantity: 1.5, unit: "t" }],
      declaredAs: "工业盐",
      declaredHsCode: "2501.00",
      conveyance: "truck",
      conveyanceIds: ["517ABX05"],
      originCountries: ["CN"],
      destinationCountries: ["KZ"],
      seizingAgencyId: "cn-urumqi-customs",
    }),
  },
  {
    key: "karasu-vinegar-essence",
    author: CN_LIAISON,
    days: 11,
    notice: () => ({
      kind: "seizure",
      title: "卡拉苏口岸：申报为“醋精”的醋酸酐3吨出境前被截获",
      narrative: "喀什海关在卡拉苏口岸（对应塔方阔勒买口岸）查验一批申报为“醋精”的出口货物，检测为醋酸酐。收货人为杜尚别一家建材公司。请塔方海关核查该收货人。",
      occurredOn: daysAgo(11),
      crossingId: "kulma",
      tags: ["acetic-anhydride", "misdeclaration"],
      tlp: "amber_strict",
      releaseAgencyIds: ["tj-customs"],
      ...grading("B", 2),
      handlingCode: "intelligence_only",
      items: [{ substanceId: "acetic-anhydride", quantity: 3, unit: "t" }],
      declaredAs: "醋精",
      conveyance: "truck",
      originCountries: ["CN"],
      destinationCountries: ["TJ"],
      seizingAgencyId: "cn-gacc",
    }),
  },
  {
    key: "kashgar-tianshan-trade",
    author: CN_LIAISON,
    days: 5,
    notice: () => ({
      kind: "company_alert",
      title: "可疑公司：天山化工贸易有限公司（喀什）",
      narrative: "该公司多次向吉尔吉斯斯坦出口化学品，未办理出口前通知，申报品名与实际货物不符。股东与吉方通报的前台公司所有人同名。",
      occurredOn: daysAgo(5),
      placeText: "喀什",
      countryCode: "CN",
      tags: ["front-company"],
      tlp: "amber",
      releaseAgencyIds: ["kz-sgd-customs", "kg-mvd-sbnon"],
      ...grading("B", 3),
      handlingCode: "intelligence_only",
      names: [
        { script: "chinese", name: "天山化工贸易有限公司" },
        { script: "latin", name: "Tianshan Chemical Trade Co., Ltd." },
      ],
      registrationNumbers: ["91653101MA78XK2Q3L"],
      registrationCountryCode: "CN",
      addresses: ["新疆喀什市深喀大道88号"],
      owners: ["Bakyt Osmonov (巴克特·奥斯莫诺夫)"],
      grounds: ["no_pre_export_notification", "misdeclaration"],
      recommendedAction: "对该公司的每一票出口货物进行查验，并核实出口前通知。",
      expiresOn: inDays(365 - 5),
    }),
  },
  {
    key: "eurasia-chem-regional",
    author: COORDINATOR,
    days: 30,
    notice: () => ({
      kind: "company_alert",
      title: "Regional alert: Eurasia Chem Logistics ships acetic anhydride without pre-export notification",
      narrative:
        "Three exporting countries reported consignments of acetic anhydride to this company that were never notified through PEN " +
        "Online. The registered office in Almaty is a virtual office. This alert may be quoted in public reports.",
      occurredOn: daysAgo(30),
      placeText: "Almaty",
      countryCode: "KZ",
      tags: ["regional-alert", "pen-online", "acetic-anhydride"],
      tlp: "clear",
      ...grading("A", 2),
      handlingCode: "intelligence_only",
      names: [
        { script: "latin", name: "Eurasia Chem Logistics LLP" },
        { script: "cyrillic", name: "ТОО «Евразия Хим Логистикс»" },
      ],
      registrationNumbers: ["150640021987"],
      registrationCountryCode: "KZ",
      addresses: ["Raiymbek Avenue 348, Almaty"],
      owners: ["Sergey Lavrenko (Сергей Лавренко)"],
      grounds: ["no_pre_export_notification", "false_registration"],
      recommendedAction:
        "Inspect every shipment from this company; release no precursor consignment without a pre-export notification confirmed in PEN Online.",
      expiresOn: inDays(365 - 30),
    }),
  },
  {
    key: "termez-container",
    author: COORDINATOR,
    days: 45,
    notice: () => ({
      kind: "seizure",
      title: "Termez: 6.3 t of acetic anhydride in a container declared as sulphuric acid, bound for Hairatan",
      narrative:
        "Reported by the Uzbek authorities to the UNODC office in Tashkent. The container crossed Kazakhstan by rail before being trans-loaded to a truck in Termez.",
      occurredOn: daysAgo(45),
      placeText: "Termez river port",
      countryCode: "UZ",
      tags: ["acetic-anhydride", "container"],
      tlp: "green",
      ...grading("B", 2),
      handlingCode: "intelligence_only",
      items: [{ substanceId: "acetic-anhydride", quantity: 6.3, unit: "t" }],
      declaredAs: "sulphuric acid",
      declaredHsCode: "2807.00",
      conveyance: "truck",
      conveyanceIds: ["TGHU 4820173"],
      originCountries: ["CN"],
      transitCountries: ["KZ"],
      destinationCountries: ["AF"],
    }),
  },
  {
    key: "murgab-pseudoephedrine",
    author: COORDINATOR,
    days: 15,
    notice: () => ({
      kind: "seizure",
      title: "Murghob: 25 kg of pseudoephedrine in the cab of a truck from Kulma",
      narrative: "Reported by the border liaison office in Murghob. The tablets were packed in tea tins under the driver's bunk.",
      occurredOn: daysAgo(15),
      crossingId: "murgab",
      tags: ["pseudoephedrine"],
      tlp: "amber",
      releaseCountryCodes: ["TJ"],
      ...grading("B", 2),
      handlingCode: "intelligence_only",
      items: [{ substanceId: "pseudoephedrine", description: "tablets in tea tins", quantity: 25, unit: "kg" }],
      concealment: "Tea tins under the driver's bunk",
      conveyance: "truck",
      originCountries: ["CN"],
      destinationCountries: ["TJ"],
    }),
  },
  {
    key: "irkeshtam-acetone",
    author: KG_ANALYST,
    days: 40,
    retract: "Entered in error: the laboratory found ethyl acetate, which is not a controlled precursor.",
    notice: () => ({
      kind: "seizure",
      title: "Irkeshtam: 300 kg of acetone in a truck from Kashgar",
      occurredOn: daysAgo(40),
      crossingId: "irkeshtam",
      tags: ["acetone"],
      tlp: "green",
      ...grading("C", 3),
      handlingCode: "intelligence_only",
      items: [{ substanceId: "acetone", quantity: 300, unit: "kg" }],
      conveyance: "truck",
      originCountries: ["CN"],
    }),
  },
  {
    key: "naryn-draft",
    author: KG_ANALYST,
    days: 1,
    asDraft: true,
    notice: () => ({
      kind: "seizure",
      title: "Naryn terminal: sulphuric acid in a truck from Kashgar",
      narrative: "Draft: waiting for the laboratory report before release.",
      occurredOn: daysAgo(1),
      crossingId: "naryn",
      tlp: "amber",
      releaseAgencyIds: ["kg-customs"],
      ...grading("B", 3),
      handlingCode: "intelligence_only",
      items: [{ substanceId: "sulphuric-acid", quantity: 4, unit: "t" }],
      conveyance: "truck",
      originCountries: ["CN"],
    }),
  },
  // Issue 19's story: one company across three agencies' notices. China's alert names it in every
  // script and its director; Kazakh customs seize a consignment for it (GREEN: everyone reads it);
  // Kyrgyz police arrest the director (AMBER+STRICT to Kazakh customs only). Kazakh customs see the
  // alert correlate with both, Tajik customs with the seizure alone. The arrest allows
  // deconfliction, so Tajik customs, reading the seizure, are told that another agency holds
  // something on its phone number, and may ask for it.
  {
    key: "khan-tengri-alert",
    author: CN_LIAISON,
    days: 3,
    notice: () => ({
      kind: "company_alert",
      title: "可疑公司：汗腾格里物流有限公司（霍尔果斯）",
      narrative: "该公司通过霍尔果斯向中亚运送醋酸酐，申报为醋酸。法定代表人赵明同时在吉尔吉斯斯坦经营贸易公司。",
      occurredOn: daysAgo(3),
      crossingId: "khorgos",
      tags: ["front-company", "acetic-anhydride"],
      tlp: "amber",
      releaseCountryCodes: ["KZ", "TJ"],
      ...grading("B", 2),
      handlingCode: "intelligence_only",
      names: [
        { script: "chinese", name: "汗腾格里物流有限公司" },
        { script: "latin", name: "Khan Tengri Logistics Co., Ltd." },
        { script: "cyrillic", name: "ТОО «Хан-Тенгри Логистикс»" },
      ],
      registrationNumbers: ["91654004MA79KT7L2X"],
      registrationCountryCode: "CN",
      addresses: ["霍尔果斯市国际边境合作中心 B 区 12 号"],
      owners: ["Zhao Ming (赵明)"],
      phones: ["+86 999 555 0177"],
      grounds: ["misdeclaration", "no_pre_export_notification"],
      recommendedAction: "对该公司的每一票货物进行查验，核实出口前通知。",
      expiresOn: inDays(365 - 3),
    }),
  },
  {
    key: "khan-tengri-seizure",
    author: KZ_OFFICER,
    days: 2,
    releasedBy: KZ_CHIEF,
    notice: () => ({
      kind: "seizure",
      title: "Хоргос: 1,2 т ангидрида уксусной кислоты под видом столового уксуса, получатель Khan Tengri Logistics",
      narrative: "При досмотре грузовика обнаружены 6 бочек ангидрида уксусной кислоты, заявленного как столовый уксус (ТН ВЭД 2209.00).",
      occurredOn: daysAgo(2),
      crossingId: "khorgos",
      tags: ["acetic-anhydride"],
      tlp: "green",
      ...grading("B", 2),
      handlingCode: "intelligence_only",
      items: [{ substanceId: "acetic-anhydride", quantity: 1.2, unit: "t" }],
      declaredAs: "Столовый уксус",
      declaredHsCode: "2209.00",
      conveyance: "truck",
      conveyanceIds: ["01 КG 777"],
      consignor: "汗腾格里物流有限公司",
      consignee: "Khan Tengri Logistics",
      phones: ["+996 555 123 456"],
      originCountries: ["CN"],
      destinationCountries: ["KG"],
    }),
  },
  {
    key: "khan-tengri-arrest",
    author: KG_ANALYST,
    days: 1,
    notice: () => ({
      kind: "arrest",
      title: "Бишкек: задержан директор ТОО «Хан-Тенгри Логистикс»",
      narrative: "Директор компании-получателя задержан в Бишкеке при получении документов на груз, изъятый в Хоргосе.",
      occurredOn: daysAgo(1),
      placeText: "Бишкек",
      countryCode: "KG",
      tags: ["acetic-anhydride"],
      tlp: "amber_strict",
      releaseAgencyIds: ["kz-sgd-customs"],
      allowDeconfliction: true,
      ...grading("A", 2),
      handlingCode: "no_further_dissemination",
      arrestingAgencyId: "kg-mvd-sbnon",
      arrestStatus: "detained",
      persons: [{ names: { latin: "Zhao Ming", cyrillic: "Чжао Мин", chinese: "赵明" }, nationalityCode: "CN", birthYear: 1979, role: "organizer" }],
      companies: ["ТОО «Хан-Тенгри Логистикс»"],
      phones: ["+996 555 123 456"],
    }),
  },
];

/** Related notices, each linked by a user who can read both ends. */
const DEMO_LINKS: { by: string; a: string; b: string }[] = [
  { by: KG_ANALYST, a: "torugart-arrest", b: "torugart-seizure" },
  { by: KG_ANALYST, a: "tian-shan-chemical", b: "torugart-seizure" },
  { by: KG_ANALYST, a: "ala-too-himprom", b: "tian-shan-chemical" },
  { by: COORDINATOR, a: "kashgar-tianshan-trade", b: "tian-shan-chemical" },
  { by: KZ_OFFICER, a: "khorgos-couriers", b: "khorgos-permanganate" },
];

export const demoNoticeKey = (key: string) => seedKey(`demo-notice:${key}`);

/** The demo notices, their releases, retractions and links. Re-running changes nothing. */
export async function seedDemoNotices(): Promise<void> {
  // Kazakh customs analysts publish only after a chief's release (the agency setting).
  await db
    .update(agencies)
    .set({ requiresRelease: true })
    .where(and(eq(agencies.id, "kz-sgd-customs"), eq(agencies.requiresRelease, false)));
  const recipientRows = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, KZ_CHIEF));
  const recipients = Object.fromEntries(recipientRows.map((r) => [r.email, r.id]));

  const ids = new Map<string, string>();
  for (const spec of DEMO_NOTICES) {
    const posted = await asUser(spec.author, (viewer) =>
      postNotice(viewer, `demo-notice:${spec.key}`, spec.notice({ recipients }), { asDraft: spec.asDraft, publishedAt: publishedDaysAgo(spec.days) }),
    );
    ids.set(spec.key, posted.id);
    if (!posted.created) continue;
    if (spec.releasedBy) {
      await asUser(spec.releasedBy, (viewer) => releaseNotice({ viewer, input: { id: posted.id } }));
      await backdate(posted.id, publishedDaysAgo(spec.days));
    }
    if (spec.retract) {
      const reason = spec.retract;
      await asUser(spec.author, (viewer) => retractNotice({ viewer, input: { id: posted.id, reason } }));
    }
  }
  for (const link of DEMO_LINKS) {
    await asUser(link.by, (viewer) => linkNotices({ viewer, input: { id: ids.get(link.a)!, otherId: ids.get(link.b)! } }));
  }
}
