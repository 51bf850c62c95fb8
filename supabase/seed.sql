-- The city's plan as data: 厚木市「DX人材育成計画」（令和8年3月、企画部DX推進課・総務部職員課）.
-- Another municipality adapts the app by editing these rows. Re-runnable: existing rows are kept,
-- so the DX division's later edits are never overwritten (`supabase db push --include-seed`).

-- 7 必要となる知識等
insert into public.knowledge_areas (code, sort_order, name, name_en, description) values
  ('dx_basics', 1, 'DX基礎知識・最新動向', 'DX basics and latest trends',
   'DXとは何か、なぜ今DXが求められるのか（生産年齢人口の減少、多様化する市民ニーズ）、国や他の自治体の取組と最新のデジタル技術の動向。'),
  ('design_thinking', 2, 'デザイン思考', 'Design thinking',
   '市民の皆様や職員の立場に立って課題を捉え、アイデアを試作・検証しながら解決策をつくる考え方と手法。'),
  ('bpr', 3, 'BPR（業務改革）', 'BPR (business process re-engineering)',
   '慣れ親しんだ手法から脱却し、現状の業務フローを可視化して見直し、デジタル技術を前提に業務を組み立て直すための知識。'),
  ('generative_ai', 4, '生成AI', 'Generative AI',
   '生成AIの仕組みと得意・不得意、文書作成や要約など職場での業務改善への活用方法、利用上の留意点。'),
  ('information_security', 5, '情報セキュリティ', 'Information security',
   '情報資産を守るための基本的な対策と本市のルール、所属の職員等への周知徹底の方法。'),
  ('online_procedures', 6, '行政手続オンライン化', 'Online administrative procedures',
   '申請・届出などの行政手続をオンラインで完結させ、市民の皆様の利便性を高めるための考え方と進め方。'),
  ('it_governance', 7, 'ITガバナンス', 'IT governance',
   '情報システムへの投資と運用を全体最適の視点で管理する考え方。要件定義、手段の選定、仕様書や納入品の点検など調達の要点。'),
  ('system_management', 8, '情報システム管理', 'Information system management',
   '所属課等が所管するシステムの調達、保守、運用と、円滑な運用管理のための知識。'),
  ('cross_org_dx', 9, '全庁横断的なDX推進', 'Cross-organisational DX promotion',
   '所属を越えて全庁横断的な視点からDXを推進するための知識。データの分析・活用、DX推進管理者との連携、デジタルツールのトライアルへの協力。')
on conflict do nothing;

-- 4 DX人材の定義 / 5 DX人材の具体的な役割
insert into public.dx_roles (code, sort_order, name, name_en, definition, audience, duties) values
  ('leader', 1, 'DX推進リーダー', 'DX leader',
   '市のDXを牽引する職員。自身の職位にかかわらず、DXの知識習得に強い意欲を持ち、全庁横断的な視点からDXを推進する。',
   '希望する職員又はDX推進主管課が指名（職位を問わない）',
   '["業務効率化に向けたBPR（業務改革）の実施",
     "デジタルツールの活用による業務効率化の相談や技術的支援",
     "所属課等のシステムの調達、保守、運用",
     "システム発注時における要件定義、手段の選定、仕様書や納入品の点検等",
     "DX推進管理者との連携",
     "所属課等が保有するデータの分析、活用",
     "DX推進主管課が導入を検討するデジタルツールのトライアルへの協力"]'::jsonb),
  ('manager', 2, 'DX推進管理者', 'DX manager',
   '所属のDX推進を管理する係長職以上の職員。所属の業務における課題を洗い出し、デジタル技術を活用した業務改善に向けDX推進員を指導する。',
   '係長以上の全職員',
   '["所属課等におけるDX推進の管理",
     "DX推進リーダー及びDX推進員との連携",
     "担当業務の見直しに係るDX推進員への指示及び伴走支援",
     "必要なデジタルツールの導入検討及びDX推進主管課との調整",
     "情報セキュリティの確保及び所属の職員等への周知徹底",
     "システム所管課における円滑な運用管理"]'::jsonb),
  ('promoter', 3, 'DX推進員', 'DX promoter',
   '担当業務のDX推進を行う職員。DX推進管理者と連携して業務改善を図るとともに、デジタルツールを積極的に活用する。',
   '主事補～副主幹（係長権限なし）の全職員',
   '["担当業務の効率化に向けた見直し",
     "既存のデジタルツールの積極的活用",
     "業務効率化に資するデジタルツールの検討",
     "研修受講等によるデジタルリテラシーの向上",
     "最新のデジタル技術の情報収集",
     "情報セキュリティの確保",
     "システム所管課における円滑な運用管理"]'::jsonb)
