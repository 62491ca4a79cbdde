import os from "node:os";
import postgres from "postgres";

// Fills a benchmark database with a realistic million notices, set-based: each table is written
// by INSERT … SELECT over generate_series (one statement per connection), never row by row.
// Values come from random() after setseed(), so two runs of the same size generate the same mix.

type Log = (line: string) => void;

/** A SQL string literal (the generator's own constants and reference ids only). */
const lit = (value: string | null) => (value === null ? "NULL" : `'${value.replaceAll("'", "''")}'`);
const textArray = (values: (string | null)[]) => `(ARRAY[${values.map(lit).join(",")}]::text[])`;
const intArray = (values: number[]) => `(ARRAY[${values.join(",")}]::int[])`;
/** One element of a 1-based array literal, drawn uniformly. */
const pick = (array: string, length: number) => `${array}[1 + floor(random() * ${length})::int]`;
/** A uniform draw from a list of values (repeat a value to weight it). */
const choice = (values: (string | null)[]) => pick(textArray(values), values.length);
/** Values repeated by weight, so a uniform pick from the list is a weighted pick. */
const weighted = <T>(entries: [T, number][]): T[] => entries.flatMap(([value, weight]) => Array<T>(weight).fill(value));

/** A rectangular 2-D array (PostgreSQL has no ragged ones) of one list per agency, with each list's length. */
function perAgency(lists: (string | number)[][], kind: "text" | "int") {
  const width = Math.max(1, ...lists.map((l) => l.length));
  const cell = (v: string | number | undefined) => (v === undefined ? "NULL" : kind === "text" ? lit(String(v)) : String(v));
  const rows = lists.map((l) => `ARRAY[${Array.from({ length: width }, (_, i) => cell(l[i])).join(",")}]`);
  return { values: `(ARRAY[${rows.join(",")}]::${kind}[])`, lengths: intArray(lists.map((l) => l.length)) };
}

const SUBSTANCES = weighted<string | null>([
  ["acetic-anhydride", 40],
  ["potassium-permanganate", 10],
  ["acetone", 8],
  ["sulphuric-acid", 7],
  ["hydrochloric-acid", 6],
  ["pseudoephedrine", 6],
  ["ephedrine", 5],
  ["toluene", 3],
  ["methyl-ethyl-ketone", 3],
  ["ethyl-ether", 2],
  ["p-2-p", 2],
  ["apaan", 2],
  ["phenylacetic-acid", 2],
  ["safrole", 1],
  ["piperonal", 1],
  ["anthranilic-acid", 1],
  ["npp", 1],
  [null, 3],
]);

const CROSSING_WEIGHT: Record<string, number> = {
  khorgos: 5,
  dostyk: 5,
  torugart: 4,
  irkeshtam: 3,
  kolzhat: 2,
  kulma: 2,
  naryn: 2,
  osh: 2,
  khorog: 2,
  bakhty: 1,
  maykapchagay: 1,
  karkara: 1,
  murgab: 1,
  narynkol: 1,
};

// Free-text places: [en, ru, zh, country].
const PLACES: [string, string, string, string][] = [
  ["Almaty", "Алматы", "阿拉木图", "KZ"],
  ["Shymkent", "Шымкент", "奇姆肯特", "KZ"],
  ["Karaganda", "Караганда", "卡拉干达", "KZ"],
  ["Bishkek", "Бишкек", "比什凯克", "KG"],
  ["Jalal-Abad", "Джалал-Абад", "贾拉拉巴德", "KG"],
  ["Kara-Balta", "Кара-Балта", "卡拉巴尔塔", "KG"],
  ["Dushanbe", "Душанбе", "杜尚别", "TJ"],
  ["Khujand", "Худжанд", "苦盏", "TJ"],
  ["Kulob", "Куляб", "库洛布", "TJ"],
  ["Urumqi", "Урумчи", "乌鲁木齐", "CN"],
  ["Kashgar", "Кашгар", "喀什", "CN"],
  ["Yining", "Инин", "伊宁", "CN"],
  ["Tashkent", "Ташкент", "塔什干", "UZ"],
  ["Termez", "Термез", "铁尔梅兹", "UZ"],
  ["Mazar-i-Sharif", "Мазари-Шариф", "马扎里沙里夫", "AF"],
  ["Kunduz", "Кундуз", "昆都士", "AF"],
  ["Ashgabat", "Ашхабад", "阿什哈巴德", "TM"],
];

// [en, ru, zh] parallel word lists.
const CONCEALMENTS: [string, string, string][] = [
  ["hidden behind a false wall of the trailer", "спрятан за фальшстенкой прицепа", "藏匿于挂车夹层"],
  ["mixed with legitimate cargo", "среди законного груза", "混藏于合法货物中"],
  ["in relabelled barrels", "в перемаркированных бочках", "装于重新贴标的桶中"],
  ["in a tank declared as solvent", "в цистерне, задекларированной как растворитель", "装于申报为溶剂的罐中"],
  ["in sacks under fertiliser", "в мешках под удобрениями", "藏于化肥袋下"],
  ["in postal parcels", "в почтовых отправлениях", "藏于邮包中"],
];
const DECLARED: [string, string, string, string][] = [
  ["paint thinner", "разбавитель для красок", "油漆稀释剂", "3814.00"],
  ["corn oil", "кукурузное масло", "玉米油", "1515.21"],
  ["textiles", "текстиль", "纺织品", "6307.90"],
  ["petroleum jelly", "вазелин", "凡士林", "2712.10"],
  ["acetic acid", "уксусная кислота", "醋酸", "2915.21"],
  ["industrial salt", "техническая соль", "工业盐", "2501.00"],
  ["fertiliser", "удобрение", "化肥", "3105.20"],
  ["detergent", "моющее средство", "洗涤剂", "3402.20"],
  ["vinegar essence", "уксусная эссенция", "醋精", "2209.00"],
  ["construction chemicals", "строительная химия", "建筑化学品", "3824.40"],
];
const TAILS: [string, string, string][] = [
  ["Laboratory confirmation is pending.", "Ожидается заключение лаборатории.", "正在等待实验室鉴定结果。"],
  [
    "The driver was questioned; documents name a trading company as consignee.",
    "Водитель опрошен; получателем в документах указана торговая компания.",
    "已询问司机，单证显示收货人为一家贸易公司。",
  ],
  ["No pre-export notification had been received for the consignment.", "Предэкспортное уведомление по партии не поступало.", "该批货物未收到出口前通知。"],
  ["The truck and its load are held pending investigation.", "Грузовик и груз задержаны до окончания проверки.", "车辆及货物已被扣留待查。"],
];
const CONVEYANCES = weighted<[string, string, string, string]>([
  [["truck", "truck", "грузовике", "货车"], 6],
  [["rail_wagon", "rail wagon", "железнодорожном вагоне", "铁路货车"], 3],
  [["car", "car", "легковом автомобиле", "轿车"], 1],
]);
const ORIGINS = weighted<string>([
  ["CN", 8],
  ["KR", 1],
  ["IN", 1],
  ["RU", 1],
  ["DE", 1],
  ["TR", 1],
]);
const DESTINATIONS = weighted<string>([
  ["AF", 6],
  ["KG", 1],
  ["TJ", 1],
  ["KZ", 1],
  ["UZ", 1],
  ["TM", 1],
]);
const TRANSITS = weighted<string | null>([
  [null, 6],
  ["KZ", 2],
  ["KG", 2],
  ["TJ", 1],
  ["UZ", 1],
]);

