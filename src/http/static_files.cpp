#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/api.h"

namespace weige::http {
namespace {

std::string mime_type(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> kTypes{
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".ico", "image/x-icon"},
      {".woff2", "font/woff2"}, {".woff", "font/woff"}, {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"}, {".webmanifest", "application/manifest+json"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool read_file(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

Response serve_static(const std::string& web_dir, const Request& request) {
  namespace fs = std::filesystem;
  if (request.method != "GET" && request.method != "HEAD") {
    return error_response(Status::not_found("no endpoint " + request.method + " " + request.path));
  }
  std::error_code ec;
  fs::path root = fs::weakly_canonical(web_dir, ec);
  std::string rel = request.path;
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  fs::path target = fs::weakly_canonical(root / rel, ec);
  // Refuse anything that resolves outside the web root (../, symlinks).
  auto [r_end, t_it] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
  bool inside = !ec && r_end == root.end();
  Response res;
  if (inside && !rel.empty() && fs::is_regular_file(target, ec) && read_file(target, res.body)) {
    res.content_type = mime_type(target);
    bool hashed = rel.rfind("assets/", 0) == 0;
    res.headers.emplace_back("Cache-Control",
                             hashed ? "public, max-age=31536000, immutable" : "no-cache");
    return res;
  }
  if (fs::path(rel).has_extension() && rel.find('.') != std::string::npos && inside) {
    return error_response(Status::not_found("no file " + request.path));
  }
  if (!read_file(root / "index.html", res.body)) {
    return error_response(Status::not_found("the web app is not built (no index.html in " + web_dir + ")"));
  }
  res.content_type = "text/html; charset=utf-8";
  res.headers.emplace_back("Cache-Control", "no-cache");
  return res;
}

}  // namespace weige::http
