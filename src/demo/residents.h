#pragma once
// The people of one generated household.

#include <string>
#include <vector>

#include "demo/names.h"
#include "demo/rng.h"
#include "domain/people.h"

namespace weige::demo {

// The year generated ages are counted from; people born after it - 14 have no phone.
constexpr int kReferenceYear = 2025;

// 1-4 persons living at `address`, the head of household first (born
// 1942-1998, so always an adult). Residents are families (head, spouse,
// children, a parent); some tenant households are flatmates (relation
// "other"). Every person has a name, gender, birth year and a valid ID number;
// everyone aged 14 or more has a unique mobile number; about 6% of adults are
// party members. household_id is left for the caller to set.
std::vector<Person> make_household(Rng& rng, IdentityMaker& ids, bool tenant,
                                   const std::string& address);

// A member of staff (grid worker, police officer, property staff): an adult
// of working age with a phone, no household.
Person make_staff(Rng& rng, IdentityMaker& ids, bool party_member);

}  // namespace weige::demo