const COMPANY_PREFIXES: [string, string, string][] = [
  ["Tian Shan", "Тянь-Шань", "天山"],
  ["Ala-Too", "Ала-Тоо", "阿拉套"],
  ["Silk Road", "Шелковый Путь", "丝路"],
  ["Eurasia", "Евразия", "欧亚"],
  ["Khan Tengri", "Хан-Тенгри", "汗腾格里"],
  ["Issyk-Kul", "Иссык-Куль", "伊塞克湖"],
  ["Pamir", "Памир", "帕米尔"],
  ["Altai", "Алтай", "阿尔泰"],
  ["Zhetysu", "Жетысу", "七河"],
  ["Dzungaria", "Джунгария", "准噶尔"],
  ["Kashgar", "Кашгар", "喀什"],
  ["Fergana", "Фергана", "费尔干纳"],
  ["Orient", "Ориент", "东方"],
  ["Asia Trans", "Азия Транс", "亚洲运通"],
  ["Great Wall", "Великая Стена", "长城"],
  ["Nomad", "Номад", "游牧"],
  ["Sary-Arka", "Сары-Арка", "萨雷阿尔卡"],
  ["Naryn", "Нарын", "纳伦"],
  ["Jade Gate", "Нефритовые Ворота", "玉门"],
  ["Horgos", "Хоргос", "霍尔果斯"],
  ["Aksu", "Аксу", "阿克苏"],
  ["Turan", "Туран", "图兰"],
  ["Caspian", "Каспий", "里海"],
  ["Baikonur", "Байконур", "拜科努尔"],
];
const COMPANY_CORES: [string, string, string][] = [
  ["Chemical", "Кемикал", "化工"],
  ["Chem", "Хим", "化学"],
  ["Trade", "Трейд", "贸易"],
  ["Logistics", "Логистикс", "物流"],
  ["Import-Export", "Импорт-Экспорт", "进出口"],
  ["Industrial", "Индастриал", "工业"],
  ["Agro", "Агро", "农业"],
  ["Pharma", "Фарма", "医药"],
  ["Solvents", "Сольвентс", "溶剂"],
  ["Commerce", "Коммерс", "商贸"],
  ["Petrochem", "Петрохим", "石化"],
  ["Reagent", "Реагент", "试剂"],
  ["Invest", "Инвест", "投资"],
  ["Stroy", "Строй", "建设"],
  ["Service", "Сервис", "服务"],
  ["Prom", "Пром", "实业"],
  ["Snab", "Снаб", "供应"],
  ["Business", "Бизнес", "商务"],
  ["Alliance", "Альянс", "联盟"],
  ["Resource", "Ресурс", "资源"],
  ["Technology", "Технолоджи", "科技"],
  ["Transit", "Транзит", "过境"],
  ["Cargo", "Карго", "货运"],
  ["Energy", "Энерджи", "能源"],
  ["Plastics", "Пластикс", "塑料"],
  ["Paint", "Пэйнт", "涂料"],
  ["Oil", "Ойл", "油品"],
  ["Textile", "Текстиль", "纺织"],
  ["Food", "Фуд", "食品"],
  ["Med", "Мед", "医疗"],
  ["Auto", "Авто", "汽车"],
  ["Build", "Билд", "建材"],
  ["Star", "Стар", "之星"],
  ["Lux", "Люкс", "豪华"],
  ["Export", "Экспорт", "出口"],
  ["Supply", "Саплай", "供货"],
];
// Between the core and the legal form, sometimes: [en, ru, zh].
const COMPANY_QUALIFIERS: [string, string, string][] = [
  ["", "", ""],
  ["", "", ""],
  ["", "", ""],
  ["Asia", "Азия", "亚洲"],
  ["Central", "Централ", "中央"],
  ["International", "Интернэшнл", "国际"],
  ["Plus", "Плюс", "加"],
  ["Holding", "Холдинг", "控股"],
];
const COMPANY_FORMS: [string, string, string][] = [
  ["LLC", "ОсОО", "有限责任公司"],
  ["LLP", "ТОО", "有限合伙企业"],
  ["Ltd", "ООО", "有限公司"],
  ["Co., Ltd.", "ООО", "有限公司"],
  ["Group", "Групп", "集团"],
  ["Trading Company", "ТК", "贸易公司"],
];
const STREETS = [
  "Chui Avenue",
  "Abay Avenue",
  "Rudaki Avenue",
  "Lenin Street",
  "Tole Bi Street",
  "Manas Avenue",
  "Dostyk Avenue",
  "Jiefang Road",
  "Renmin Road",
  "Sovetskaya Street",
];
const GROUNDS = [
  "{false_registration}",
  "{no_pre_export_notification}",
  "{misdeclaration}",
  "{linked_to_seizure}",
  "{false_registration,no_pre_export_notification}",
  "{misdeclaration,linked_to_seizure}",
  "{other}",
];
const ACTIONS = [
  "Inspect every shipment from this company.",
  "Confirm the pre-export notification before releasing any consignment to this company.",
  "Check the end-user declaration against the company registry.",
];

// People: [latin, cyrillic] first names, patronymic initials and family names; Chinese [pinyin, hanzi].
const FIRST: [string, string][] = [
  ["Aibek", "Айбек"],
  ["Nurlan", "Нурлан"],
  ["Bakyt", "Бакыт"],
  ["Azamat", "Азамат"],
  ["Ruslan", "Руслан"],
  ["Timur", "Тимур"],
  ["Daniyar", "Данияр"],
  ["Erlan", "Ерлан"],
  ["Marat", "Марат"],
  ["Askar", "Аскар"],
  ["Farrukh", "Фаррух"],
  ["Rustam", "Рустам"],
  ["Jamshed", "Джамшед"],
  ["Bakhtiyor", "Бахтиёр"],
  ["Sherzod", "Шерзод"],
  ["Dilshod", "Дилшод"],
  ["Almaz", "Алмаз"],
  ["Kanat", "Канат"],
  ["Serik", "Серик"],
  ["Dmitry", "Дмитрий"],
  ["Sergey", "Сергей"],
  ["Igor", "Игорь"],
  ["Aigul", "Айгуль"],
  ["Gulnara", "Гульнара"],
  ["Dinara", "Динара"],
  ["Zarina", "Зарина"],
  ["Madina", "Мадина"],
  ["Elena", "Елена"],
  ["Olga", "Ольга"],
  ["Nargiza", "Наргиза"],
];
const INITIALS: [string, string][] = [
  ["A", "А"],
  ["B", "Б"],
  ["V", "В"],
  ["G", "Г"],
  ["D", "Д"],
  ["E", "Е"],
  ["Zh", "Ж"],
  ["Z", "З"],
  ["I", "И"],
  ["K", "К"],
  ["L", "Л"],
  ["M", "М"],
  ["N", "Н"],
  ["O", "О"],
  ["P", "П"],
  ["R", "Р"],
  ["S", "С"],
  ["T", "Т"],
  ["U", "У"],
  ["F", "Ф"],
  ["Kh", "Х"],
  ["Sh", "Ш"],
];
const LAST: [string, string][] = [
  ["Osmonov", "Осмонов"],
  ["Asanov", "Асанов"],
  ["Toktogulov", "Токтогулов"],
  ["Abenov", "Абенов"],
  ["Seitkali", "Сейткали"],
  ["Nazarov", "Назаров"],
  ["Rahimov", "Рахимов"],
  ["Karimov", "Каримов"],
  ["Saidov", "Саидов"],
  ["Kadyrov", "Кадыров"],
  ["Ismailov", "Исмаилов"],
  ["Bekov", "Беков"],
  ["Zhumabaev", "Жумабаев"],
  ["Nurmagambetov", "Нурмагамбетов"],
  ["Sadykov", "Садыков"],
  ["Aliev", "Алиев"],
  ["Sharipov", "Шарипов"],
  ["Kurbanov", "Курбанов"],
  ["Mamatov", "Маматов"],
  ["Omurbekov", "Омурбеков"],
  ["Ivanov", "Иванов"],
  ["Petrov", "Петров"],
  ["Lavrenko", "Лавренко"],
  ["Kim", "Ким"],
  ["Tsoi", "Цой"],
  ["Akhmedov", "Ахмедов"],
  ["Usmonov", "Усмонов"],
  ["Dzhaparov", "Джапаров"],
  ["Sultanov", "Султанов"],
  ["Yusupov", "Юсупов"],
];
const CN_SURNAMES: [string, string][] = [
  ["Wang", "王"],
  ["Li", "李"],
  ["Zhang", "张"],
  ["Liu", "刘"],
  ["Chen", "陈"],
  ["Yang", "杨"],
  ["Zhao", "赵"],
  ["Huang", "黄"],
  ["Zhou", "周"],
  ["Wu", "吴"],
  ["Ma", "马"],
  ["Sun", "孙"],
];
const CN_GIVEN: [string, string][] = [
  ["Jun", "军"],
  ["Ming", "明"],
  ["Wei", "伟"],
  ["Lei", "磊"],
  ["Yong", "勇"],
  ["Jie", "杰"],
  ["Tao", "涛"],
  ["Bin", "斌"],
  ["Hui", "辉"],
  ["Gang", "刚"],
];
const NATIONALITIES = ["KG", "KZ", "TJ", "UZ", "AF", "CN", "RU", "TM"];

