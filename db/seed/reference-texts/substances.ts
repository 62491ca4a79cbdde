import type { Translation } from "./types";

/**
 * Russian and Chinese for the free texts of db/seed/data/precursors.json (illicit_use, licit_uses,
 * control_history), by their English: many substances share one (every ester of a group has the
 * same history), so a text is translated once. CND: Commission on Narcotic Drugs (КНС, 麻委会).
 */
export const SUBSTANCE_TEXTS: Record<string, Translation> = {
  // What the substance is used for illicitly.
  "heroin (acetylation)": { ru: "героин (ацетилирование)", zh: "海洛因（乙酰化）" },
  methaqualone: { ru: "метаквалон", zh: "甲喹酮" },
  fentanyl: { ru: "фентанил", zh: "芬太尼" },
  methamphetamine: { ru: "метамфетамин", zh: "甲基苯丙胺" },
  "amphetamine/methamphetamine": { ru: "амфетамин/метамфетамин", zh: "苯丙胺/甲基苯丙胺" },
  LSD: { ru: "ЛСД", zh: "麦角酰二乙胺（LSD）" },
  MDMA: { ru: "МДМА", zh: "亚甲二氧基甲基苯丙胺（MDMA）" },
  "cocaine (oxidation)": { ru: "кокаин (окисление)", zh: "可卡因（氧化）" },
  solvent: { ru: "растворитель", zh: "溶剂" },
  "acid (hydrochloride salt formation)": { ru: "кислота (получение гидрохлоридов)", zh: "酸（制成盐酸盐）" },
  "phencyclidine (PCP)": { ru: "фенциклидин (PCP)", zh: "苯环利定（PCP）" },
  "acid (coca leaf extraction / cocaine)": { ru: "кислота (экстракция из листьев коки / кокаин)", zh: "酸（古柯叶提取/可卡因）" },

  // Its lawful uses.
  "cellulose acetate, pharmaceuticals": { ru: "ацетат целлюлозы, фармацевтика", zh: "醋酸纤维素、药品" },
  "pharmaceutical intermediate, dyes": { ru: "фармацевтический полупродукт, красители", zh: "医药中间体、染料" },
  "licit fentanyl manufacture": { ru: "законное производство фентанила", zh: "合法生产芬太尼" },
  "licit fentanyl synthesis": { ru: "законный синтез фентанила", zh: "合法合成芬太尼" },
  "research, pharmaceutical intermediate": { ru: "научные исследования, фармацевтический полупродукт", zh: "科研、医药中间体" },
  "research, synthesis intermediate": { ru: "научные исследования, промежуточный продукт синтеза", zh: "科研、合成中间体" },
  "analytical reference standard": { ru: "аналитический стандартный образец", zh: "分析用标准物质" },
  "pharmaceutical/chemical intermediate": { ru: "фармацевтический/химический полупродукт", zh: "医药/化工中间体" },
  "bronchodilator, decongestant medicines": { ru: "бронхолитические и противоотёчные лекарства", zh: "支气管扩张药、减充血药" },
  "cold/decongestant medicines": { ru: "лекарства от простуды и противоотёчные средства", zh: "感冒药/减充血药" },
  "decongestant, veterinary medicine": { ru: "противоотёчное средство, ветеринарные лекарства", zh: "减充血药、兽药" },
  "obstetrics (uterotonic)": { ru: "акушерство (утеротоническое средство)", zh: "产科（子宫收缩药）" },
  "migraine medicines": { ru: "лекарства от мигрени", zh: "偏头痛药物" },
  "ergot alkaloid synthesis": { ru: "синтез алкалоидов спорыньи", zh: "麦角生物碱合成" },
  "piperonal production, perfumery": { ru: "производство пиперонала, парфюмерия", zh: "生产胡椒醛、香料" },
  "perfumery, piperonal production": { ru: "парфюмерия, производство пиперонала", zh: "香料、生产胡椒醛" },
  "fragrances, flavours": { ru: "душистые вещества, ароматизаторы", zh: "香精、香料" },
  "limited (chemical intermediate)": { ru: "ограниченное (химический полупродукт)", zh: "有限（化工中间体）" },
  "none known (designer precursor)": { ru: "неизвестно («дизайнерский» прекурсор)", zh: "无已知用途（“定制”前体）" },
  "pharmaceutical intermediate": { ru: "фармацевтический полупродукт", zh: "医药中间体" },
  "penicillin G production, perfumes": { ru: "производство пенициллина G, парфюмерия", zh: "生产青霉素G、香水" },
  "none significant (research)": { ru: "существенного нет (научные исследования)", zh: "无重要用途（科研）" },
  "water treatment, oxidant": { ru: "водоподготовка, окислитель", zh: "水处理、氧化剂" },
  "industrial solvent, plastics": { ru: "промышленный растворитель, пластмассы", zh: "工业溶剂、塑料" },
  "dyes, pharmaceuticals, perfumes": { ru: "красители, фармацевтика, парфюмерия", zh: "染料、药品、香水" },
  "laboratory/industrial solvent": { ru: "лабораторный/промышленный растворитель", zh: "实验室/工业溶剂" },
  "metal pickling, pH control": { ru: "травление металлов, регулирование pH", zh: "金属酸洗、pH调节" },
  "solvent, coatings": { ru: "растворитель, лакокрасочные покрытия", zh: "溶剂、涂料" },
  "rubber chemicals, pharmaceuticals": { ru: "химикаты для резины, фармацевтика", zh: "橡胶助剂、药品" },
  "fertilizers, batteries": { ru: "удобрения, аккумуляторы", zh: "化肥、蓄电池" },
  "solvent, fuel blending": { ru: "растворитель, компаундирование топлива", zh: "溶剂、燃料调配" },

  // How it came under control.
  "1988 Table II; transferred to Table I (2001, unverified date)": {
    ru: "Таблица II 1988 года; перевод в Таблицу I (2001, дата не проверена)",
    zh: "1988年列入表二；后移入表一（2001年，日期未经核实）",
  },
  "added to Table I 1992 (unverified date)": { ru: "включение в Таблицу I в 1992 году (дата не проверена)", zh: "1992年列入表一（日期未经核实）" },
  "added to Table I 2017 (CND 60)": { ru: "включение в Таблицу I в 2017 году (60-я сессия КНС)", zh: "2017年列入表一（麻委会第60届会议）" },
  "CND decision March 2022; in force 23 Nov 2022": {
    ru: "решение КНС, март 2022 года; вступление в силу 23 ноября 2022 года",
    zh: "麻委会2022年3月决定；2022年11月23日生效",
  },
  "CND decision March 2024 (CND 67); in force 3 Dec 2024": {
    ru: "решение КНС, март 2024 года (67-я сессия КНС); вступление в силу 3 декабря 2024 года",
    zh: "麻委会2024年3月决定（第67届会议）；2024年12月3日生效",
  },
  "1988 Table I": { ru: "Таблица I 1988 года", zh: "1988年列入表一" },
  "added to Table I c. 2000 (unverified date)": { ru: "включение в Таблицу I около 2000 года (дата не проверена)", zh: "约2000年列入表一（日期未经核实）" },
  "CND decision 19 Mar 2019; effective late 2019 (all stereoisomers)": {
    ru: "решение КНС от 19 марта 2019 года; действует с конца 2019 года (все стереоизомеры)",
    zh: "麻委会2019年3月19日决定；2019年底生效（包括所有立体异构体）",
  },
  "CND decision 19 Mar 2019; effective late 2019 (all stereoisomers). A third-party source (S11) claims a 2025 restructuring moved it into the ester footnote with control unchanged (unverified).":
    {
      en: "CND decision 19 Mar 2019; effective late 2019 (all stereoisomers). A third-party source claims a 2025 restructuring moved it into the ester footnote with control unchanged (not verified).",
      ru: "решение КНС от 19 марта 2019 года; действует с конца 2019 года (все стереоизомеры). По сведениям стороннего источника, при реорганизации 2025 года запись перенесена в сноску об эфирах без изменения режима контроля (не проверено).",
      zh: "麻委会2019年3月19日决定；2019年底生效（包括所有立体异构体）。据第三方资料，2025年的调整将其移入酯类脚注，管制不变（未经核实）。",
    },
  "one of seven PMK glycidic acid esters added by CND March 2024; in force 3 Dec 2024": {
    ru: "один из семи эфиров ПМК-глицидной кислоты, включённых решением КНС в марте 2024 года; вступление в силу 3 декабря 2024 года",
    zh: "麻委会2024年3月列管的七种PMK缩水甘油酸酯之一；2024年12月3日生效",
  },
  "1988 Table II; transferred to Table I 2010 (unverified date)": {
    ru: "Таблица II 1988 года; перевод в Таблицу I в 2010 году (дата не проверена)",
    zh: "1988年列入表二；2010年移入表一（日期未经核实）",
  },
  "added to Table I 2014 (unverified date)": { ru: "включение в Таблицу I в 2014 году (дата не проверена)", zh: "2014年列入表一（日期未经核实）" },
  "CND decision 19 Mar 2019; effective late 2019": {
    ru: "решение КНС от 19 марта 2019 года; действует с конца 2019 года",
    zh: "麻委会2019年3月19日决定；2019年底生效",
  },
  "INCB recommendation Nov 2019; CND decision March 2020 (decision date per secondary source S11)": {
    en: "INCB recommendation Nov 2019; CND decision March 2020 (decision date from a secondary source)",
    ru: "рекомендация МККН, ноябрь 2019 года; решение КНС, март 2020 года (дата решения по вторичному источнику)",
    zh: "国际麻管局2019年11月建议；麻委会2020年3月决定（决定日期来自二手资料）",
  },
  "added by CND March 2024 with eight esters; in force 3 Dec 2024": {
    ru: "включение решением КНС в марте 2024 года вместе с восемью эфирами; вступление в силу 3 декабря 2024 года",
    zh: "麻委会2024年3月连同八种酯一并列管；2024年12月3日生效",
  },
  "one of eight P-2-P methyl glycidic acid esters added by CND March 2024; in force 3 Dec 2024": {
    ru: "один из восьми эфиров метилглицидной кислоты Ф-2-П, включённых решением КНС в марте 2024 года; вступление в силу 3 декабря 2024 года",
    zh: "麻委会2024年3月列管的八种P-2-P甲基缩水甘油酸酯之一；2024年12月3日生效",
  },
  "added to Table II 1992; transferred to Table I 2001 (unverified dates)": {
    ru: "включение в Таблицу II в 1992 году; перевод в Таблицу I в 2001 году (даты не проверены)",
    zh: "1992年列入表二；2001年移入表一（日期未经核实）",
  },
  "1988 Table II": { ru: "Таблица II 1988 года", zh: "1988年列入表二" },
  "added to Table II 1992 (unverified date); salts of HCl not controlled (general knowledge)": {
    ru: "включение в Таблицу II в 1992 году (дата не проверена); соли соляной кислоты не контролируются (общеизвестные сведения)",
    zh: "1992年列入表二（日期未经核实）；盐酸盐不受管制（一般常识）",
  },
  "added to Table II 1992 (unverified date)": { ru: "включение в Таблицу II в 1992 году (дата не проверена)", zh: "1992年列入表二（日期未经核实）" },
  "added to Table II 1992 (unverified date); salts not controlled (general knowledge)": {
    ru: "включение в Таблицу II в 1992 году (дата не проверена); соли не контролируются (общеизвестные сведения)",
    zh: "1992年列入表二（日期未经核实）；其盐类不受管制（一般常识）",
  },
};