on conflict do nothing;

-- 7 必要となる知識等（○の表）: leader all nine, manager 1–8, promoter 1–6.
insert into public.role_requirements (role_code, area_code)
select r.role_code, a.code
from (values ('leader', 9), ('manager', 8), ('promoter', 6)) as r (role_code, through_sort_order)
join public.knowledge_areas as a on a.sort_order <= r.through_sort_order
on conflict do nothing;

-- supervisory = 係長権限あり. 副主幹 has none, so it is a DX推進員 although it ranks above 主任.
insert into public.position_grades (code, name, rank, supervisory) values
  ('shujiho', '主事補', 1, false),
  ('shuji', '主事', 2, false),
  ('shunin', '主任', 3, false),
  ('fukushukan', '副主幹', 4, false),
  ('kakaricho', '係長', 5, true),
  ('kacho_hosa', '課長補佐', 6, true),
  ('kacho', '課長', 7, true),
  ('jicho', '次長', 8, true),
  ('bucho', '部長', 9, true)
on conflict do nothing;

-- 6 育成スケジュール: 30 + 30 + 20 = 80 leaders over 令和8〜10年度.
insert into public.fiscal_year_targets (fiscal_year, leader_target) values
  (2026, 30),
  (2027, 30),
  (2028, 20)
on conflict do nothing;

-- 8 研修内容
insert into public.training_kinds (code, sort_order, name, name_en, description, schedule_note, audience_note) values
  ('elearning', 1, 'デジタル人材育成研修', 'Digital talent e-learning',
   'e-Learningツールを活用した自席等による学習', '令和8～10年度（対象者は毎年選定）', '原則、DX推進リーダー'),
  ('dx_training', 2, 'DX研修', 'DX training',
   'DX全般又はテーマを絞った研修。実施方法：対面、動画等', '令和8～10年度（随時実施）', '研修内容に応じて対象を選定'),
  ('workshop', 3, 'DXワークショップ', 'DX workshop',
   '生成AI等、1つのテーマに絞り、職場での業務改善のヒントを得るための職場間交流（グループワーク）を含むワークショップ',
   '令和8～10年度', '研修内容に応じて対象を選定')
on conflict do nothing;

-- 認定: "必要となる研修の受講後、DX推進リーダーに認定する". The DX division may edit these rules.
insert into public.certification_rules (code, sort_order, kind, params, name, name_en, description) values
  ('candidacy', 1, 'candidacy', '{}',
   '立候補または指名によるリーダー候補であること', 'Be a leader candidate, volunteered or nominated',
   '希望する職員又はDX推進主管課が指名した職員が、年度を定めてDX推進リーダー候補となっていること。'),
  ('all_areas', 2, 'areas_completed', '{"role":"leader"}',
   '9つの知識分野すべての修了', 'Complete all nine knowledge areas',
   'DX推進リーダーに必要な9つの知識分野それぞれに、修了した学習記録が1件以上あること（研修・自己学習を問わない）。'),
  ('elearning', 3, 'training_completed', '{"training_kind":"elearning","fiscal_year":"candidacy"}',
   '候補年度のデジタル人材育成研修（e-Learning）の修了', 'Complete the digital talent e-learning of the candidacy year',
   '候補となった年度に実施されるデジタル人材育成研修（e-Learning）を修了していること。'),
  ('workshop', 4, 'training_attended_with_survey', '{"training_kind":"workshop","min_count":1}',
   'DXワークショップへの参加と効果測定アンケートの提出', 'Attend a DX workshop and submit its survey',
   'DXワークショップに1回以上参加し、その効果測定アンケートを提出していること。'),
  ('approval', 5, 'division_approval', '{}',
   'DX推進課による認定', 'Approval by the DX division',
   'DX推進課がDX推進リーダーとして認定すること。認定日の年度が育成目標の計上年度になる。')
