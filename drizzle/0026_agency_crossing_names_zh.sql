-- Chinese names for the agencies and crossings whose source data has none (db/seed/reference-names-zh.ts),
-- for databases seeded before they existed; a name an administrator has set is kept.
UPDATE "agencies" AS t SET "name_zh" = v.name FROM (VALUES
  ('kz-sgd-customs', '哈萨克斯坦共和国财政部国家收入委员会（海关）'),
  ('kz-border-service', '哈萨克斯坦共和国国家安全委员会边防局'),
  ('kz-mvd-drug-committee', '哈萨克斯坦共和国内务部打击毒品犯罪委员会'),
  ('kz-knb', '哈萨克斯坦共和国国家安全委员会'),
  ('kg-customs', '吉尔吉斯共和国财政部下属国家海关署'),
  ('kg-border-service', '吉尔吉斯共和国国家安全委员会边防局'),
  ('kg-mvd-sbnon', '吉尔吉斯共和国内务部打击非法贩运毒品局'),
  ('kg-gknb', '吉尔吉斯共和国国家安全委员会'),
  ('tj-dca', '塔吉克斯坦共和国总统直属药物管制署'),
  ('tj-customs', '塔吉克斯坦共和国政府直属海关署'),
  ('tj-border-troops', '塔吉克斯坦共和国国家安全委员会边防军'),
  ('tj-mvd', '塔吉克斯坦共和国内务部'),
  ('tj-gknb', '塔吉克斯坦共和国国家安全委员会'),
  ('unodc-po-kz', '联合国毒品和犯罪问题办公室哈萨克斯坦项目办公室（阿斯塔纳）'),
  ('unodc-po-kg', '联合国毒品和犯罪问题办公室吉尔吉斯共和国项目办公室（比什凯克）'),
  ('unodc-po-tj', '联合国毒品和犯罪问题办公室塔吉克斯坦项目办公室（杜尚别）'),
  ('caricc', '中亚打击非法贩运麻醉药品、精神药物及其前体区域信息协调中心（阿拉木图）')
) AS v(id, name) WHERE t."id" = v.id AND t."name_zh" IS NULL;--> statement-breakpoint
UPDATE "crossings" AS t SET "name_zh" = v.name FROM (VALUES
  ('karkara', '卡尔卡拉（卡尔克拉—凯根）'),
  ('naryn', '纳伦（内陆海关监管站）'),
  ('osh', '奥什（内陆海关监管站）'),
  ('murgab', '穆尔加布海关监管站'),
  ('khorog', '霍罗格（海关；杰姆—杰莫甘阿富汗界桥）')
) AS v(id, name) WHERE t."id" = v.id AND t."name_zh" IS NULL;