const AGENCY_WEIGHT: Record<string, number> = { customs: 4, drug_control: 4, border_guard: 2, police: 2, security_service: 1, international: 1 };
const AUTHORS_PER_AGENCY = 3;

const col = (list: readonly (readonly string[])[], i: number) => list.map((row) => row[i]!);

/** Tables the generator writes; their secondary indexes are dropped for the load and rebuilt after. */
const LOADED_TABLES = [
  "notices",
  "notice_substances",
  "notice_release_agencies",
  "notice_release_countries",
  "notice_recipients",
  "seizure_details",
  "seizure_items",
  "company_alerts",
  "arrest_details",
  "arrest_persons",
  "arrest_charges",
];

export type Generated = { seconds: number; counts: Record<string, number> };

/** SQL array literals of the generator's word lists, by name. */
const WORDS = {
  placeEn: textArray(col(PLACES, 0)),
  placeRu: textArray(col(PLACES, 1)),
  placeZh: textArray(col(PLACES, 2)),
  placeCountry: textArray(col(PLACES, 3)),
  concealEn: textArray(col(CONCEALMENTS, 0)),
  concealRu: textArray(col(CONCEALMENTS, 1)),
  concealZh: textArray(col(CONCEALMENTS, 2)),
  declaredEn: textArray(col(DECLARED, 0)),
  declaredRu: textArray(col(DECLARED, 1)),
  declaredZh: textArray(col(DECLARED, 2)),
  declaredHs: textArray(col(DECLARED, 3)),
  conveyance: textArray(col(CONVEYANCES, 0)),
  conveyanceEn: textArray(col(CONVEYANCES, 1)),
  conveyanceRu: textArray(col(CONVEYANCES, 2)),
  conveyanceZh: textArray(col(CONVEYANCES, 3)),
  tailEn: textArray(col(TAILS, 0)),
  tailRu: textArray(col(TAILS, 1)),
  tailZh: textArray(col(TAILS, 2)),
  prefixEn: textArray(col(COMPANY_PREFIXES, 0)),
  prefixRu: textArray(col(COMPANY_PREFIXES, 1)),
  prefixZh: textArray(col(COMPANY_PREFIXES, 2)),
  coreEn: textArray(col(COMPANY_CORES, 0)),
  coreRu: textArray(col(COMPANY_CORES, 1)),
  coreZh: textArray(col(COMPANY_CORES, 2)),
  formEn: textArray(col(COMPANY_FORMS, 0)),
  formRu: textArray(col(COMPANY_FORMS, 1)),
  formZh: textArray(col(COMPANY_FORMS, 2)),
  qualifierEn: textArray(col(COMPANY_QUALIFIERS, 0)),
  qualifierRu: textArray(col(COMPANY_QUALIFIERS, 1)),
  qualifierZh: textArray(col(COMPANY_QUALIFIERS, 2)),
  street: textArray(STREETS),
  grounds: textArray(GROUNDS),
  action: textArray(ACTIONS),
  firstLat: textArray(col(FIRST, 0)),
  firstCyr: textArray(col(FIRST, 1)),
  initialLat: textArray(col(INITIALS, 0)),
  initialCyr: textArray(col(INITIALS, 1)),
  lastLat: textArray(col(LAST, 0)),
  lastCyr: textArray(col(LAST, 1)),
  cnSurnameLat: textArray(col(CN_SURNAMES, 0)),
  cnSurnameZh: textArray(col(CN_SURNAMES, 1)),
  cnGivenLat: textArray(col(CN_GIVEN, 0)),
  cnGivenZh: textArray(col(CN_GIVEN, 1)),
};

/** A random 1-based index into a list of `length`. */
const index = (length: number) => `1 + floor(random() * ${length})::int`;
/** An owner's name in both scripts, e.g. "Bakyt T. Osmonov (Бакыт Т. Осмонов)". */
const owner = (f: string, i: string, l: string) =>
  `${WORDS.firstLat}[${f}] || ' ' || ${WORDS.initialLat}[${i}] || '. ' || ${WORDS.lastLat}[${l}] || ' (' || ` +
  `${WORDS.firstCyr}[${f}] || ' ' || ${WORDS.initialCyr}[${i}] || '. ' || ${WORDS.lastCyr}[${l}] || ')'`;
/** The text for the notice's language (en, ru or zh) from three expressions. */
const byLang = (en: string, ru: string, zh: string) => `CASE g.lang WHEN 'zh' THEN ${zh} WHEN 'ru' THEN ${ru} ELSE ${en} END`;

// The parts of a notice's row that are the same SQL whatever the load: the title and narrative in
// the notice's language, its grading, and the text search reads of its names and identifiers.
const NOTICE_TITLE = `CASE g.kind
            WHEN 'seizure' THEN ${byLang(
              "t.quantity || ' of ' || t.substance_en || ' seized at ' || p.place_en",
              "'Изъятие: ' || t.quantity || ' — ' || t.substance_ru || ', ' || p.place_ru",
              "p.place_zh || '查获' || t.substance_zh || ' ' || t.quantity",
            )}
            WHEN 'company_alert' THEN ${byLang("'Suspect company: ' || bc.latin", "'Подозрительная компания: ' || bc.cyrillic", "'可疑公司：' || coalesce(bc.chinese, bc.latin)")}
            ELSE ${byLang(
              "(ARRAY['One person', 'Two persons', 'Three persons'])[g.persons] || ' detained at ' || p.place_en",
              "p.place_ru || ': задержано лиц — ' || g.persons",
              "p.place_zh || '抓获' || g.persons || '名嫌疑人'",
            )}
          END`;
