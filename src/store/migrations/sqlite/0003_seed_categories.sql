-- 0003: the seeded two-level category taxonomy (editable by admins), and the
-- default routing rules. Time limits are in working hours per stage.

INSERT INTO categories (id, code, parent_id, name_zh, name_en, pinyin, icon, level, path, needs_verification, accept_hours, dispatch_hours, resolve_hours, verify_hours) VALUES
 (1,  'dispute',      NULL, '矛盾纠纷', 'Disputes',            'mdjf', 'handshake', 'micro', 'micro_grid', 1, 1, 1, 16, 8),
 (2,  'environment',  NULL, '环境卫生', 'Environment',         'hjws', 'leaf',      'small', 'community', 1, 2, 2, 24, 8),
 (3,  'order',        NULL, '城市秩序', 'Public order',        'csz',  'traffic',   'small', 'community', 1, 2, 2, 24, 8),
 (4,  'facilities',   NULL, '公共设施', 'Public facilities',   'ggss', 'tools',     'small', 'community', 1, 2, 2, 40, 8),
 (5,  'property',     NULL, '物业服务', 'Property services',   'wyfw', 'building',  'small', 'property_company', 1, 2, 2, 24, 8),
 (6,  'safety',       NULL, '安全隐患', 'Safety hazards',      'aqyh', 'warning',   'small', 'community', 1, 1, 1, 16, 8),
 (7,  'care',         NULL, '关爱帮扶', 'Care and help',       'gabf', 'heart',     'micro', 'micro_grid', 1, 1, 1, 16, 8),
 (8,  'enquiry',      NULL, '政策咨询', 'Policy enquiries',    'zczx', 'question',  'micro', 'micro_grid', 0, 1, 1, 8, 8),
 (9,  'suggestion',   NULL, '意见建议', 'Suggestions',         'yjjy', 'bulb',      'small', 'community', 0, 2, 2, 40, 8),
 (10, 'praise',       NULL, '表扬感谢', 'Praise',              'bygx', 'star',      'micro', 'micro_grid', 0, 1, 1, 8, 8);

INSERT INTO categories (id, code, parent_id, name_zh, name_en, pinyin, icon, level, path, needs_verification, accept_hours, dispatch_hours, resolve_hours, verify_hours) VALUES
 (101, 'dispute.neighbour',          1, '邻里纠纷',       'Neighbour dispute',            'ljjf',   'handshake', 'micro', 'micro_grid', 1, 1, 1, 16, 8),
 (102, 'dispute.pets',               1, '宠物扰民',       'Pets disturbing neighbours',   'cwrm',   'pet',       'micro', 'micro_grid', 1, 1, 1, 16, 8),
 (103, 'dispute.noise',              1, '噪音扰民',       'Noise',                        'zyrm',   'volume',    'micro', 'micro_grid', 1, 1, 1, 16, 8),
 (201, 'environment.fumes',          2, '油烟异味',       'Cooking fumes and smells',     'yyyw',   'smoke',     'small', 'community', 1, 2, 2, 40, 8),
 (202, 'environment.sanitation',     2, '环境卫生',       'Sanitation and rubbish',       'hjws',   'trash',     'small', 'community', 1, 2, 2, 24, 8),
 (301, 'order.thrown_objects',       3, '高空抛物',       'Objects thrown from height',   'gkpw',   'alert',     'small', 'police', 1, 1, 1, 16, 8),
 (302, 'order.illegal_construction', 3, '违章搭建',       'Illegal construction',         'wzdj',   'hammer',    'big',   'subdistrict', 1, 2, 2, 80, 16),
 (303, 'order.street_vending',       3, '占道经营',       'Street vending, road occupation', 'zdjy', 'shop',      'big',   'subdistrict', 1, 2, 2, 40, 8),
 (304, 'order.parking',              3, '乱停乱放',       'Parking on pavements',         'ltlf',   'car',       'small', 'community', 1, 2, 2, 24, 8),
 (401, 'facilities.public',          4, '公共设施损坏',   'Damaged public facilities',    'ggsssh', 'tools',     'small', 'community', 1, 2, 2, 40, 8),
 (501, 'property.lift',              5, '电梯故障',       'Lift out of order',            'dtgz',   'lift',      'small', 'property_company', 1, 1, 1, 8, 8),
 (502, 'property.leak',              5, '漏水渗水',       'Leaks',                        'lsss',   'drop',      'small', 'property_company', 1, 2, 2, 24, 8),
 (503, 'property.cleaning',          5, '保洁',           'Cleaning',                     'bj',     'broom',     'micro', 'property_company', 1, 2, 2, 16, 8),
 (504, 'property.greenery',          5, '绿化养护',       'Greenery',                     'lhyh',   'tree',      'micro', 'property_company', 1, 2, 2, 40, 8),
 (505, 'property.security',          5, '安保门禁',       'Security and access',          'abmj',   'lock',      'small', 'property_company', 1, 1, 1, 16, 8),
 (601, 'safety.fire_exit',           6, '消防通道堵塞',   'Blocked fire exits',           'xftdds', 'fire',      'small', 'community', 1, 1, 1, 8, 8),
 (602, 'safety.ebike_charging',      6, '电动车楼道充电', 'E-bikes charged in corridors', 'ddcldcd','bolt',      'small', 'community', 1, 1, 1, 8, 8),
 (701, 'care.elderly',               7, '老年人帮扶',     'Help for the elderly',         'lnrbf',  'elder',     'micro', 'micro_grid', 1, 1, 1, 16, 8),
 (702, 'care.disabled',              7, '残疾人帮扶',     'Help for the disabled',        'cjrbf',  'wheelchair','micro', 'micro_grid', 1, 1, 1, 16, 8),
 (801, 'enquiry.policy',             8, '政策咨询',       'Policy enquiry',               'zczx',   'question',  'micro', 'micro_grid', 0, 1, 1, 8, 8),
 (901, 'suggestion.general',         9, '意见建议',       'Suggestion',                   'yjjy',   'bulb',      'small', 'community', 0, 2, 2, 40, 8),
 (1001,'praise.general',            10, '表扬感谢',       'Praise',                       'bygx',   'star',      'micro', 'micro_grid', 0, 1, 1, 8, 8);

-- Property matters go to the property company when the place has a contract;
-- objects thrown from height go to the community police.
INSERT INTO routing_rules (id, priority, category_id, requires_property_contract, handler, note) VALUES
 (1, 100, 5,   1, 'property_company', 'property services go to the contracted property company'),
 (2, 90,  301, 0, 'police',           'thrown objects are a police matter');
