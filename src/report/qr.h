#pragma once
// QR codes (libqrencode) as PNG or SVG, for the "find your micro-grid worker"
// signs and the report links of units and micro-grids.

#include <string>

#include "domain/status.h"

namespace weige::report {

// A QR code of `text` (error correction M) as a PNG with `scale` pixels per
// module and a 4-module quiet zone.
Result<std::string> qr_png(const std::string& text, int scale = 8);
// The same as a standalone SVG document.
Result<std::string> qr_svg(const std::string& text);

}  // namespace weige::report