const NOTICE_NARRATIVE = `CASE g.kind
            WHEN 'seizure' THEN ${byLang(
              `format('%s of %s found in a %s, %s. Declared as %s (HS %s). The consignment came from %s and was bound for %s. %s', t.quantity, t.substance_en, ${WORDS.conveyanceEn}[bs.conveyance_k], ${WORDS.concealEn}[bs.conceal_k], ${WORDS.declaredEn}[bs.declared_k], ${WORDS.declaredHs}[bs.declared_k], oc.name_en, dc.name_en, ${WORDS.tailEn}[bs.tail_k])`,
              `format('%s — %s, обнаружено в %s, %s. Задекларировано как «%s» (ТН ВЭД %s). Страна происхождения: %s, назначения: %s. %s', t.quantity, t.substance_ru, ${WORDS.conveyanceRu}[bs.conveyance_k], ${WORDS.concealRu}[bs.conceal_k], ${WORDS.declaredRu}[bs.declared_k], ${WORDS.declaredHs}[bs.declared_k], oc.name_ru, dc.name_ru, ${WORDS.tailRu}[bs.tail_k])`,
              `format('在%s中发现%s %s，%s。申报品名为“%s”（HS %s）。货物来自%s，运往%s。%s', ${WORDS.conveyanceZh}[bs.conveyance_k], t.substance_zh, t.quantity, ${WORDS.concealZh}[bs.conceal_k], ${WORDS.declaredZh}[bs.declared_k], ${WORDS.declaredHs}[bs.declared_k], oc.name_zh, dc.name_zh, ${WORDS.tailZh}[bs.tail_k])`,
            )}
            WHEN 'company_alert' THEN ${byLang(
              `format('%s, registered in %s (No. %s), owned by %s. %s', bc.latin, pc.name_en, bc.registration, array_to_string(bc.owners, ', '), ${WORDS.action}[bc.action_k])`,
              `format('%s, зарегистрирована: %s (рег. № %s), владелец: %s.', bc.cyrillic, pc.name_ru, bc.registration, array_to_string(bc.owners, ', '))`,
              `format('%s，注册地%s（注册号%s），所有人：%s。', coalesce(bc.chinese, bc.latin), pc.name_zh, bc.registration, array_to_string(bc.owners, '、'))`,
            )}
            ELSE ${byLang(
              "format('Detained at %s: %s. The investigation continues.', p.place_en, bp.latin_list)",
              "format('%s: задержаны %s. Расследование продолжается.', p.place_ru, bp.latin_list)",
              "format('在%s抓获：%s。案件正在调查中。', p.place_zh, bp.latin_list)",
            )}
          END`;
const NOTICE_GRADING = `${choice(
  weighted([
    ["A", 10],
    ["B", 45],
    ["C", 30],
    ["D", 10],
    ["E", 3],
    ["F", 2],
  ]),
)}::source_reliability,
          ${choice(
            weighted([
              ["1", 15],
              ["2", 40],
              ["3", 30],
              ["4", 10],
              ["5", 3],
              ["6", 2],
            ]),
          )}::smallint,
          ${choice(
            weighted([
              ["intelligence_only", 7],
              ["no_further_dissemination", 2],
              ["evidential_use", 1],
            ]),
          )}::handling_code`;
const NOTICE_SEARCH = `CASE g.kind
            WHEN 'company_alert' THEN concat_ws(' ', bc.latin, bc.cyrillic, bc.chinese, array_to_string(bc.owners, ' '), bc.registration)
            WHEN 'arrest' THEN bp.names
            ELSE '' END,
          -- As the notices service keys identifiers (server/services/notices/identifiers.ts): the
          -- generated plates are upper-case letters and digits already.
          CASE g.kind
            WHEN 'seizure' THEN concat_ws(' ', lower(bs.plate), replace(${WORDS.declaredHs}[bs.declared_k], '.', ''),
              ${byLang(`${WORDS.declaredEn}[bs.declared_k]`, `${WORDS.declaredRu}[bs.declared_k]`, `${WORDS.declaredZh}[bs.declared_k]`)})
            WHEN 'company_alert' THEN lower(regexp_replace(bc.registration, '[[:space:]./-]', '', 'g'))
            ELSE '' END`;

type Mine = (n: string) => string;

/** The reserved connections of a load, and how its statements run on them. */
type Load = {
  sql: postgres.ReservedSql;
  connections: postgres.ReservedSql[];
  workers: number;
  log: Log;
  step: <T>(name: string, run: () => Promise<T>) => Promise<T>;
  /**
   * Runs statements on every connection at once, each over its share of the notices: `mine("g.n")`
   * is the condition that a notice number belongs to that connection.
   */
  parallel: (statement: (mine: Mine) => string) => Promise<unknown>;
  /** A staging table filled in parallel by `select`, keyed by the notice number. */
  stage: (table: string, select: (mine: Mine) => string) => Promise<void>;
};

function loadOn(connections: postgres.ReservedSql[], log: Log): Load {
  const workers = connections.length;
  const sql = connections[0]!;
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await run();
    log(`  ${name.padEnd(48)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
    return result;
  };
  const parallel = (statement: (mine: Mine) => string) =>
    Promise.all(connections.map((connection, k) => connection.unsafe(statement((n) => `${n} % ${workers} = ${k}`))));
  const stage = async (table: string, select: (mine: Mine) => string) => {
    await sql.unsafe(`DROP TABLE IF EXISTS ${table}; CREATE UNLOGGED TABLE ${table} AS ${select(() => "false")} WITH NO DATA`);
    await parallel((mine) => `INSERT INTO ${table} ${select(mine)}`);
  };
  return { sql, connections, workers, log, step, parallel, stage };
}

/** Each connection's settings for a bulk load, and the seed of its random(). */
async function prepareSessions({ sql, connections, log }: Load, ownServer: boolean) {
  let replica = true;
  for (const [k, connection] of connections.entries()) {
    await connection.unsafe(`SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'; SET synchronous_commit = off`);
    // The rows are built from existing ids, so foreign keys hold by construction; where we may
    // (superuser), skipping their row-by-row checks makes the load several times faster.
    replica &&= await connection.unsafe(`SET session_replication_role = replica`).then(
      () => true,
      () => false,
    );
    await connection`SELECT setseed(${0.2026 + k / 100})`;
  }
  if (!replica) log("  (not a superuser: foreign keys are checked row by row, the load is slower)");
  if (ownServer) {
    // A throw-away server of our own: no checkpoint in the middle of the load (each one would
    // write every dirty page, and full-page images would double the WAL after it).
    await sql.unsafe(`ALTER SYSTEM SET max_wal_size = '32GB'`);
    await sql.unsafe(`ALTER SYSTEM SET checkpoint_timeout = '1h'`);
    await sql`SELECT pg_reload_conf()`;
  }
}

/** The reference rows the notices draw from. */
async function readReference({ sql }: Load) {
  const agencyRows = await sql<{ id: string; country: string | null; kind: string }[]>`
    SELECT id, country_code AS country, kind FROM agencies WHERE active ORDER BY id`;
  const crossingRows = await sql<{ id: string; country: string }[]>`SELECT id, country_code AS country FROM crossings ORDER BY id`;
  const provisionRows = await sql<{ id: string; country: string }[]>`SELECT id, country_code AS country FROM criminal_provisions ORDER BY id`;
  const members = (await sql<{ code: string }[]>`SELECT code FROM countries WHERE is_member ORDER BY code`).map((r) => r.code);
  return { agencyRows, crossingRows, provisionRows, members };
}
type Reference = Awaited<ReturnType<typeof readReference>>;

/** Bench analysts of every active agency, as a list per agency (in `agencyRows` order). */
async function createAuthors({ sql, step }: Load, { agencyRows }: Reference) {
  return step("bench authors (3 analysts per agency)", async () => {
    await sql`
      INSERT INTO users (email, name, agency_id, role, status)
      SELECT 'bench-' || a.id || '-' || k || '@bench.example.org', 'Bench analyst ' || k || ' ' || a.id, a.id, 'analyst', 'active'
      FROM agencies a, generate_series(1, ${AUTHORS_PER_AGENCY}) k WHERE a.active
      ON CONFLICT DO NOTHING`;
    const rows = await sql<{ id: string; agency: string }[]>`
      SELECT id, agency_id AS agency FROM users WHERE email LIKE 'bench-%@bench.example.org' ORDER BY email`;
    return agencyRows.map((a) => rows.filter((r) => r.agency === a.id).map((r) => r.id));
  });
}

