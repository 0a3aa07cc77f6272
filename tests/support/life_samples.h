#pragma once
// One of everything in community life, created through the API as the test
// server's default admin: for tests that need a sample id per route.

#include "domain/map.h"

namespace weige::testing {

struct LifeSamples {
  Id linker = 0;  // the party member who links `household`
  Id plan, patrol, observation, visit, topic, meeting, convention, version, notice, campaign;
};

// `grid` holds `micro`, which holds `household`; `compound` lies in `grid`.
LifeSamples add_life_samples(int port, Id grid, Id micro, Id compound, Id household);

}  // namespace weige::testing
