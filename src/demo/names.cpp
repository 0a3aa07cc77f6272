#include "demo/names.h"

#include <array>
#include <cstdio>
#include <vector>

namespace weige::demo {
namespace {

struct Weighted {
  const char* text;
  int weight;
};

// Approximate relative frequencies (per mille) of common surnames in Sichuan.
constexpr auto kSurnames = std::to_array<Weighted>({
    {"李", 80}, {"王", 70}, {"张", 65},  {"刘", 55}, {"陈", 50}, {"杨", 40}, {"罗", 20}, {"黄", 22},
    {"赵", 18}, {"吴", 18}, {"周", 18},  {"徐", 13}, {"孙", 12}, {"马", 11}, {"朱", 11}, {"胡", 12},
    {"郭", 10}, {"何", 16}, {"高", 10},  {"林", 9},  {"郑", 8},  {"梁", 8},  {"谢", 10}, {"宋", 7},
    {"唐", 12}, {"许", 6},  {"韩", 5},   {"冯", 8},  {"邓", 10}, {"曹", 6},  {"彭", 8},  {"曾", 9},
    {"肖", 8},  {"田", 6},  {"董", 5},   {"袁", 7},  {"潘", 4},  {"于", 3},  {"蒋", 7},  {"蔡", 4},
    {"余", 7},  {"杜", 6},  {"叶", 4},   {"程", 4},  {"苏", 4},  {"魏", 4},  {"吕", 3},  {"丁", 3},
    {"任", 5},  {"沈", 3},  {"姚", 3},   {"卢", 4},  {"姜", 3},  {"崔", 2},  {"钟", 4},  {"谭", 4},
    {"陆", 2},  {"汪", 3},  {"范", 3},   {"金", 2},  {"石", 3},  {"廖", 5},  {"贾", 2},  {"夏", 3},
    {"韦", 1},  {"付", 4},  {"方", 3},   {"白", 2},  {"邹", 3},  {"孟", 2},  {"熊", 4},  {"秦", 2},
    {"邱", 3},  {"江", 3},  {"尹", 2},   {"薛", 2},  {"闫", 1},  {"段", 2},  {"雷", 3},  {"侯", 2},
    {"龙", 2},  {"史", 2},  {"陶", 2},   {"黎", 2},  {"贺", 2},  {"顾", 1},  {"毛", 2},  {"郝", 1},
    {"龚", 2},  {"邵", 2},  {"万", 2},   {"钱", 1},  {"严", 2},  {"向", 3},  {"汤", 2},  {"文", 3},
    {"蒲", 2},  {"税", 1},  {"欧阳", 1}, {"赖", 2},
});

constexpr std::array kMaleChars{
    "伟", "强", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "林", "阳", "峰", "建",
    "国", "志", "文", "海", "磊", "东", "亮", "成", "兵", "荣", "武", "德", "福", "贵", "祥",
    "昊", "然", "博", "睿", "泽", "轩", "子", "航", "晨", "川", "蜀", "锐", "毅", "嘉", "诚"};

constexpr std::array kFemaleChars{
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "英", "玲", "燕", "红", "梅", "琳",
    "婷", "雪", "慧", "颖", "倩", "洁", "丹", "萍", "兰", "桂", "琴", "蓉", "欣", "怡", "佳",
    "玉", "月", "莉", "晶", "淑", "珍", "凤", "华", "萱", "涵", "诗", "雨", "思", "琪", "悦",
    "可", "梓", "瑶", "蕾", "薇", "妍", "露", "春", "秋", "素", "巧", "云", "彤", "媛", "馨"};

constexpr std::array kPhonePrefixes{"130", "131", "132", "133", "134", "135", "136", "137", "138",
                                    "139", "150", "151", "152", "153", "155", "156", "157", "158",
                                    "159", "166", "173", "177", "180", "181", "182", "183", "184",
                                    "185", "186", "187", "188", "189", "191", "198", "199"};

// Administrative division codes: Chengdu districts, other Sichuan cities,
// other provinces.
constexpr std::array kChengduRegions{"510108", "510104", "510105", "510106", "510107",
                                     "510112", "510113", "510114", "510115", "510116"};
constexpr std::array kSichuanRegions{"511302", "510502", "511102", "510703", "511602",
                                     "511902", "513401", "510681", "511303", "511502"};
constexpr std::array kOtherRegions{"500103", "500112", "420106", "610113",
                                   "530102", "520102", "430104", "410105"};

constexpr std::array kSubdistricts{"万年场街道", "猛追湾街道", "双桥子街道", "府青路街道",
                                   "二仙桥街道", "跳蹬河街道", "双水碾街道", "驷马桥街道",
                                   "青龙街道",   "白莲池街道", "保和街道",   "龙潭街道"};

constexpr std::array kCommunities{
    "双福路", "东虹路", "建设路", "杉板桥", "槐树店", "新鸿路", "双林路", "八里庄", "府青路",
    "桃蹊路", "二仙桥", "双庆路", "培华",   "崔家店", "东秀",   "名都",   "猛追湾", "望平",
    "跳蹬河", "水碾河", "驷马桥", "青龙场", "龙潭",   "保和",   "白莲池", "李家沱", "圣灯",
    "东林",   "和美",   "万科",   "麻石桥", "五里桩", "东篱",   "蜀龙",   "华林",   "刃具"};

constexpr std::array kCompoundPrefixes{
    "锦华", "双福", "万年", "东虹", "和美", "翠竹", "桂馨", "晨曦", "金桂", "学府", "映月",
    "南山", "福源", "瑞景", "嘉禾", "润福", "怡心", "宏达", "新华", "建设", "望江", "蓝湾",
    "锦城", "天府", "红星", "府青", "盛世", "名都", "康乐", "长青", "紫荆", "银杏", "芙蓉",
    "东篱", "清水", "玉林", "丽景", "凯旋", "阳光", "幸福", "同心", "安居", "馨园", "龙湾"};
constexpr std::array kCompoundSuffixes{"苑",   "小区", "花园", "家园", "院落",
                                       "华庭", "新居", "雅居", "公寓", "名城"};

constexpr std::array kTradeWords{"锦程", "天府", "蓉城", "华信", "博远", "启航", "智联",
                                 "众合", "恒信", "鼎盛", "嘉和", "瑞达", "云端", "蜀道",
                                 "汇通", "川味", "巴蜀", "老街", "东门", "福满"};
constexpr std::array kCompanyKinds{"科技有限公司",     "信息技术有限公司", "文化传媒有限公司",
                                   "商务咨询有限公司", "会计师事务所",     "律师事务所",
                                   "教育培训中心",     "建筑设计事务所"};
constexpr std::array kShopKinds{"超市",   "服饰",   "影城",   "书店",
                                "大药房", "母婴店", "数码店", "餐厅"};
constexpr std::array kStreetKinds{"火锅", "串串香", "面馆",   "茶馆",  "烧烤",
                                  "冒菜", "甜品店", "便利店", "理发店"};

template <std::size_t N>
const char* pick(Rng& rng, const std::array<const char*, N>& table) {
  return table[rng.index(N)];
}

int days_in_month(int year, int month) {
  static constexpr std::array kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

const char* region(Rng& rng, Origin origin) {
  int roll = rng.range(0, 99);
  int chengdu = origin == Origin::kResident ? 75 : 40;
  int sichuan = origin == Origin::kResident ? 95 : 80;
  if (roll < chengdu) return pick(rng, kChengduRegions);
  if (roll < sichuan) return pick(rng, kSichuanRegions);
  return pick(rng, kOtherRegions);
}

// "万年场街道" for i < 12, then "万年场街道2" and so on.
template <std::size_t N>
std::string numbered(const std::array<const char*, N>& table, std::size_t i,
                     std::string_view suffix) {
  std::string name = std::string(table[i % N]) + std::string(suffix);
  if (i >= N) name += std::to_string(i / N + 1);
  return name;
}

}  // namespace

char id_check_digit(std::string_view first17) {
  static constexpr std::array kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[static_cast<std::size_t>(sum % 11)];
}

bool id_number_checks(std::string_view id) {
  if (id.size() != 18) return false;
  for (std::size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
  }
  return id[17] == id_check_digit(id.substr(0, 17));
}

std::string random_surname(Rng& rng) {
  static const int total = [] {
    int t = 0;
    for (const auto& s : kSurnames) t += s.weight;
    return t;
  }();
  int roll = rng.range(0, total - 1);
  for (const auto& s : kSurnames) {
    if (roll < s.weight) return s.text;
    roll -= s.weight;
  }
  return kSurnames[0].text;
}

std::string random_given_name(Rng& rng, bool male) {
  const auto& table = male ? kMaleChars : kFemaleChars;
  std::string name = pick(rng, table);
  if (rng.chance(70)) name += pick(rng, table);
  return name;
}

std::string IdentityMaker::phone(Rng& rng) {
  for (;;) {
    std::string prefix = pick(rng, kPhonePrefixes);
    std::int64_t rest = rng.range(std::int64_t{0}, std::int64_t{99'999'999});
    std::uint64_t key = std::stoull(prefix) * 100'000'000ULL + static_cast<std::uint64_t>(rest);
    if (!phones_.insert(key).second) continue;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%08lld", prefix.c_str(), static_cast<long long>(rest));
    return buf;
  }
}

std::string IdentityMaker::id_number(Rng& rng, Origin origin, int birth_year, bool male) {
  for (;;) {
    const char* area = region(rng, origin);
    int month = rng.range(1, 12);
    int day = rng.range(1, days_in_month(birth_year, month));
    int sequence = rng.range(0, 499) * 2 + (male ? 1 : 0);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%04d%02d%02d%03d", area, birth_year, month, day, sequence);
    std::string id(buf);
    if (!id_numbers_.insert(std::stoull(id)).second) continue;
    return id + id_check_digit(id);
  }
}

std::string strip_suffix(std::string_view name, std::string_view suffix) {
  if (name.size() > suffix.size() && name.ends_with(suffix)) {
    name.remove_suffix(suffix.size());
  }
  return std::string(name);
}

std::string subdistrict_name(std::size_t i) {
  return numbered(kSubdistricts, i, "");
}

std::string community_name(std::size_t i) {
  return numbered(kCommunities, i, "社区");
}

std::string compound_name(Rng& rng, std::unordered_set<std::string>& taken) {
  for (int attempt = 0;; ++attempt) {
    std::string name = pick(rng, kCompoundPrefixes);
    name += pick(rng, kCompoundSuffixes);
    if (attempt >= 20) name += std::to_string(attempt) + "期";
    if (taken.insert(name).second) return name;
  }
}

std::string business_name(Rng& rng, BusinessSite site, std::unordered_set<std::string>& taken) {
  for (int attempt = 0;; ++attempt) {
    std::string word = pick(rng, kTradeWords);
    std::string name;
    switch (site) {
      case BusinessSite::kOfficeTower:
        name = "成都" + word + pick(rng, kCompanyKinds);
        break;
      case BusinessSite::kMall:
        name = word + pick(rng, kShopKinds);
        break;
      case BusinessSite::kShopStreet:
        name = word + pick(rng, kStreetKinds);
        break;
    }
    if (attempt >= 20) name += "(" + std::to_string(attempt) + ")";
    if (taken.insert(name).second) return name;
  }
}

}  // namespace weige::demo