/** SQL arrays of what each agency may draw: its authors, its crossings, other places, its provisions. */
function drawGrids({ agencyRows, crossingRows, provisionRows }: Reference, authors: string[][]) {
  const agencies = textArray(agencyRows.map((a) => a.id));
  const agencyCountry = textArray(agencyRows.map((a) => a.country));
  const agencyPicks = agencyRows.flatMap((a, i) => Array<number>(AGENCY_WEIGHT[a.kind] ?? 1).fill(i + 1));
  const authorGrid = perAgency(authors, "text");
  // An agency reports at its own country's crossings; Chinese and international ones at any.
  const crossingGrid = perAgency(
    agencyRows.map((a) =>
      crossingRows
        .filter((c) => !a.country || a.country === "CN" || c.country === a.country)
        .flatMap((c) => Array<string>(CROSSING_WEIGHT[c.id] ?? 1).fill(c.id)),
    ),
    "text",
  );
  // Other places: mostly in the agency's own country.
  const placeGrid = perAgency(
    agencyRows.map((a) => PLACES.flatMap(([, , , country], i) => Array<number>(country === a.country ? 6 : 1).fill(i + 1))),
    "int",
  );
  const provisionGrid = perAgency(
    agencyRows.map((a) => provisionRows.filter((p) => p.country === a.country).map((p) => p.id)),
    "text",
  );
  return { agencies, agencyCountry, agencyPicks, authorGrid, crossingGrid, placeGrid, provisionGrid };
}
type Grids = ReturnType<typeof drawGrids>;

/** Drops the loaded tables' secondary indexes, returning their definitions to build them again. */
async function dropIndexes({ sql, step }: Load) {
  return step("drop secondary indexes for the load", async () => {
    const rows = await sql<{ name: string; definition: string }[]>`
      SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = ANY(${LOADED_TABLES}) AND t.relnamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`;
    for (const row of rows) await sql.unsafe(`DROP INDEX ${row.name}`);
    return rows;
  });
}

/**
 * Staging: what several tables must agree on (kind, marking, agency, place, the first item of a
 * seizure, a company's names, the persons) is drawn once, in unlogged tables.
 */
async function stageNotices({ sql, step, stage }: Load, grids: Grids, count: number) {
  const { agencies, agencyCountry, agencyPicks, authorGrid, crossingGrid, placeGrid } = grids;
  await step(`stage ${count.toLocaleString("en")} notices`, async () => {
    await stage(
      "bench_gen",
      (mine) => `
      SELECT r.*,
        ${agencies}[r.ai] AS agency_id,
        (${authorGrid.values}[r.ai][1 + floor(random() * ${authorGrid.lengths}[r.ai])::int])::uuid AS author_id,
        CASE WHEN r.at_crossing THEN ${crossingGrid.values}[r.ai][1 + floor(random() * ${crossingGrid.lengths}[r.ai])::int] END AS crossing_id,
        ${placeGrid.values}[r.ai][1 + floor(random() * ${placeGrid.lengths}[r.ai])::int] AS place_k,
        CASE WHEN ${agencyCountry}[r.ai] = 'CN' THEN 'zh' WHEN ${agencyCountry}[r.ai] IS NOT NULL AND random() < 0.5 THEN 'ru' ELSE 'en' END AS lang,
        CASE WHEN r.tlp = 'amber' AND r.release_mode <> 1 THEN ${index(3)}
             WHEN r.tlp = 'amber_strict' THEN ${index(2)} ELSE 0 END AS release_agencies,
        CASE WHEN r.tlp = 'amber' AND r.release_mode <> 0 THEN 1 ELSE 0 END AS release_countries,
        CASE WHEN r.tlp = 'red' THEN ${index(2)} ELSE 0 END AS recipients
      FROM (
        SELECT g.*,
          CASE WHEN g.kind = 'arrest'
               THEN CASE WHEN g.rt < 0.60 THEN 'amber' WHEN g.rt < 0.84 THEN 'amber_strict' ELSE 'red' END
               ELSE CASE WHEN g.rt < 0.15 THEN 'clear' WHEN g.rt < 0.50 THEN 'green' WHEN g.rt < 0.80 THEN 'amber'
                         WHEN g.rt < 0.92 THEN 'amber_strict' ELSE 'red' END
          END::tlp AS tlp,
          -- Amber: agencies only, a country only, or both.
          CASE WHEN g.u_release < 0.60 THEN 0 WHEN g.u_release < 0.85 THEN 1 ELSE 2 END AS release_mode,
          CASE WHEN g.u_persons < 0.45 THEN 1 WHEN g.u_persons < 0.80 THEN 2 ELSE 3 END AS persons
        FROM (
          SELECT s.n, gen_random_uuid() AS id,
            CASE WHEN s.k < 0.60 THEN 'seizure' WHEN s.k < 0.85 THEN 'company_alert' ELSE 'arrest' END::notice_kind AS kind,
            random() AS rt,
            ${pick(intArray(agencyPicks), agencyPicks.length)} AS ai,
            random() < 0.70 AS at_crossing,
            -- Twenty years, denser towards today as use grew: the age is (1 - sqrt(u)) of the span.
            date_trunc('milliseconds', now() - (1 - sqrt(random())) * interval '20 years') AS published_at,
            floor(random() * 10)::int AS occurred_back,
            random() < 0.02 AS retracted,
            random() AS u_release,
            random() AS u_persons
          FROM (SELECT n, random() AS k FROM generate_series(1, ${count}) n WHERE ${mine("n")}) s
        ) g
      ) r`,
    );
    await sql.unsafe(`ALTER TABLE bench_gen ADD PRIMARY KEY (n)`);
  });
}

async function stageSeizures({ stage }: Load) {
  await stage(
    "bench_seizure",
    (mine) => `
    SELECT y.n, y.substance_id, y.unit, y.quantity,
      CASE y.unit WHEN 't' THEN y.quantity * 1000 WHEN 'kg' THEN y.quantity ELSE round(y.quantity * y.density::numeric, 3) END AS mass_kg,
      y.conceal_k, y.declared_k, y.conveyance_k, y.tail_k, y.origin, y.transit, y.destination, y.plate,
      CASE WHEN y.u_extra < 0.05 THEN 2 WHEN y.u_extra < 0.25 THEN 1 ELSE 0 END AS extra_items
    FROM (
      SELECT x.*,
        CASE x.unit WHEN 't' THEN greatest(round((x.kg / 1000)::numeric, 2), 0.01)
                    WHEN 'L' THEN greatest(round((x.kg / x.density)::numeric, 0), 1)
                    ELSE greatest(round(x.kg::numeric, 1), 0.1) END AS quantity
      FROM (
        SELECT w.*, sub.density_g_per_ml AS density,
          CASE WHEN w.kg >= 1000 THEN 't' WHEN sub.density_g_per_ml IS NOT NULL AND w.liquid THEN 'L' ELSE 'kg' END::quantity_unit AS unit
        FROM (
          SELECT g.n,
            -- From 1 kg to 40 t, log-uniform: many small seizures, a few very large ones.
            exp(random() * ln(40000)) AS kg,
            ${choice(SUBSTANCES)} AS substance_id,
            random() < 0.5 AS liquid,
            ${index(CONCEALMENTS.length)} AS conceal_k,
            ${index(DECLARED.length)} AS declared_k,
            ${index(CONVEYANCES.length)} AS conveyance_k,
            ${index(TAILS.length)} AS tail_k,
            ${choice(ORIGINS)} AS origin,
            ${choice(TRANSITS)} AS transit,
            ${choice(DESTINATIONS)} AS destination,
            lpad(floor(random() * 1000)::int::text, 3, '0') || chr(65 + floor(random() * 26)::int) || chr(65 + floor(random() * 26)::int) || lpad(floor(random() * 20)::int::text, 2, '0') AS plate,
            random() AS u_extra
          FROM bench_gen g WHERE g.kind = 'seizure' AND ${mine("g.n")}
        ) w LEFT JOIN substances sub ON sub.id = w.substance_id
      ) x
    ) y`,
  );
}

