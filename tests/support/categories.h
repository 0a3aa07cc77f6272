#pragma once
// Ids of categories that migration 0003 seeds, as the tests use them.

#include "domain/map.h"

namespace weige::testing {

inline constexpr Id kPetsCategory = 102;     // dispute.pets: micro level, micro-grid path
inline constexpr Id kFumesCategory = 201;    // environment.fumes
inline constexpr Id kParkingCategory = 304;  // order.parking
inline constexpr Id kLiftCategory = 501;     // property.lift

}  // namespace weige::testing
