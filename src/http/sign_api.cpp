// QR codes for units and micro-grids, and the printable A4 poster per
// micro-grid: the "find your micro-grid worker" sign for every stairwell.
#include "domain/mask.h"
#include "http/api.h"
#include "http/json_body.h"
#include "report/qr.h"
#include "service/people_service.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::http {
namespace {

std::string origin(const Request& r) {
  const std::string* host = r.header("host");
  const std::string* proto = r.header("x-forwarded-proto");
  return (proto && *proto == "https" ? "https://" : "http://") + (host ? *host : std::string("127.0.0.1"));
}

std::string escape_html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

Response image(Result<std::string> bytes, const char* type) {
  if (!bytes) return error_response(bytes.status());
  Response res;
  res.content_type = type;
  res.body = std::move(bytes).value();
  res.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return res;
}

}  // namespace

void Api::register_sign_routes() {
  for (const char* ext : {"png", "svg"}) {
    bool png = std::string(ext) == "png";
    router_.add({.method = "GET", .pattern = std::string("/api/v1/places/{id}/qr.") + ext,
                 .operation_id = png ? "placeQrPng" : "placeQrSvg",
                 .summary = "QR code of the report link of a unit, building, compound or site", .tag = "signs",
                 .response_schema = "", .permission = Permission::kPublic,
                 .handler = [this, png](Request& r) -> Response {
                   auto lease = pool_.acquire();
                   if (!lease) return error_response(lease.status());
                   auto id = path_id(r);
                   if (!id) return error_response(id.status());
                   auto place = store::get_place(**lease, *id);
                   if (!place) return error_response(place.status());
                   if (place->kind == PlaceKind::kHousehold || place->kind == PlaceKind::kSubdistrict) {
                     return error_response(Status::not_found("no QR code for a " + std::string(to_string(place->kind))));
                   }
                   std::string url = origin(r) + "/m/report?place=" + std::to_string(*id);
                   return png ? image(report::qr_png(url), "image/png") : image(report::qr_svg(url), "image/svg+xml");
                 }});
    router_.add({.method = "GET", .pattern = std::string("/api/v1/grids/{id}/qr.") + ext,
                 .operation_id = png ? "gridQrPng" : "gridQrSvg",
                 .summary = "QR code of the report link of a micro-grid", .tag = "signs", .response_schema = "",
                 .permission = Permission::kPublic,
                 .handler = [this, png](Request& r) -> Response {
                   auto lease = pool_.acquire();
                   if (!lease) return error_response(lease.status());
                   auto id = path_id(r);
                   if (!id) return error_response(id.status());
                   auto grid = store::get_grid(**lease, *id);
                   if (!grid) return error_response(grid.status());
                   std::string url = origin(r) + "/m/report?grid=" + std::to_string(*id);
                   return png ? image(report::qr_png(url), "image/png") : image(report::qr_svg(url), "image/svg+xml");
                 }});
  }

  router_.add({.method = "GET", .pattern = "/api/v1/grids/{id}/poster", .operation_id = "gridPoster",
               .summary = "A printable A4 poster of a micro-grid: its head and workers (masked) and its QR code",
               .tag = "signs", .response_schema = "", .permission = Permission::kMapRead,
               .slow = always_slow,
               .handler = [this](Request& r) -> Response {
                 auto run = [&]() -> Result<Response> {
                   auto lease = pool_.acquire();
                   if (!lease) return lease.status();
                   store::Db& db = **lease;
                   WEIGE_ASSIGN(Id id, path_id(r));
                   WEIGE_ASSIGN(auto sc, scope(r, db));
                   if (!service::grid_in_scope(id, sc)) return Status::not_found("grid " + std::to_string(id) + " does not exist");
                   WEIGE_ASSIGN(Grid g, store::get_grid(db, id));
                   store::AssignmentFilter f;
                   f.grid_ids = {id};
                   WEIGE_ASSIGN(auto assignments, store::list_assignments(db, f));
                   service::PeopleService people(db, vault_);
                   std::string rows;
                   for (GridRole role : {GridRole::kMicroGridHead, GridRole::kMicroGridWorker, GridRole::kGridWorker,
                                         GridRole::kPropertyStaff, GridRole::kPolice}) {
                     for (const auto& a : assignments) {
                       if (a.role != role) continue;
                       WEIGE_ASSIGN(Person p, people.get_person(a.person_id));
                       rows += "<tr><td>" + std::string(label_zh(role)) + "</td><td>" + escape_html(mask_name(p.name)) +
                               (p.party_member ? " <span class=party>党员</span>" : "") + "</td><td>" +
                               escape_html(mask_phone(p.phone)) + "</td></tr>";
                     }
                   }
                   WEIGE_ASSIGN(std::string qr, report::qr_svg(origin(r) + "/m/report?grid=" + std::to_string(id)));
                   Response res;
                   res.content_type = "text/html; charset=utf-8";
                   res.body =
                       "<!doctype html><html lang=zh-CN><meta charset=utf-8><title>找微网格员 · " + escape_html(g.name) +
                       "</title><style>@page{size:A4;margin:18mm}body{font-family:sans-serif;color:#222}"
                       "h1{color:#c00;font-size:34pt;margin:0}h2{font-size:18pt;margin:4mm 0 8mm;font-weight:normal}"
                       "table{width:100%;border-collapse:collapse;font-size:16pt}td{border-bottom:1px solid #ccc;padding:3mm}"
                       ".qr{width:80mm;margin:10mm auto 4mm;display:block}.party{color:#c00;font-size:11pt}"
                       ".foot{text-align:center;font-size:14pt}</style><body><h1>找微网格员</h1>"
                       "<h2>Find your micro-grid worker · " + escape_html(g.name) + "（" + escape_html(g.code) + "）</h2>"
                       "<table>" + rows + "</table><div class=qr>" + qr + "</div>"
                       "<p class=foot>微信扫码反映诉求 · Scan to report a matter<br>治理一张网 · 微事不出网格</p></body></html>";
                   return res;
                 };
                 auto res = run();
                 return res ? std::move(res).value() : error_response(res.status());
               }});
}

}  // namespace weige::http