async function stageCompanies({ stage }: Load) {
  await stage(
    "bench_company",
    (mine) => `
    SELECT c.n,
      concat_ws(' ', ${WORDS.prefixEn}[c.p1], ${WORDS.coreEn}[c.p2], nullif(${WORDS.qualifierEn}[c.q], ''), ${WORDS.formEn}[c.p3]) AS latin,
      ${WORDS.formRu}[c.p3] || ' «' || concat_ws(' ', ${WORDS.prefixRu}[c.p1], ${WORDS.coreRu}[c.p2], nullif(${WORDS.qualifierRu}[c.q], '')) || '»' AS cyrillic,
      CASE WHEN c.chinese THEN ${WORDS.prefixZh}[c.p1] || ${WORDS.coreZh}[c.p2] || ${WORDS.qualifierZh}[c.q] || ${WORDS.formZh}[c.p3] END AS chinese,
      c.registration,
      array_remove(ARRAY[${owner("c.f1", "c.i1", "c.l1")}, CASE WHEN c.two_owners THEN ${owner("c.f2", "c.i2", "c.l2")} END], NULL) AS owners,
      c.street_k, c.house, c.grounds_k, c.action_k
    FROM (
      SELECT g.n,
        ${index(COMPANY_PREFIXES.length)} AS p1, ${index(COMPANY_CORES.length)} AS p2, ${index(COMPANY_FORMS.length)} AS p3,
        ${index(COMPANY_QUALIFIERS.length)} AS q,
        g.lang = 'zh' OR random() < 0.2 AS chinese,
        lpad(floor(random() * 1e12)::bigint::text, 12, '0') AS registration,
        random() < 0.3 AS two_owners,
        ${index(FIRST.length)} AS f1, ${index(INITIALS.length)} AS i1, ${index(LAST.length)} AS l1,
        ${index(FIRST.length)} AS f2, ${index(INITIALS.length)} AS i2, ${index(LAST.length)} AS l2,
        ${index(STREETS.length)} AS street_k, ${index(300)} AS house, ${index(GROUNDS.length)} AS grounds_k, ${index(ACTIONS.length)} AS action_k
      FROM bench_gen g WHERE g.kind = 'company_alert' AND ${mine("g.n")}
    ) c`,
  );
}

async function stagePersons({ stage }: Load, { agencyCountry }: Grids) {
  await stage(
    "bench_person",
    (mine) => `
    SELECT p.n, p.position,
      CASE WHEN p.chinese THEN ${WORDS.cnSurnameLat}[p.s] || ' ' || ${WORDS.cnGivenLat}[p.v] ELSE ${WORDS.firstLat}[p.f] || ' ' || ${WORDS.lastLat}[p.l] END AS latin,
      CASE WHEN NOT p.chinese THEN ${WORDS.firstCyr}[p.f] || ' ' || ${WORDS.lastCyr}[p.l] END AS cyrillic,
      CASE WHEN p.chinese THEN ${WORDS.cnSurnameZh}[p.s] || ${WORDS.cnGivenZh}[p.v] END AS chinese,
      CASE WHEN p.chinese THEN 'CN' ELSE p.nationality END AS nationality,
      p.birth_year, p.role
    FROM (
      SELECT g.n, k - 1 AS position,
        CASE WHEN ${agencyCountry}[g.ai] = 'CN' THEN random() < 0.7 ELSE random() < 0.1 END AS chinese,
        ${index(FIRST.length)} AS f, ${index(LAST.length)} AS l, ${index(CN_SURNAMES.length)} AS s, ${index(CN_GIVEN.length)} AS v,
        CASE WHEN random() < 0.6 AND ${agencyCountry}[g.ai] IS NOT NULL THEN ${agencyCountry}[g.ai]
             ELSE ${choice(NATIONALITIES)} END AS nationality,
        1955 + floor(random() * 46)::int AS birth_year,
        ${choice(
          weighted([
            ["driver", 35],
            ["courier", 30],
            ["organizer", 15],
            ["official", 5],
            ["other", 15],
          ]),
        )}::person_role AS role
      FROM bench_gen g CROSS JOIN LATERAL generate_series(1, g.persons) k
      WHERE g.kind = 'arrest' AND ${mine("g.n")}
    ) p`,
  );
}

/** A seizure's items (the staged first one and up to two more), and what the notice sums of them. */
async function stageItems({ sql, stage }: Load) {
  await sql.unsafe(`ALTER TABLE bench_seizure ADD PRIMARY KEY (n); ALTER TABLE bench_company ADD PRIMARY KEY (n)`);
  // A seizure's items: the staged first one and up to two more.
  await stage(
    "bench_item",
    (mine) => `
    SELECT bs.n, 0 AS position, bs.substance_id, bs.quantity, bs.unit, bs.mass_kg FROM bench_seizure bs WHERE ${mine("bs.n")}
    UNION ALL
    SELECT x.n, x.position, x.substance_id, x.kg, 'kg'::quantity_unit, x.kg
    FROM (
      SELECT bs.n, k AS position, ${choice(SUBSTANCES)} AS substance_id, round(exp(random() * ln(5000))::numeric, 1) AS kg
      FROM bench_seizure bs CROSS JOIN LATERAL generate_series(1, bs.extra_items) k WHERE ${mine("bs.n")}
    ) x`,
  );
  // The notices' seizure summary columns, written with the notices: the trigger that keeps
  // them (migration 0012) is off for the load, where a second write of every seizure notice
  // would cost minutes. Same rule; the generator's test checks the two agree.
  await stage(
    "bench_item_summary",
    (mine) => `
    SELECT n, coalesce(array_agg(substance_id ORDER BY first) FILTER (WHERE substance_id IS NOT NULL), '{}') AS substance_ids,
      bool_or(substance_id IS NULL) AS unidentified, sum(mass_kg) AS mass_kg
    FROM (SELECT n, substance_id, min(position) AS first, sum(mass_kg) AS mass_kg FROM bench_item WHERE ${mine("n")} GROUP BY n, substance_id) per_substance
    GROUP BY n`,
  );
  await sql.unsafe(`ALTER TABLE bench_item_summary ADD PRIMARY KEY (n)`);
}