on conflict do nothing;

-- 課等. uses_information_systems marks the sections that count toward leader coverage
-- (情報システムを利用する課等に1人程度); a few field units run no system of their own.
insert into public.departments (code, name, division_name, uses_information_systems, sort_order) values
  ('seisaku_kikaku', '政策企画課', '政策部', true, 1),
  ('seisaku_hisho', '秘書課', '政策部', true, 2),
  ('seisaku_koho', '広報戦略課', '政策部', true, 3),
  ('seisaku_kikikanri', '危機管理課', '政策部', true, 4),
  ('kikaku_kikaku', '企画政策課', '企画部', true, 5),
  ('kikaku_dx', 'DX推進課', '企画部', true, 6),
  ('kikaku_zaisan', '資産経営課', '企画部', true, 7),
  ('soumu_gyosei', '行政総務課', '総務部', true, 8),
  ('soumu_shokuin', '職員課', '総務部', true, 9),
  ('soumu_homu', '法務課', '総務部', true, 10),
  ('soumu_keiyaku', '契約検査課', '総務部', true, 11),
  ('soumu_eizen', '営繕課', '総務部', true, 12),
  ('zaimu_zaisei', '財政課', '財務部', true, 13),
  ('zaimu_shiminzei', '市民税課', '財務部', true, 14),
  ('zaimu_shisanzei', '資産税課', '財務部', true, 15),
  ('zaimu_nozei', '納税課', '財務部', true, 16),
  ('kyodo_suishin', '市民協働推進課', '市民協働推進部', true, 17),
  ('kyodo_shimin', '市民課', '市民協働推進部', true, 18),
  ('kyodo_chiiki', '地域づくり推進課', '市民協働推進部', true, 19),
  ('kyodo_bunka', '文化生涯学習課', '市民協働推進部', true, 20),
  ('kyodo_sports', 'スポーツ推進課', '市民協働推進部', true, 21),
  ('kyodo_soudan', '市民相談課', '市民協働推進部', true, 22),
  ('kyodo_kokusai', '国際交流課', '市民協働推進部', true, 23),
  ('fukushi_somu', '福祉総務課', '福祉部', true, 24),
  ('fukushi_seikatsu', '生活福祉課', '福祉部', true, 25),
  ('fukushi_shogai', '障がい福祉課', '福祉部', true, 26),
  ('fukushi_kaigo', '介護福祉課', '福祉部', true, 27),
  ('fukushi_chouju', '長寿支援課', '福祉部', true, 28),
  ('fukushi_chiiki_hokatsu', '地域包括ケア推進課', '福祉部', true, 29),
  ('kodomo_seisaku', 'こども政策課', 'こども未来部', true, 30),
  ('kodomo_kyufu', 'こども給付課', 'こども未来部', true, 31),
  ('kodomo_ikusei', 'こども育成課', 'こども未来部', true, 32),
  ('kodomo_hoiku', '保育課', 'こども未来部', true, 33),
  ('kodomo_katei', 'こども家庭課', 'こども未来部', true, 34),
  ('kodomo_seishonen', '青少年課', 'こども未来部', true, 35),
  ('kenko_suishin', '健康づくり課', '健康医療部', true, 36),
  ('kenko_kokuho', '国保年金課', '健康医療部', true, 37),
  ('kenko_iryo', '医療政策課', '健康医療部', true, 38),
  ('kenko_hokenjo', '保健所総務課', '健康医療部', true, 39),
  ('kenko_eisei', '生活衛生課', '健康医療部', true, 40),
  ('kankyo_seisaku', '環境政策課', '環境農政部', true, 41),
  ('kankyo_jigyo', '環境事業課', '環境農政部', true, 42),
  ('kankyo_center', '環境センター', '環境農政部', false, 43),
  ('kankyo_nogyo', '農業政策課', '環境農政部', true, 44),
  ('kankyo_noseki', '農業委員会事務局', '環境農政部', true, 45),
  ('sangyo_shinko', '産業振興課', '産業振興部', true, 46),
  ('sangyo_shogyo', '商業にぎわい課', '産業振興部', true, 47),
  ('sangyo_kanko', '観光振興課', '産業振興部', true, 48),
  ('sangyo_koyo', '雇用労政課', '産業振興部', true, 49),
  ('toshi_keikaku', '都市計画課', '都市計画部', true, 50),
  ('toshi_shigaichi', '市街地整備課', '都市計画部', true, 51),
  ('toshi_jutaku', '住宅課', '都市計画部', true, 52),
  ('toshi_kenchiku', '建築指導課', '都市計画部', true, 53),
  ('toshi_kaihatsu', '開発審査課', '都市計画部', true, 54),
  ('toshi_kotsu', '交通政策課', '都市計画部', true, 55),
  ('doro_kanri', '道路管理課', '道路部', true, 56),
  ('doro_seibi', '道路整備課', '道路部', true, 57),
  ('doro_iji', '道路維持課', '道路部', true, 58),
  ('doro_iji_jimusho', '道路維持事務所', '道路部', false, 59),
  ('kasen_seibi', '河川整備課', '河川みどり部', true, 60),
  ('kasen_gesuido', '下水道施設課', '河川みどり部', true, 61),
  ('kasen_midori', 'みどり公園課', '河川みどり部', true, 62),
  ('kasen_koen_jimusho', '公園管理事務所', '河川みどり部', false, 63),
  ('shobo_somu', '消防総務課', '消防本部', true, 64),
  ('shobo_yobo', '予防課', '消防本部', true, 65),
  ('shobo_keibo', '警防課', '消防本部', true, 66),
  ('shobo_shirei', '情報指令課', '消防本部', true, 67),
  ('shobo_atsugi', '厚木消防署', '消防本部', true, 68),
  ('shobo_kita_bunsho', '北分署', '消防本部', false, 69),
  ('shobo_minami_bunsho', '南分署', '消防本部', false, 70),
  ('kyoiku_somu', '教育総務課', '教育委員会', true, 71),
  ('kyoiku_shisetsu', '学校施設課', '教育委員会', true, 72),
  ('kyoiku_gakumu', '学務課', '教育委員会', true, 73),
  ('kyoiku_shido', '教育指導課', '教育委員会', true, 74),
  ('kyoiku_kyushoku', '学校給食課', '教育委員会', true, 75),
  ('kyoiku_kyushoku_center', '学校給食センター', '教育委員会', false, 76),
  ('kyoiku_shakai', '社会教育課', '教育委員会', true, 77),
  ('kyoiku_bunkazai', '文化財保護課', '教育委員会', true, 78),
  ('kyoiku_toshokan', '中央図書館', '教育委員会', true, 79),
  ('kaikei', '会計課', '会計管理者', true, 80),
  ('gikai_somu', '議会総務課', '議会事務局', true, 81),
  ('gikai_giji', '議事課', '議会事務局', true, 82),
  ('senkyo', '選挙管理委員会事務局', '選挙管理委員会', true, 83),
  ('kansa', '監査委員事務局', '監査委員', true, 84)
on conflict do nothing;
