#pragma once
// Plausible Chinese names, mobile numbers, resident ID numbers and place
// names for the demo generator. Everything is drawn from an Rng, so a seed
// gives the same people and places every time.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "demo/rng.h"

namespace weige::demo {

// The check character of a resident ID number (GB 11643-1999, ISO 7064
// MOD 11-2) from its first 17 digits: '0'-'9' or 'X'.
char id_check_digit(std::string_view first17);
// Whether an 18-character ID number has a correct check character.
bool id_number_checks(std::string_view id);

// A surname drawn by its approximate frequency in Sichuan (王, 李, 张 ...).
std::string random_surname(Rng& rng);
// A one- or two-character given name typical of the gender.
std::string random_given_name(Rng& rng, bool male);

// Where a person's ID number was issued: mostly Chengdu for residents, more
// often elsewhere in Sichuan or another province for tenants.
enum class Origin { kResident, kTenant };

// Phone and ID numbers that are unique among all those one maker has issued.
// A collision is redrawn, so the output depends only on the seed and the
// order of calls.
class IdentityMaker {
 public:
  // An 11-digit mobile number with a real carrier prefix (138..., 159...).
  std::string phone(Rng& rng);
  // An 18-character ID number: region of `origin`, the birth date, a sequence
  // number whose parity is the gender (odd male), and the check character.
  std::string id_number(Rng& rng, Origin origin, int birth_year, bool male);

 private:
  std::unordered_set<std::uint64_t> phones_;
  std::unordered_set<std::uint64_t> id_numbers_;
};

// `name` without a trailing `suffix`, unless that would leave nothing:
// strip_suffix("双福路社区", "社区") == "双福路".
std::string strip_suffix(std::string_view name, std::string_view suffix);

// Place names. `i` counts from 0; names repeat with a number once a table is
// exhausted, so every i gives a distinct name.
std::string subdistrict_name(std::size_t i);  // 万年场街道, 猛追湾街道, ...
std::string community_name(std::size_t i);    // 双福路社区, 东虹路社区, ...
// A compound name such as 锦华苑 or 翠竹家园, not in `taken`; adds it to `taken`.
std::string compound_name(Rng& rng, std::unordered_set<std::string>& taken);

enum class BusinessSite { kOfficeTower, kMall, kShopStreet };
// A business fitting its site: a company in a tower, a shop in a mall, a
// restaurant on a shop street. Not in `taken`; adds it to `taken`.
std::string business_name(Rng& rng, BusinessSite site, std::unordered_set<std::string>& taken);

}  // namespace weige::demo