/** The notices themselves, then the substance filter's index built from them. */
async function insertNotices({ sql, step, parallel, workers }: Load) {
  // The substance filter's index is filled in one statement after the notices (below): its
  // trigger (migration 0019) would insert row by row.
  await sql.unsafe(`ALTER TABLE notices DISABLE TRIGGER notices_substances_insert`);
  await step(`notices (${workers} connections in parallel)`, () =>
    parallel(
      (mine) => `
      INSERT INTO notices (id, kind, title, narrative, occurred_on, crossing_id, place_text, country_code, agency_id, author_id, tags, tlp,
        status, source_reliability, info_credibility, handling_code, published_at, retracted_at, retracted_reason, search_names,
        search_identifiers, substance_ids, seizure_unidentified, seizure_mass_kg, created_at, updated_at)
      SELECT g.id, g.kind,
        ${NOTICE_TITLE},
        ${NOTICE_NARRATIVE},
        (g.published_at - g.occurred_back * interval '1 day')::date,
        g.crossing_id,
        CASE WHEN g.crossing_id IS NULL THEN ${byLang("p.place_en", "p.place_ru", "p.place_zh")} END,
        p.country_code,
        g.agency_id, g.author_id,
        CASE g.kind WHEN 'seizure' THEN array_remove(ARRAY[bs.substance_id], NULL) WHEN 'company_alert' THEN ARRAY['front-company'] ELSE '{}' END,
        g.tlp,
        CASE WHEN g.retracted THEN 'retracted' ELSE 'published' END::notice_status,
        ${NOTICE_GRADING},
        g.published_at,
        CASE WHEN g.retracted THEN least(now(), g.published_at + interval '3 days') END,
        CASE WHEN g.retracted THEN 'Entered in error: superseded by a corrected notice.' END,
        ${NOTICE_SEARCH},
        coalesce(bis.substance_ids, '{}'), coalesce(bis.unidentified, false), bis.mass_kg,
        g.published_at, g.published_at
      FROM bench_gen g
      LEFT JOIN bench_item_summary bis ON bis.n = g.n
      LEFT JOIN crossings c ON c.id = g.crossing_id
      CROSS JOIN LATERAL (SELECT
        coalesce(c.name_en, ${WORDS.placeEn}[g.place_k]) AS place_en,
        coalesce(c.name_ru, ${WORDS.placeRu}[g.place_k]) AS place_ru,
        coalesce(c.name_zh, c.name_en, ${WORDS.placeZh}[g.place_k]) AS place_zh,
        coalesce(c.country_code, ${WORDS.placeCountry}[g.place_k]) AS country_code) p
      LEFT JOIN countries pc ON pc.code = p.country_code
      LEFT JOIN bench_seizure bs ON bs.n = g.n
      LEFT JOIN substances s ON s.id = bs.substance_id
      LEFT JOIN countries oc ON oc.code = bs.origin
      LEFT JOIN countries dc ON dc.code = bs.destination
      CROSS JOIN LATERAL (SELECT
        trim_scale(bs.quantity)::text || ' ' || bs.unit AS quantity,
        coalesce(lower(left(s.name_en, 1)) || substr(s.name_en, 2), 'unidentified substance') AS substance_en,
        coalesce(lower(s.name_ru), 'неустановленное вещество') AS substance_ru,
        coalesce(s.name_zh, s.name_en, '不明物质') AS substance_zh) t
      LEFT JOIN bench_company bc ON bc.n = g.n
      LEFT JOIN (
        SELECT n, string_agg(concat_ws(' ', latin, cyrillic, chinese), ' ' ORDER BY position) AS names,
               string_agg(latin, ', ' ORDER BY position) AS latin_list
        FROM bench_person GROUP BY n
      ) bp ON bp.n = g.n
      WHERE ${mine("g.n")}
    `,
    ),
  );

  await sql.unsafe(`ALTER TABLE notices ENABLE TRIGGER notices_substances_insert`);
  // Rebuilt from every notice (the demo's have their rows already) as migration 0019 fills it.
  await step("substance filter's index (notice_substances)", () =>
    sql.unsafe(`
    TRUNCATE notice_substances;
    INSERT INTO notice_substances (substance_id, notice_id, tlp, published_at)
    SELECT DISTINCT s, n.id, n.tlp, n.published_at FROM notices n, unnest(n.substance_ids) s WHERE n.status = 'published'`),
  );
}

async function insertSeizureDetails({ sql, step, parallel }: Load) {
  // The summary columns were written with the notices (see bench_item_summary).
  await sql.unsafe(`ALTER TABLE seizure_items DISABLE TRIGGER seizure_items_summarize_insert`);
  await step("seizure details and items", () =>
    parallel(
      (mine) => `
      INSERT INTO seizure_details (notice_id, concealment, declared_as, declared_hs_code, conveyance, conveyance_ids, origin_countries,
        transit_countries, destination_countries, seizing_agency_id, created_at, updated_at)
      SELECT g.id,
        ${byLang(`${WORDS.concealEn}[bs.conceal_k]`, `${WORDS.concealRu}[bs.conceal_k]`, `${WORDS.concealZh}[bs.conceal_k]`)},
        ${byLang(`${WORDS.declaredEn}[bs.declared_k]`, `${WORDS.declaredRu}[bs.declared_k]`, `${WORDS.declaredZh}[bs.declared_k]`)},
        ${WORDS.declaredHs}[bs.declared_k],
        ${WORDS.conveyance}[bs.conveyance_k]::conveyance,
        ARRAY[bs.plate],
        ARRAY[bs.origin]::char(2)[],
        array_remove(ARRAY[bs.transit], NULL)::char(2)[],
        ARRAY[bs.destination]::char(2)[],
        g.agency_id, g.published_at, g.published_at
      FROM bench_seizure bs JOIN bench_gen g ON g.n = bs.n WHERE ${mine("g.n")};

      INSERT INTO seizure_items (notice_id, position, substance_id, quantity, unit, mass_kg)
      SELECT g.id, bi.position, bi.substance_id, bi.quantity, bi.unit, bi.mass_kg
      FROM bench_item bi JOIN bench_gen g ON g.n = bi.n WHERE ${mine("g.n")};
    `,
    ),
  );
  await sql.unsafe(`ALTER TABLE seizure_items ENABLE TRIGGER seizure_items_summarize_insert`);
}

async function insertCompanyAlerts({ step, parallel }: Load) {
  await step("company alerts", () =>
    parallel(
      (mine) => `
      INSERT INTO company_alerts (notice_id, names, registration_numbers, registration_country_code, addresses, owners, grounds,
        recommended_action, expires_on, created_at, updated_at)
      SELECT g.id,
        jsonb_build_array(jsonb_build_object('script', 'latin', 'name', bc.latin), jsonb_build_object('script', 'cyrillic', 'name', bc.cyrillic))
          || CASE WHEN bc.chinese IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('script', 'chinese', 'name', bc.chinese)) END,
        ARRAY[bc.registration],
        coalesce(c.country_code, ${WORDS.placeCountry}[g.place_k]),
        ARRAY[${WORDS.street}[bc.street_k] || ' ' || bc.house || ', ' || coalesce(c.name_en, ${WORDS.placeEn}[g.place_k])],
        bc.owners,
        ${WORDS.grounds}[bc.grounds_k]::company_ground[],
        ${WORDS.action}[bc.action_k],
        (g.published_at + interval '1 year')::date,
        g.published_at, g.published_at
      FROM bench_company bc JOIN bench_gen g ON g.n = bc.n LEFT JOIN crossings c ON c.id = g.crossing_id
      WHERE ${mine("g.n")};
    `,
    ),
  );
}

