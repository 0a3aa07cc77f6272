#include "report/qr.h"

#include <qrencode.h>
#include <zlib.h>

#include <memory>
#include <vector>

namespace weige::report {
namespace {

constexpr int kQuiet = 4;

struct Matrix {
  int width = 0;
  std::vector<bool> dark;
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * width + x)]; }
};

Result<Matrix> encode(const std::string& text) {
  if (text.empty() || text.size() > 1000) return Status::invalid("a QR code holds 1 to 1000 bytes");
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  if (!code) return Status::internal("the QR code could not be encoded");
  Matrix m;
  m.width = code->width;
  m.dark.resize(static_cast<std::size_t>(m.width * m.width));
  for (int i = 0; i < m.width * m.width; ++i) m.dark[static_cast<std::size_t>(i)] = (code->data[i] & 1) != 0;
  return m;
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

void chunk(std::string& png, const char* type, const std::string& data) {
  put_u32(png, static_cast<std::uint32_t>(data.size()));
  std::string body = std::string(type, 4) + data;
  png += body;
  put_u32(png, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

}  // namespace

Result<std::string> qr_png(const std::string& text, int scale) {
  if (scale < 1 || scale > 40) return Status::invalid("scale is 1..40");
  WEIGE_ASSIGN(Matrix m, encode(text));
  const int size = (m.width + 2 * kQuiet) * scale;
  // 8-bit greyscale rows, each prefixed by filter type 0.
  std::string raw;
  raw.reserve(static_cast<std::size_t>(size * (size + 1)));
  for (int py = 0; py < size; ++py) {
    raw += '\0';
    int y = py / scale - kQuiet;
    for (int px = 0; px < size; ++px) {
      int x = px / scale - kQuiet;
      bool dark = x >= 0 && y >= 0 && x < m.width && y < m.width && m.at(x, y);
      raw += static_cast<char>(dark ? 0x00 : 0xFF);
    }
  }
  uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
  std::string packed(packed_size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size, reinterpret_cast<const Bytef*>(raw.data()),
                static_cast<uLong>(raw.size()), 9) != Z_OK) {
    return Status::internal("the QR image could not be compressed");
  }
  packed.resize(packed_size);
  std::string png = "\x89PNG\r\n\x1A\n";
  std::string ihdr;
  put_u32(ihdr, static_cast<std::uint32_t>(size));
  put_u32(ihdr, static_cast<std::uint32_t>(size));
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit, greyscale, deflate, no filter, no interlace
  chunk(png, "IHDR", ihdr);
  chunk(png, "IDAT", packed);
  chunk(png, "IEND", "");
  return png;
}

Result<std::string> qr_svg(const std::string& text) {
  WEIGE_ASSIGN(Matrix m, encode(text));
  const int size = m.width + 2 * kQuiet;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
                    std::to_string(size) + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
                    "fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < m.width; ++y) {
    for (int x = 0; x < m.width; ++x) {
      if (m.at(x, y)) svg += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h1v1h-1z";
    }
  }
  svg += "\"/></svg>";
  return svg;
}

}  // namespace weige::report
