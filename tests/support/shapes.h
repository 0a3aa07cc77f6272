#pragma once
// Small shapes for geometry and map-rule tests.

#include "domain/geometry.h"

namespace weige::testing {

// The axis-aligned rectangle with corners (x0, y0) and (x1, y1).
inline Polygon rect(double x0, double y0, double x1, double y1) {
  return Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}};
}

}  // namespace weige::testing