async function insertArrests({ step, parallel }: Load, { provisionGrid }: Grids) {
  await step("arrests, persons and charges", () =>
    parallel(
      (mine) => `
      INSERT INTO arrest_details (notice_id, arresting_agency_id, status, created_at, updated_at)
      SELECT g.id, g.agency_id,
        ${choice(
          weighted([
            ["detained", 40],
            ["charged", 35],
            ["convicted", 15],
            ["released", 10],
          ]),
        )}::arrest_status,
        g.published_at, g.published_at
      FROM bench_gen g WHERE g.kind = 'arrest' AND ${mine("g.n")};

      INSERT INTO arrest_persons (notice_id, position, names, nationality_code, birth_year, role)
      SELECT g.id, p.position, jsonb_strip_nulls(jsonb_build_object('latin', p.latin, 'cyrillic', p.cyrillic, 'chinese', p.chinese)),
        p.nationality, p.birth_year, p.role
      FROM bench_person p JOIN bench_gen g ON g.n = p.n WHERE ${mine("g.n")};

      INSERT INTO arrest_charges (notice_id, provision_id)
      SELECT g.id, ${provisionGrid.values}[g.ai][1 + floor(random() * ${provisionGrid.lengths}[g.ai])::int]
      FROM bench_gen g
      WHERE g.kind = 'arrest' AND ${provisionGrid.lengths}[g.ai] > 0 AND random() < 0.7 AND ${mine("g.n")};
    `,
    ),
  );
}

async function insertReleaseLists({ step, parallel }: Load, { agencies }: Grids, { agencyRows, members }: Reference, users: string[]) {
  await step("release lists and recipients", () =>
    parallel(
      (mine) => `
      -- Listed agencies other than the author's own: draw from the others and skip over it.
      INSERT INTO notice_release_agencies (notice_id, agency_id)
      SELECT x.id, ${agencies}[CASE WHEN x.j >= x.ai THEN x.j + 1 ELSE x.j END]
      FROM (
        SELECT g.id, g.ai, ${index(agencyRows.length - 1)} AS j
        FROM bench_gen g CROSS JOIN LATERAL generate_series(1, g.release_agencies) k
        WHERE g.release_agencies > 0 AND ${mine("g.n")}
      ) x
      ON CONFLICT DO NOTHING;

      INSERT INTO notice_release_countries (notice_id, country_code)
      SELECT g.id, ${choice(members)} FROM bench_gen g WHERE g.release_countries > 0 AND ${mine("g.n")};

      INSERT INTO notice_recipients (notice_id, user_id)
      SELECT x.id, x.user_id::uuid
      FROM (
        SELECT g.id, ${choice(users)} AS user_id
        FROM bench_gen g CROSS JOIN LATERAL generate_series(1, g.recipients) k
        WHERE g.recipients > 0 AND ${mine("g.n")}
      ) x
      ON CONFLICT DO NOTHING;
    `,
    ),
  );
}

/** The tables whose statement triggers keep the regional picture's pre-aggregate (migration 0029). */
const PICTURE_TRIGGER_TABLES = ["notices", "notice_release_agencies", "notice_release_countries", "seizure_items", "seizure_details"];

/**
 * Switches those triggers off for the load (as a superuser's `replica` session skips them anyway)
 * and on again before `picture_rebuild` counts everything in one pass.
 */
async function pictureTriggers({ sql }: Load, state: "ENABLE" | "DISABLE") {
  for (const table of PICTURE_TRIGGER_TABLES) {
    for (const op of ["insert", "update", "delete"]) await sql.unsafe(`ALTER TABLE ${table} ${state} TRIGGER picture_${table}_${op}`);
  }
}

/** After the load: staging dropped, the dictionary and indexes rebuilt, statistics taken; the rows counted. */
async function finishLoad(load: Load, indexes: { name: string; definition: string }[], ownServer: boolean) {
  const { sql, connections, workers, log, step } = load;
  await step("drop staging tables", () => sql.unsafe(`DROP TABLE bench_gen, bench_seizure, bench_item, bench_item_summary, bench_company, bench_person`));
  // What the notices' triggers count row by row (skipped by the load), in one statement.
  await step("spelling dictionary", () => sql`SELECT search_words_rebuild()`);
  // The indexes the load dropped, built side by side, biggest (GIN) first.
  const queue = [...indexes].sort((a, b) => Number(b.definition.includes("USING gin")) - Number(a.definition.includes("USING gin")));
  await step(`rebuild ${indexes.length} indexes`, () =>
    Promise.all(
      connections.map(async (connection) => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const t0 = performance.now();
          await connection.unsafe(next.definition);
          log(`    ${next.name.padEnd(46)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
        }
      }),
    ),
  );
  // Written out now, so that no checkpoint of the load runs during the measurements.
  if (ownServer) await step("CHECKPOINT", () => sql`CHECKPOINT`);
  await step("ANALYZE", () => Promise.all([...LOADED_TABLES, "users"].map((table, k) => connections[k % workers]!.unsafe(`ANALYZE ${table}`))));

  // The regional picture's pre-aggregate (migration 0029), whose statement triggers the load
  // skipped: from the notices with their indexes and statistics, in one set-based pass.
  await pictureTriggers(load, "ENABLE");
  await step("regional picture's pre-aggregate", async () => {
    await sql`SELECT picture_rebuild()`;
    await sql`ANALYZE picture_notices, picture_counts, picture_texts, picture_text_totals`;
  });

  const counts: Record<string, number> = {};
  for (const table of LOADED_TABLES) {
    const [row] = await sql.unsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = row!.n;
  }
  return counts;
}

/**
 * Adds `count` published notices (about 2% retracted) spread over 20 years to a migrated database
 * holding the reference data and the demo users, then rebuilds the indexes and analyzes.
 */
export async function generateNotices(
  url: string,
  count: number,
  { log = () => {}, ownServer = false }: { log?: Log; ownServer?: boolean } = {},
): Promise<Generated> {
  // One reserved connection per core: the big statements run in parallel, each over its share of
  // the staged rows; session settings are made on each connection.
  const workers = Math.max(1, Math.min(os.cpus().length, 4));
  const pool = postgres(url, { max: workers, onnotice: () => {}, idle_timeout: 0 });
  const connections = await Promise.all(Array.from({ length: workers }, () => pool.reserve()));
  const load = loadOn(connections, log);
  const started = performance.now();
  try {
    await prepareSessions(load, ownServer);
    const reference = await readReference(load);
    const authors = await createAuthors(load, reference);
    const users = (await load.sql<{ id: string }[]>`SELECT id FROM users WHERE status = 'active' ORDER BY id`).map((r) => r.id);
    const grids = drawGrids(reference, authors);
    const indexes = await dropIndexes(load);
    await pictureTriggers(load, "DISABLE");

    await stageNotices(load, grids, count);
    await load.step("stage seizures, companies and persons", async () => {
      await stageSeizures(load);
      await stageCompanies(load);
      await stagePersons(load, grids);
      await stageItems(load);
    });

    await insertNotices(load);
    await insertSeizureDetails(load);
    await insertCompanyAlerts(load);
    await insertArrests(load, grids);
    await insertReleaseLists(load, grids, reference, users);

    const counts = await finishLoad(load, indexes, ownServer);
    return { seconds: (performance.now() - started) / 1000, counts };
  } finally {
    for (const connection of connections) connection.release();
    await pool.end();
  }
}

/** The mix actually generated, for the report: notices per kind, TLP and status. */
export async function describeMix(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ what: string; value: string; n: number }[]>`
      SELECT 'kind' AS what, kind::text AS value, count(*)::int AS n FROM notices GROUP BY kind
      UNION ALL SELECT 'tlp', tlp::text, count(*)::int FROM notices GROUP BY tlp
      UNION ALL SELECT 'status', status::text, count(*)::int FROM notices GROUP BY status
      ORDER BY 1, 3 DESC`;
    const total = rows.filter((r) => r.what === "kind").reduce((sum, r) => sum + r.n, 0);
    const groups = new Map<string, string[]>();
    for (const r of rows) groups.set(r.what, [...(groups.get(r.what) ?? []), `${r.value} ${((100 * r.n) / total).toFixed(1)}%`]);
    return [...groups].map(([what, parts]) => `${what}: ${parts.join(", ")}`);
  } finally {
    await sql.end();
  }
}
