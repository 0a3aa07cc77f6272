#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace weige::http {
namespace {

Response ok(Request&) { return json_response(200, {{"ok", true}}); }

TEST(RouterTest, ARouteWithoutAPermissionCannotBeRegistered) {
  Router r;
  EXPECT_THROW(r.add({.method = "GET", .pattern = "/x", .operation_id = "x", .handler = ok}), std::logic_error);
  EXPECT_NO_THROW(r.add({.method = "GET", .pattern = "/x", .operation_id = "x", .permission = Permission::kPublic, .handler = ok}));
  EXPECT_THROW(r.add({.method = "GET", .pattern = "/x", .operation_id = "y", .permission = Permission::kPublic, .handler = ok}),
               std::logic_error);
  EXPECT_THROW(r.add({.method = "GET", .pattern = "/z", .operation_id = "", .permission = Permission::kPublic, .handler = ok}),
               std::logic_error);
}

TEST(RouterTest, MatchesPathParametersAndRefusesOtherMethods) {
  Router r;
  r.add({.method = "GET", .pattern = "/a/{id}/b", .operation_id = "a", .permission = Permission::kPublic,
         .handler = [](Request& q) { return json_response(200, {{"id", q.path_params["id"]}}); }});
  Request q;
  q.method = "GET";
  q.path = "/a/42/b";
  EXPECT_EQ(r.dispatch(q).body, R"({"id":"42"})");
  q.method = "POST";
  Response no = r.dispatch(q);
  EXPECT_EQ(no.status, 405);
  q.path = "/a//b";
  q.method = "GET";
  EXPECT_EQ(r.dispatch(q).status, 404);
  q.path = "/a/42/b";
  Response guarded = r.dispatch(q, [](const Route&, Request&) { return std::optional<Response>(json_response(401, {})); });
  EXPECT_EQ(guarded.status, 401);
}

}  // namespace
}  // namespace weige::http
