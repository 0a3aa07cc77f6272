#include "domain/mask.h"

#include <vector>

namespace weige {
namespace {

// Splits UTF-8 text into code points (as byte strings). Invalid bytes stand alone.
std::vector<std::string_view> code_points(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + len > s.size()) len = 1;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string keep_ends(std::string_view s, std::size_t head, std::size_t tail) {
  auto cps = code_points(s);
  if (cps.size() <= head + tail) {
    std::string out;
    for (std::size_t i = 0; i < cps.size(); ++i) out += i + 2 < cps.size() ? "*" : std::string(cps[i]);
    return out;
  }
  std::string out;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    out += (i < head || i >= cps.size() - tail) ? std::string(cps[i]) : std::string("*");
  }
  return out;
}

}  // namespace

std::string mask_name(std::string_view name) {
  auto cps = code_points(name);
  if (cps.empty()) return {};
  std::string out(cps[0]);
  for (std::size_t i = 1; i < cps.size(); ++i) out += '*';
  if (cps.size() == 1) out += '*';
  return out;
}

std::string mask_phone(std::string_view phone) {
  if (phone.empty()) return {};
  if (phone.size() >= 7) return keep_ends(phone, 3, 4);
  return keep_ends(phone, 0, 2);
}

std::string mask_id_number(std::string_view id_number) {
  if (id_number.empty()) return {};
  if (id_number.size() >= 10) return keep_ends(id_number, 4, 4);
  return keep_ends(id_number, 0, 2);
}

std::string mask_address(std::string_view address) {
  auto cps = code_points(address);
  if (cps.empty()) return {};
  std::string out;
  std::size_t keep = cps.size() > 8 ? 6 : cps.size() / 2;
  for (std::size_t i = 0; i < keep; ++i) out += cps[i];
  out += "****";
  return out;
}

}  // namespace weige
