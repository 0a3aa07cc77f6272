#include "demo/residents.h"

#include <algorithm>

namespace weige::demo {
namespace {

constexpr int kPartyPercent = 6;

// Fills in everything but the surname-dependent name and the relation.
Person person(Rng& rng, IdentityMaker& ids, PersonKind kind, bool male, int birth_year,
              const std::string& surname, const std::string& relation, const std::string& address) {
  Person p;
  p.kind = kind;
  p.name = surname + random_given_name(rng, male);
  p.gender = male ? "m" : "f";
  p.birth_year = birth_year;
  Origin origin = kind == PersonKind::kTenant ? Origin::kTenant : Origin::kResident;
  p.id_number = ids.id_number(rng, origin, birth_year, male);
  if (birth_year <= kReferenceYear - 14) p.phone = ids.phone(rng);
  p.address = address;
  p.relation = relation;
  p.party_member = birth_year <= kReferenceYear - 18 && rng.chance(kPartyPercent);
  return p;
}

int household_size(Rng& rng) {
  int roll = rng.range(0, 99);
  if (roll < 18) return 1;
  if (roll < 52) return 2;
  if (roll < 82) return 3;
  return 4;
}

// Young unrelated adults sharing a rented flat.
std::vector<Person> flatmates(Rng& rng, IdentityMaker& ids, int size, const std::string& address) {
  std::vector<Person> out;
  for (int i = 0; i < size; ++i) {
    // One draw per statement: the order in which function arguments are
    // evaluated is unspecified, and the output must not depend on it.
    bool male = rng.chance(50);
    int year = rng.range(1985, 2003);
    std::string surname = random_surname(rng);
    out.push_back(person(rng, ids, PersonKind::kTenant, male, year, surname,
                         i == 0 ? "head" : "other", address));
  }
  return out;
}

std::vector<Person> family(Rng& rng, IdentityMaker& ids, PersonKind kind, int size,
                           const std::string& address) {
  std::vector<Person> out;
  bool head_male = rng.chance(50);
  int head_year = rng.range(1942, 1998);
  std::string head_surname = random_surname(rng);
  out.push_back(person(rng, ids, kind, head_male, head_year, head_surname, "head", address));
  if (size == 1) return out;

  int spouse_year = std::clamp(head_year + rng.range(-4, 4), 1940, 2000);
  std::string spouse_surname = random_surname(rng);
  out.push_back(person(rng, ids, kind, !head_male, spouse_year, spouse_surname, "spouse", address));
  const std::string& father_surname = head_male ? head_surname : spouse_surname;
  int children = size - 2;
  if (size == 4 && head_year >= 1975) {
    // A younger couple with one child and one of the head's parents.
    children = 1;
    bool parent_male = rng.chance(40);
    int parent_year = std::max(1925, head_year - rng.range(24, 32));
    std::string surname = head_surname;
    if (!parent_male) surname = random_surname(rng);
    out.push_back(person(rng, ids, kind, parent_male, parent_year, surname, "parent", address));
  }
  int base = std::min(head_year, spouse_year);
  for (int i = 0; i < children; ++i) {
    int year = base + rng.range(24, 34);
    year += i * rng.range(2, 5);
    year = std::min(kReferenceYear - 1, year);
    bool male = rng.chance(51);
    out.push_back(person(rng, ids, kind, male, year, father_surname, "child", address));
  }
  return out;
}

}  // namespace

std::vector<Person> make_household(Rng& rng, IdentityMaker& ids, bool tenant,
                                   const std::string& address) {
  int size = household_size(rng);
  if (tenant && size >= 2 && rng.chance(30)) return flatmates(rng, ids, size, address);
  return family(rng, ids, tenant ? PersonKind::kTenant : PersonKind::kResident, size, address);
}

Person make_staff(Rng& rng, IdentityMaker& ids, bool party_member) {
  bool male = rng.chance(50);
  int year = rng.range(1968, 1998);
  std::string surname = random_surname(rng);
  Person p = person(rng, ids, PersonKind::kStaff, male, year, surname, "", "");
  p.party_member = party_member;
  return p;
}

}  // namespace weige::demo
